package io.ibasho.notification;

import io.ibasho.notification.webhook.EndpointSecrets;
import io.ibasho.notification.webhook.SecretSealer;
import io.ibasho.notification.webhook.WebhookSecret;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A partner group's webhook endpoint, the venues it follows and its (at most two) signing secrets. */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "partner_group")
    public String partnerGroup;

    public String url;

    @Column(name = "venue_ids")
    public String venueIds;

    @Column(name = "secret_current")
    public String secretCurrent;

    @Column(name = "secret_current_from")
    public OffsetDateTime secretCurrentFrom;

    @Column(name = "secret_previous")
    public String secretPrevious;

    @Column(name = "secret_previous_from")
    public OffsetDateTime secretPreviousFrom;

    @Column(name = "secret_previous_until")
    public OffsetDateTime secretPreviousUntil;

    public boolean active;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    /** What a sealed secret of this endpoint is bound to: it opens only in this endpoint's row. */
    public String sealedFor() {
        return "webhook-endpoint:" + id;
    }

    public List<String> venues() {
        return Arrays.stream(venueIds.split(",")).filter(v -> !v.isBlank()).toList();
    }

    /** The signing secrets, opened with the sealer (they are stored sealed; see {@link SecretSealer}). */
    public EndpointSecrets secrets(SecretSealer sealer) {
        List<EndpointSecrets.ValiditySpan> spans = new ArrayList<>();
        if (secretPrevious != null && secretPreviousUntil != null && secretPreviousUntil.isAfter(secretPreviousFrom)) {
            spans.add(new EndpointSecrets.ValiditySpan(
                    WebhookSecret.parse(sealer.open(secretPrevious, sealedFor())),
                    secretPreviousFrom.toInstant(),
                    secretPreviousUntil.toInstant()));
        }
        spans.add(new EndpointSecrets.ValiditySpan(
                WebhookSecret.parse(sealer.open(secretCurrent, sealedFor())), secretCurrentFrom.toInstant(), null));
        return new EndpointSecrets(spans);
    }
}
