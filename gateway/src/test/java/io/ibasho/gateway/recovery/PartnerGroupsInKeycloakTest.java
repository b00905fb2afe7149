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

    /** The venue form's list: the groups of her own organisation, never another's (organiser2's minato has none). */
    @Test
    void anOrganisationsPartnerGroupsAreItsOwnOnly() {
        String admin = keycloak.adminToken().await().atMost(WAIT);
        assertThat(keycloak.partnerGroupsOf(admin, "hinata").await().atMost(WAIT))
                .contains("tsubomi")
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(keycloak.partnerGroupsOf(admin, "minato").await().atMost(WAIT))
                .doesNotContain("tsubomi");
        assertThat(keycloak.partnerGroupsOf(admin, "another-organisation")
                        .await()
                        .atMost(WAIT))
                .isEmpty();
    }

    private boolean exists(String admin, String organisation, String group) {
        return keycloak.partnerGroupExists(admin, organisation, group).await().atMost(WAIT);
    }
}
