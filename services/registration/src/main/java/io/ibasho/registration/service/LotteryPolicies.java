package io.ibasho.registration.service;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ibasho.registration.SessionCopy;
import io.ibasho.registration.lottery.LotteryPolicy;

/**
 * The policy of a lottery session, from the event service's settings: seats = capacity; {@code priority} labels
 * become tiers; {@code oneWinPerMonth}; {@code childcareRequiredToWin} (default true, as the issue asks).
 * Confirmation by winners ({@code confirmationRequired}) is not supported yet: winners are confirmed at once.
 */
public final class LotteryPolicies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LotteryPolicies() {
    }

    public static LotteryPolicy of(SessionCopy session) {
        JsonNode settings = read(session.lotterySettings);
        List<String> tiers = new ArrayList<>();
        settings.path("priority").forEach(label -> tiers.add(label.asText()));
        int seats = session.capacity == null || session.capacity < 1 ? 1 : session.capacity;
        return new LotteryPolicy(seats, tiers, settings.path("oneWinPerMonth").asBoolean(false),
                settings.path("childcareRequiredToWin").asBoolean(true), false, 0);
    }

    private static JsonNode read(String settings) {
        try {
            return settings == null ? JSON.createObjectNode() : JSON.readTree(settings);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
