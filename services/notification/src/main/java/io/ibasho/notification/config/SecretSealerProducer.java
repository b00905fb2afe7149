package io.ibasho.notification.config;

import io.ibasho.notification.webhook.SecretSealer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.security.SecureRandom;

/** The one {@link SecretSealer}, with the key from {@code ibasho.notification.webhooks.secret-key}; a bad key fails the start. */
public class SecretSealerProducer {
    @Produces
    @ApplicationScoped
    SecretSealer secretSealer(NotificationConfig config) {
        return new SecretSealer(config.webhooks().secretKey(), new SecureRandom());
    }
}
