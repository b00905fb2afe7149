package io.ibasho.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSecretTest {

    @Test
    void generatedSecretsAreWhsecPrefixedBase64OfAtLeast24BytesAndRoundTrip() {
        WebhookSecret secret = WebhookSecret.generate(new SecureRandom());

        assertThat(secret.encoded()).startsWith("whsec_");
        byte[] key = Base64.getDecoder().decode(secret.encoded().substring("whsec_".length()));
        assertThat(key.length).isGreaterThanOrEqualTo(24);
        assertThat(WebhookSecret.parse(secret.encoded()).encoded()).isEqualTo(secret.encoded());
    }

    @Test
    void generatedSecretsDiffer() {
        var random = new SecureRandom();

        assertThat(WebhookSecret.generate(random).encoded())
                .isNotEqualTo(WebhookSecret.generate(random).encoded());
    }

    @Test
    void refusesKeysShorterThan24Bytes() {
        String short23 = "whsec_" + Base64.getEncoder().encodeToString(new byte[23]);

        assertThatThrownBy(() -> WebhookSecret.parse(short23)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesKeysLongerThan64Bytes() {
        String long65 = "whsec_" + Base64.getEncoder().encodeToString(new byte[65]);

        assertThatThrownBy(() -> WebhookSecret.parse(long65)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAMissingPrefixAndBadBase64() {
        String bare = Base64.getEncoder().encodeToString(new byte[32]);

        assertThatThrownBy(() -> WebhookSecret.parse(bare)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_not*base64")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringNeverShowsTheKey() {
        WebhookSecret secret = WebhookSecret.generate(new SecureRandom());

        assertThat(secret.toString()).doesNotContain(secret.encoded().substring("whsec_".length()));
    }
}
