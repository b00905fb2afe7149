package io.ibasho.gateway.herdata;

import io.ibasho.gateway.web.ServiceCalls;
import io.ibasho.gateway.web.ServiceCalls.Answer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * She deletes her account (docs/adr/0014): first what every service holds is counted (for her confirmation), then
 * registration erases its part and emits {@code SubjectErased} (it checks her confirmation word and that she signed in
 * within the last minutes), then her Keycloak account is deleted. Repeating it after a failure is safe: every step is
 * idempotent.
 */
@ApplicationScoped
public class HerDataErasure {
    @Inject
    HerDataCollector collector;

    @Inject
    ServiceCalls services;

    @Inject
    AccountDeletion accounts;

    /** How it ended: done with her confirmation, or refused / failed with a problem to show. */
    public sealed interface Outcome permits Done, Refused {}

    /** @param receipt erasureId, erasedAt, erased (counts per service and kind), account */
    public record Done(JsonObject receipt) implements Outcome {}

    /** @param answer a problem+json answer: the service's own refusal, or the gateway's */
    public record Refused(Answer answer) implements Outcome {}

    public Uni<Outcome> erase(String accessToken, String subject, String confirm) {
        return collector
                .collect(accessToken, subject)
                .map(HerDataCollector::counts)
                .flatMap(counts -> services.postNotRateLimited(
                                "registration",
                                "/api/registrations/me/erasure",
                                accessToken,
                                Map.of("confirm", confirm == null ? "" : confirm))
                        .flatMap(answer -> {
                            if (!answer.ok()) {
                                return Uni.createFrom().item((Outcome) new Refused(answer));
                            }
                            JsonObject registration = answer.object();
                            JsonObject erased = counts.copy()
                                    .put("registration", registration.getJsonObject("erased", new JsonObject()));
                            return accounts.delete(subject)
                                    .map(deleted -> deleted
                                            ? new Done(new JsonObject()
                                                    .put("erasureId", registration.getString("erasureId"))
                                                    .put("erasedAt", registration.getString("erasedAt"))
                                                    .put("erased", erased)
                                                    .put("account", "deleted")
                                                    .put(
                                                            "note",
                                                            "The other services act on the erasure within seconds. Anonymous"
                                                                    + " totals (counts per session) remain."))
                                            : new Refused(problem(
                                                    502,
                                                    "account-not-deleted",
                                                    "Your data was erased, but the account itself could not be deleted just"
                                                            + " now. Please try again; nothing is erased twice.")));
                        }))
                .onFailure(HerDataCollector.Incomplete.class)
                .recoverWithItem(failure -> ((HerDataCollector.Incomplete) failure).status == 403
                        // staff and partner accounts are not attendees: they hold no data of this kind (ADR 0008)
                        ? new Refused(problem(403, "forbidden", "Only an attendee's own account can be erased here."))
                        : new Refused(problem(
                                503,
                                "service-unavailable",
                                "Not every part of Ibasho answered, so nothing was erased. Please try again later.")));
    }

    static Answer problem(int status, String type, String detail) {
        return new Answer(
                status,
                io.vertx.core.buffer.Buffer.buffer(new JsonObject()
                        .put("type", "https://ibasho.example/problems/" + type)
                        .put(
                                "title",
                                switch (status) {
                                    case 403 -> "Forbidden";
                                    case 503 -> "Service unavailable";
                                    default -> "Bad gateway";
                                })
                        .put("status", status)
                        .put("detail", detail)
                        .encode()),
                "application/problem+json");
    }
}
