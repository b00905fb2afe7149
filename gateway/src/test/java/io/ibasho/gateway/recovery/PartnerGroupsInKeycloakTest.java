package io.ibasho.gateway.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.EchoUpstream;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The venue form links a venue only to partner groups that exist: a partner account of the organisation carries the
 * id (the realm's partner1: organisation hinata, group tsubomi). A typo, a prefix or another organisation's id is no
 * group.
 */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
class PartnerGroupsInKeycloakTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    KeycloakAccounts keycloak;

    @Test
    void aGroupExistsOnlyWhenAPartnerAccountOfTheOrganisationCarriesIt() {
        String admin = keycloak.adminToken().await().atMost(WAIT);
        assertThat(exists(admin, "hinata", "tsubomi")).isTrue();
        assertThat(exists(admin, "hinata", "tsubomii")).as("a typo").isFalse();
        assertThat(exists(admin, "hinata", "tsubom")).as("a prefix").isFalse();
        assertThat(exists(admin, "another-organisation", "tsubomi"))
                .as("another organisation's group")
                .isFalse();
    }

    private boolean exists(String admin, String organisation, String group) {
        return keycloak.partnerGroupExists(admin, organisation, group).await().atMost(WAIT);
    }
}
