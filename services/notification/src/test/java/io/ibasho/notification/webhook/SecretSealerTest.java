package io.ibasho.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Sealing webhook secrets at rest: plain unit tests, no Quarkus. */
class SecretSealerTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void aSealedSecretOpensWithTheSameKeyForTheSameEndpointAndShowsNothingOfTheSecret() {
        SecretSealer sealer = new SecretSealer(newKey(), RANDOM);
        String sealed = sealer.seal(SECRET, "webhook-endpoint:1");
        assertThat(sealed)
                .startsWith(SecretSealer.PREFIX)
                .doesNotContain("whsec_")
                .doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(sealer.open(sealed, "webhook-endpoint:1")).isEqualTo(SECRET);
        // a fresh nonce each time: the same secret never seals to the same text
        assertThat(sealer.seal(SECRET, "webhook-endpoint:1")).isNotEqualTo(sealed);
    }

    @Test
    void anotherKeyAnotherEndpointOrAnAlteredValueDoNotOpen() {
        SecretSealer sealer = new SecretSealer(newKey(), RANDOM);
        String sealed = sealer.seal(SECRET, "webhook-endpoint:1");
        assertThatThrownBy(() -> new SecretSealer(newKey(), RANDOM).open(sealed, "webhook-endpoint:1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> sealer.open(sealed, "webhook-endpoint:2")).isInstanceOf(IllegalStateException.class);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(SecretSealer.PREFIX.length()));
        bytes[bytes.length - 1] ^= 1;
        String altered = SecretSealer.PREFIX + Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> sealer.open(altered, "webhook-endpoint:1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sealer.open(SecretSealer.PREFIX + "not*base64", "webhook-endpoint:1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSecretStoredBeforeSealingExistedIsReadAsItIs() {
        assertThat(new SecretSealer(newKey(), RANDOM).open(SECRET, "webhook-endpoint:1"))
                .isEqualTo(SECRET);
    }

    @Test
    void theKeyMustBeThirtyTwoBytesOfBase64() {
        assertThatThrownBy(() -> new SecretSealer(null, RANDOM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretSealer("not*base64", RANDOM)).hasMessageContaining("base64");
        assertThatThrownBy(() -> new SecretSealer(Base64.getEncoder().encodeToString(new byte[16]), RANDOM))
                .hasMessageContaining("32 bytes");
    }
}
