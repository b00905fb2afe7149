package io.ibasho.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The first piece of docs/adr/0027 against the real test Keycloak: the gateway's account service account writes her
 * confirmed address into her account as verified, and removes it again (withdrawn or replaced channel).
 */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
class ConfirmedEmailInKeycloakTest {

    @Inject
    io.ibasho.gateway.recovery.KeycloakAccounts gatewayAccounts;

    @Test
    void theConfirmedAddressIsStoredVerifiedAndRemovedAgain() {
        KeycloakAccounts accounts = KeycloakAccounts.asAdmin();
        String username = "mailto-" + UUID.randomUUID().toString().substring(0, 8);
        String userId = accounts.createAttendee(username);
        String address = username + "@example.org";
        try {
            String admin = gatewayAccounts.adminToken().await().atMost(Duration.ofSeconds(20));
            var before = gatewayAccounts.user(admin, userId).await().atMost(Duration.ofSeconds(20));
            gatewayAccounts
                    .storeConfirmedEmail(admin, userId, before, Optional.of(address))
                    .await()
                    .atMost(Duration.ofSeconds(20));
            assertThat(accounts.user(userId).getString("email")).isEqualTo(address);
            assertThat(accounts.user(userId).getBoolean("emailVerified")).isTrue();

            var withAddress = gatewayAccounts.user(admin, userId).await().atMost(Duration.ofSeconds(20));
            gatewayAccounts
                    .storeConfirmedEmail(admin, userId, withAddress, Optional.empty())
                    .await()
                    .atMost(Duration.ofSeconds(20));
            assertThat(accounts.user(userId).getString("email")).isNullOrEmpty();
            assertThat(accounts.user(userId).getBoolean("emailVerified")).isFalse();
        } finally {
            accounts.delete(userId);
        }
    }
}
