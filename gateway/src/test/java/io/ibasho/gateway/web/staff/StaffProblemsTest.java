package io.ibasho.gateway.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.web.Language;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every problem type a service can answer to the door's and the partner's webhook forms has Japanese and English words
 * on the staff screens: the types are read from the services' code (their refusals and the plumbing kit's), so a new
 * refusal without words fails here instead of showing its English {@code detail} to an organiser.
 */
class StaffProblemsTest {
    private static final Path SERVICES = Path.of("..", "services");
    private static final Path PLUMBING = SERVICES.resolve("plumbing/src/main/java/io/ibasho/plumbing");
    private static final Path REGISTRATION = SERVICES.resolve("registration/src/main/java/io/ibasho/registration");
    private static final Path NOTIFICATION = SERVICES.resolve("notification/src/main/java/io/ibasho/notification");

    private static final Pattern[] TYPES = {
        Pattern.compile(
                "Refusal\\.(?:conflict|invalid|badRequest|forbidden|rules|tooManyRequests)\\(\\s*\"([a-z0-9-]+)\""),
        Pattern.compile("new Refusal\\(\\s*Refusal\\.Kind\\.\\w+,\\s*\"([a-z0-9-]+)\""),
        Pattern.compile("ProblemDetail\\.of\\(\\s*\\d{3},\\s*\"([a-z0-9-]+)\""),
        Pattern.compile("TYPE_BASE \\+ \"([a-z0-9-]+)\""),
        Pattern.compile("problems/([a-z0-9-]+)\""),
    };

    @Test
    void everyRefusalOfTheDoorHasWords() {
        Set<String> types = typesIn(
                PLUMBING.resolve("problem"),
                PLUMBING.resolve("http"),
                PLUMBING.resolve("refusal"),
                REGISTRATION.resolve("service/CheckInService.java"),
                REGISTRATION.resolve("service/OrganiserAccess.java"),
                REGISTRATION.resolve("idempotency"),
                Path.of("src/main/java/io/ibasho/gateway/web/ServiceCalls.java"));
        assertThat(types)
                .contains(
                        "not-confirmed",
                        "already-checked-in",
                        "session-cancelled",
                        "not-door-day",
                        "not-found",
                        "busy");
        assertThat(StaffProblems.DOOR).containsKeys(types.toArray(String[]::new));
    }

    @Test
    void everyRefusalOfTheWebhookFormsHasWords() {
        Set<String> types = typesIn(
                PLUMBING.resolve("problem"),
                PLUMBING.resolve("http"),
                PLUMBING.resolve("refusal"),
                NOTIFICATION.resolve("rest/WebhookResource.java"),
                Path.of("src/main/java/io/ibasho/gateway/web/ServiceCalls.java"));
        assertThat(types).contains("invalid-webhook-url", "venue-not-linked", "no-partner-group", "not-found");
        assertThat(StaffProblems.WEBHOOKS).containsKeys(types.toArray(String[]::new));
    }

    @Test
    void everyRefusalOfTheLotteryPageHasWords() {
        Set<String> types = typesIn(
                PLUMBING.resolve("problem"),
                PLUMBING.resolve("http"),
                PLUMBING.resolve("refusal"),
                REGISTRATION.resolve("service/LotteryService.java"),
                REGISTRATION.resolve("service/OrganiserAccess.java"),
                REGISTRATION.resolve("idempotency"),
                Path.of("src/main/java/io/ibasho/gateway/web/ServiceCalls.java"));
        assertThat(types).contains("applications-still-open", "allocating", "already-drawn", "not-lottery");
        // a second 抽選する meets already-drawn: the lottery page answers it as drawn, not as a refusal
        types.remove("already-drawn");
        // her application's refusals (the same service class), which the organiser's page never sends for
        types.removeAll(
                Set.of("applications-closed", "already-registered", "childcare-not-offered", "priority-tier-unknown"));
        assertThat(types).contains("draw-in-progress");
        assertThat(StaffProblems.LOTTERY).containsKeys(types.toArray(String[]::new));
    }

    @Test
    void theWordsAreTheScreensOwnNeverTheServicesDetail() {
        for (Map<String, StaffProblems.Words> screen :
                java.util.List.of(StaffProblems.DOOR, StaffProblems.WEBHOOKS, StaffProblems.LOTTERY)) {
            screen.forEach((type, words) -> {
                assertThat(words.ja()).as(type).isNotBlank().doesNotContainPattern("[A-Za-z]{3,} [A-Za-z]{3,}");
                assertThat(words.en()).as(type).isNotBlank();
            });
        }
        assertThat(StaffProblems.say(StaffProblems.WEBHOOKS, "invalid-webhook-url", 422, Language.JA))
                .startsWith("このURLには送れません")
                .doesNotContain("UNRESOLVABLE");
        // a bare HTTP status without a type is said by what it means
        assertThat(StaffProblems.say(StaffProblems.DOOR, "http-502", 502, Language.JA))
                .contains("少し待って");
    }

    @Test
    void theDoorSaysARefusalCarriedAcrossTheRedirectInItsOwnWords() {
        JsonArray roster = new JsonArray()
                .add(new JsonObject()
                        .put("registrationId", "r1")
                        .put("status", "confirmed")
                        .put("attendance", "ATTENDED")
                        .put("attendedAt", "2026-12-08T01:05:00Z"));
        assertThat(DoorPages.refusal("already-checked-in", roster, "r1", Language.JA))
                .isEqualTo("すでに受付済みです（10:05）。");
        assertThat(DoorPages.refusal("already-checked-in", roster, "r1", Language.EN))
                .isEqualTo("Already checked in (at 10:05).");
        assertThat(DoorPages.refusal("code-missing", roster, null, Language.JA)).isEqualTo("予約コードを入力してください。");
        assertThat(DoorPages.refusal("not-confirmed", roster, null, Language.JA))
                .isEqualTo("出欠は、予約が確定している方だけ記録できます。");
        assertThat(DoorPages.refusal("not-found", roster, null, Language.JA)).doesNotContain("No such");
        // registration's refusal of a check-in or drop-in on another day, in the page's words
        assertThat(DoorPages.refusal("not-door-day", roster, null, Language.JA)).isEqualTo("受付と飛び入りは、開催日の当日に記録できます。");
        assertThat(DoorPages.refusal("not-door-day", roster, null, Language.EN))
                .isEqualTo("Check-ins and drop-ins are recorded on the day of the session.");
        assertThat(DoorPages.problemOf(new io.ibasho.gateway.web.ServiceCalls.Answer(
                        409,
                        io.vertx.core.buffer.Buffer.buffer(
                                "{\"type\":\"https://ibasho.example/problems/not-door-day\",\"status\":409}"),
                        "application/problem+json")))
                .isEqualTo("not-door-day");
        // typed into the URL by hand: never shown as it came
        assertThat(DoorPages.refusal("<b>hi</b>", roster, null, Language.JA)).doesNotContain("hi");
        assertThat(DoorPages.refusal(null, roster, null, Language.JA)).isNull();
    }

    private static Set<String> typesIn(Path... places) {
        Set<String> types = new TreeSet<>();
        for (Path place : places) {
            assertThat(place).as("the services' code is beside the gateway").exists();
            try (Stream<Path> files = Files.walk(place)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    String code = read(f);
                    for (Pattern type : TYPES) {
                        Matcher m = type.matcher(code);
                        while (m.find()) {
                            types.add(m.group(1));
                        }
                    }
                    if (code.contains("Refusal.notFound(") || code.contains("Refusal notFound(")) {
                        types.add("not-found");
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return types;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
