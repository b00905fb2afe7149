package io.ibasho.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.notification.support.Db;
import io.ibasho.notification.webhook.SecretSealer;
import io.ibasho.testsupport.IbashoServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue #14: webhook secrets stored before sealing existed were left in plaintext forever; they are sealed in place. */
@QuarkusTest
@WithTestResource(value = IbashoServers.class, initArgs = @ResourceArg(name = "database", value = "notification"))
class WebhookSecretSealingTest {
    private static final String PLAINTEXT = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String PREVIOUS = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

    @Inject
    WebhookService webhooks;

    @Inject
    SecretSealer sealer;

    @Test
    void secretsStoredInPlaintextAreSealedAndStillOpenToTheSameValue() throws Throwable {
        UUID endpoint = UUID.randomUUID();
        Db.update("""
                insert into webhook_endpoint (id, partner_group, url, venue_ids, secret_current, secret_current_from,
                                              secret_previous, secret_previous_from, secret_previous_until, active, created_at)
                values (?, 'sealing-group', 'https://partner.example/hook', 'v', ?, now(), ?, now() - interval '2 days',
                        now() + interval '1 day', false, now())""", endpoint, PLAINTEXT, PREVIOUS);

        int sealed = VertxContextSupport.subscribeAndAwait(() -> webhooks.sealPlaintextSecrets());

        assertThat(sealed).isGreaterThanOrEqualTo(2);
        String current = Db.string("select secret_current from webhook_endpoint where id = ?", endpoint);
        String previous = Db.string("select secret_previous from webhook_endpoint where id = ?", endpoint);
        assertThat(current).startsWith(SecretSealer.PREFIX).doesNotContain(PLAINTEXT);
        assertThat(previous).startsWith(SecretSealer.PREFIX).doesNotContain(PREVIOUS);
        assertThat(sealer.open(current, "webhook-endpoint:" + endpoint)).isEqualTo(PLAINTEXT);
        assertThat(sealer.open(previous, "webhook-endpoint:" + endpoint)).isEqualTo(PREVIOUS);
        // a second run finds nothing left to seal for this endpoint and leaves the sealed values as they are
        VertxContextSupport.subscribeAndAwait(() -> webhooks.sealPlaintextSecrets());
        assertThat(Db.string("select secret_current from webhook_endpoint where id = ?", endpoint))
                .isEqualTo(current);
    }
}
