package io.ibasho.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TestRealmTest {
    private static final Pattern POLICY = Pattern.compile("\"passwordPolicy\"\\s*:\\s*\"([^\"]*)\"");

    @Test
    void theTestServersRealmKeepsEveryRuleSheMeetsAndOnlyHashesCheaper() throws IOException {
        String shipped;
        try (InputStream in = KeycloakServer.class.getResourceAsStream(KeycloakServer.REALM_RESOURCE)) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String forTests = new String(KeycloakServer.realmForTests(), StandardCharsets.UTF_8);

        String shippedPolicy = policyOf(shipped);
        assertEquals(shippedPolicy + " and hashAlgorithm(pbkdf2-sha256) and hashIterations(1)", policyOf(forTests));
        assertTrue(shippedPolicy.contains("length("), shippedPolicy);
        // nothing else differs: same realm, users, clients and roles
        assertEquals(shipped.replace(shippedPolicy, ""), forTests.replace(policyOf(forTests), ""));
    }

    @Test
    void aLanesCopyOfTheRealmDiffersOnlyInItsName() {
        String forTests = new String(KeycloakServer.realmForTests(), StandardCharsets.UTF_8);
        String lane = new String(KeycloakServer.realmForTests("ibasho-lane-1"), StandardCharsets.UTF_8);

        assertTrue(lane.contains("\"realm\": \"ibasho-lane-1\""), "the lane's realm name");
        // the login theme and the default roles keep their names: the tests and the pages ask for them
        assertEquals(forTests.replaceFirst("\"realm\"\\s*:\\s*\"ibasho\"", "\"realm\": \"ibasho-lane-1\""), lane);
    }

    @Test
    void aLaneSignsWithTheGivenKeyAndNothingElseChanges() {
        String lane = new String(KeycloakServer.realmForTests("ibasho-lane-1"), StandardCharsets.UTF_8);
        String keyed =
                new String(KeycloakServer.realmForTests("ibasho-lane-1", "MIIEkeyBase64"), StandardCharsets.UTF_8);

        int start = keyed.indexOf("\"org.keycloak.keys.KeyProvider\"");
        String providers = keyed.substring(start, keyed.indexOf("}}],", start) + 4);
        assertTrue(providers.contains("\"providerId\": \"rsa\""), providers);
        assertTrue(providers.contains("\"algorithm\": [\"RS256\"], \"privateKey\": [\"MIIEkeyBase64\"]"), providers);
        assertTrue(providers.contains("\"hmac-generated\"") && providers.contains("\"aes-generated\""), providers);
        assertEquals(lane, keyed.replace(providers, ""));
    }

    private static String policyOf(String realm) {
        Matcher matcher = POLICY.matcher(realm);
        assertTrue(matcher.find(), "a passwordPolicy");
        return matcher.group(1);
    }
}
