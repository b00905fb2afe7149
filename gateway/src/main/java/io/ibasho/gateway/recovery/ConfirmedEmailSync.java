package io.ibasho.gateway.recovery;

import io.ibasho.gateway.web.ServiceCalls;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Copies the address notification confirmed with a code into her Keycloak account (verified), or clears it, so that
 * Keycloak's "forgot password" mails only an address she proved (docs/adr/0027). Run after each step that can change
 * it: the code confirmed, e-mail switched on or off (an address she gets no e-mail at gets no reset link either), the
 * e-mail consent withdrawn (address removed); and again when she opens her settings, in
 * case Keycloak could not be reached the first time. The address is read from notification with the gateway's account
 * service account and goes straight into the admin call: never into a log, a URL or Kafka.
 */
@ApplicationScoped
public class ConfirmedEmailSync {
    private static final Logger LOG = Logger.getLogger(ConfirmedEmailSync.class);

    /** What a sync did; the address itself is never part of it. */
    public enum Outcome {
        STORED,
        CLEARED,
        UNCHANGED,
        UNAVAILABLE
    }

    @Inject
    KeycloakAccounts accounts;

    @Inject
    ServiceCalls services;

    /** Never fails: a Keycloak or notification outage leaves her account as it was (she is told nothing changed). */
    public Uni<Outcome> sync(String userId) {
        if (userId == null || !userId.matches("[0-9a-fA-F-]{36}")) {
            return Uni.createFrom().item(Outcome.UNAVAILABLE);
        }
        return accounts.adminToken()
                .flatMap(admin -> services.get(
                                "notification", "/api/notifications/internal/confirmed-email/" + userId, admin)
                        .flatMap(answer -> {
                            if (!answer.ok()) {
                                throw new KeycloakAccounts.Unavailable("confirmed address: status " + answer.status());
                            }
                            Optional<String> address = Optional.ofNullable(
                                            answer.object().getString("address"))
                                    .filter(a -> !a.isBlank());
                            return accounts.user(admin, userId).flatMap(user -> store(admin, userId, user, address));
                        }))
                .ifNoItem()
                .after(Duration.ofSeconds(20))
                .fail()
                .onFailure()
                .recoverWithItem(failure -> {
                    // the kind of failure only: never whose account or which address
                    LOG.warnf(
                            "confirmed e-mail not copied to the account: %s",
                            failure.getClass().getSimpleName());
                    return Outcome.UNAVAILABLE;
                });
    }

    private Uni<Outcome> store(String admin, String userId, JsonObject user, Optional<String> address) {
        String stored = user.getString("email");
        boolean verified = user.getBoolean("emailVerified", false);
        if (address.isPresent()
                ? address.get().equalsIgnoreCase(Objects.toString(stored, "")) && verified
                : (stored == null || stored.isBlank()) && !verified) {
            return Uni.createFrom().item(Outcome.UNCHANGED);
        }
        return accounts.storeConfirmedEmail(admin, userId, user, address)
                .map(ignored -> address.isPresent() ? Outcome.STORED : Outcome.CLEARED);
    }
}
