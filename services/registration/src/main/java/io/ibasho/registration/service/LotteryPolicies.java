package io.ibasho.registration.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.lottery.LotteryPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy of a lottery session, from the event service's settings: seats = capacity; {@code priority} labels
 * become tiers; {@code oneWinPerMonth}; {@code childcareRequiredToWin} (default true, as the issue asks);
 * {@code confirmationRequired} (default false: winners are confirmed at once) with {@code confirmationHours}
 * (default {@value #DEFAULT_CONFIRMATION_HOURS}; a value outside 1..{@value #MAX_CONFIRMATION_HOURS} falls back to the
 * default, because a broken setting must not stop the draw).
 */
public final class LotteryPolicies {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final int DEFAULT_CONFIRMATION_HOURS = 48;
    /** Four weeks: longer would hold a seat past any sensible session date. */
    public static final int MAX_CONFIRMATION_HOURS = 672;

    private LotteryPolicies() {}

    public static LotteryPolicy of(SessionCopy session) {
        JsonNode settings = read(session.lotterySettings);
        List<String> tiers = new ArrayList<>();
        // priorityTiers is the name everywhere now; priority is what older events carry
        settings.path(settings.has("priorityTiers") ? "priorityTiers" : "priority")
                .forEach(label -> tiers.add(label.asText()));
        int seats = session.capacity == null || session.capacity < 1 ? 1 : session.capacity;
        boolean confirmationRequired = settings.path("confirmationRequired").asBoolean(false);
        int hours = settings.path("confirmationHours").asInt(DEFAULT_CONFIRMATION_HOURS);
        if (hours < 1 || hours > MAX_CONFIRMATION_HOURS) {
            hours = DEFAULT_CONFIRMATION_HOURS;
        }
        return new LotteryPolicy(
                seats,
                tiers,
                settings.path("oneWinPerMonth").asBoolean(false),
                settings.path("childcareRequiredToWin").asBoolean(true),
                confirmationRequired,
                confirmationRequired ? hours : 0);
    }

    private static JsonNode read(String settings) {
        try {
            return settings == null ? JSON.createObjectNode() : JSON.readTree(settings);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
