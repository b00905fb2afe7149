package io.ibasho.notification.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;

/**
 * What notification tells an operator per channel (docs/notifications.md, "Meters"): messages sent, failed attempts and
 * messages dead-lettered. The only label is the channel, a closed set: never a recipient, an address, a text or an id.
 * Every series exists from the start (at 0), so a dashboard or an alert sees a channel before its first message: the
 * bean is made at start-up, not at the first message.
 */
@Startup
@ApplicationScoped
public class NotificationMeters {
    /** The channels a message goes through; the label values are these names and nothing else. */
    public enum DeliveryChannel {
        IN_APP(Notifier.IN_APP),
        EMAIL(Notifier.EMAIL),
        LINE(Notifier.LINE),
        WEBHOOK("webhook");

        private final String label;

        DeliveryChannel(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** @throws IllegalArgumentException for a name outside the closed set */
        public static DeliveryChannel of(String label) {
            for (DeliveryChannel channel : values()) {
                if (channel.label.equals(label)) {
                    return channel;
                }
            }
            throw new IllegalArgumentException("unknown channel");
        }
    }

    private final Map<DeliveryChannel, Counter> sent = new EnumMap<>(DeliveryChannel.class);
    private final Map<DeliveryChannel, Counter> failed = new EnumMap<>(DeliveryChannel.class);
    private final Map<DeliveryChannel, Counter> deadLettered = new EnumMap<>(DeliveryChannel.class);

    public NotificationMeters(MeterRegistry registry) {
        for (DeliveryChannel channel : DeliveryChannel.values()) {
            sent.put(
                    channel,
                    counter(
                            registry,
                            "ibasho.notifications.sent",
                            "Messages sent: filed in her inbox, accepted by SMTP or LINE, answered 2xx by a partner",
                            channel));
            failed.put(
                    channel,
                    counter(
                            registry,
                            "ibasho.notifications.failed",
                            "Attempts that failed (each is retried on the schedule or dead-lettered)",
                            channel));
            deadLettered.put(
                    channel,
                    counter(
                            registry,
                            "ibasho.notifications.dead.lettered",
                            "Messages given up and sent to notification.delivery.dlq",
                            channel));
        }
    }

    private static Counter counter(MeterRegistry registry, String name, String description, DeliveryChannel channel) {
        return Counter.builder(name)
                .description(description)
                .tag("channel", channel.label())
                .register(registry);
    }

    public void sent(DeliveryChannel channel) {
        sent.get(channel).increment();
    }

    public void failed(DeliveryChannel channel) {
        failed.get(channel).increment();
    }

    public void deadLettered(DeliveryChannel channel) {
        deadLettered.get(channel).increment();
    }
}
