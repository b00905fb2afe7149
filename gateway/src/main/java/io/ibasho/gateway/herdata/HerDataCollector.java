package io.ibasho.gateway.herdata;

import io.ibasho.gateway.web.ServiceCalls;
import io.ibasho.gateway.web.ServiceCalls.Answer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Her data export (issue #18), assembled from every service's {@code /me/data} with her own token: each service
 * decides from the token's subject what is hers, so the gateway never names anyone. All or nothing: an export with a
 * service missing would tell her less than we hold, so a missing part fails the whole.
 */
@ApplicationScoped
public class HerDataCollector {
    /** service name, path of its part, key in the export. */
    record Part(String service, String path, String key) {}

    static final List<Part> PARTS = List.of(
            new Part("registration", "/api/registrations/me/data", "registration"),
            new Part("childcare-booking", "/api/childcare/me/data", "childcareBooking"),
            new Part("notification", "/api/notifications/me/data", "notification"),
            new Part("event", "/api/events/me/data", "event"));

    @Inject
    ServiceCalls services;

    @Inject
    Clock clock;

    /** A part could not be had; names the service, never anything of hers. */
    public static final class Incomplete extends RuntimeException {
        public final int status;

        Incomplete(String service, int status) {
            super("the " + service + " service answered " + status);
            this.status = status;
        }
    }

    public Uni<JsonObject> collect(String accessToken, String subject) {
        return Uni.join()
                .all(PARTS.stream()
                        .map(part -> services.get(part.service(), part.path(), accessToken))
                        .toList())
                .andFailFast()
                .map(answers -> {
                    JsonObject export = new JsonObject()
                            .put("generatedAt", Instant.now(clock).toString())
                            .put("accountId", subject)
                            .put(
                                    "about",
                                    "Everything Ibasho holds about this account, from every service. Anonymous totals"
                                            + " (counts per session) are not personal data and are not listed.");
                    for (int i = 0; i < PARTS.size(); i++) {
                        Answer answer = answers.get(i);
                        if (!answer.ok()) {
                            throw new Incomplete(PARTS.get(i).service(), answer.status());
                        }
                        export.put(PARTS.get(i).key(), answer.object());
                    }
                    return export;
                });
    }

    /** Counts per kind of what an export holds (for the erasure's confirmation): never content. */
    public static JsonObject counts(JsonObject export) {
        JsonObject childcare = export.getJsonObject("childcareBooking", new JsonObject());
        JsonArray bookings = childcare.getJsonArray("childcareBookings", new JsonArray());
        int children = 0;
        int notes = 0;
        for (Object booking : bookings) {
            for (Object child : ((JsonObject) booking).getJsonArray("children", new JsonArray())) {
                children++;
                JsonObject c = (JsonObject) child;
                if (c.getString("careNotes") != null || c.getString("nickname") != null) {
                    notes++;
                }
            }
        }
        JsonObject notification = export.getJsonObject("notification", new JsonObject());
        JsonObject settings = notification.getJsonObject("settings");
        JsonObject event = export.getJsonObject("event", new JsonObject());
        return new JsonObject()
                .put(
                        "childcare-booking",
                        new JsonObject()
                                .put("childcareBookings", bookings.size())
                                .put("children", children)
                                .put("childrenWithNicknameOrNotes", notes)
                                .put(
                                        "consentRecords",
                                        childcare
                                                .getJsonArray("consents", new JsonArray())
                                                .size()))
                .put(
                        "notification",
                        new JsonObject()
                                .put(
                                        "messages",
                                        notification
                                                .getJsonArray("messages", new JsonArray())
                                                .size())
                                .put("settings", settings == null ? 0 : 1)
                                .put(
                                        "talkRequests",
                                        notification
                                                .getJsonArray("talkRequests", new JsonArray())
                                                .size())
                                .put(
                                        "emailAddresses",
                                        settings == null
                                                ? 0
                                                : (settings.getString("emailAddress") == null ? 0 : 1)
                                                        + (settings.getString("pendingEmail") == null ? 0 : 1))
                                .put(
                                        "consentRecords",
                                        notification
                                                .getJsonArray("consents", new JsonArray())
                                                .size()))
                .put(
                        "event",
                        new JsonObject()
                                .put(
                                        "attendeeConfirmations",
                                        event.getJsonArray("attendeeConfirmations", new JsonArray())
                                                .size()));
    }
}
