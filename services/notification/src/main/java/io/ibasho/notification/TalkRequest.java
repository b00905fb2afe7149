package io.ibasho.notification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * 「話したいことがあります」: her request to talk to one organisation's consultation staff, with how and when she can be
 * reached safely. Never leaves this service except to her and to that organisation's consultation staff; never in
 * an event, never logged (docs/adr/0023-requests-to-talk-kept-by-notification.md).
 */
@Entity
@Table(name = "talk_request")
public class TalkRequest extends PanacheEntityBase {
    /** Sent; nobody has acknowledged it yet. */
    public static final String OPEN = "OPEN";
    /** Staff acknowledged it: she was told, neutrally, that they will contact her. */
    public static final String ACKNOWLEDGED = "ACKNOWLEDGED";
    /** Done: deleted retention.talk-requests after this. */
    public static final String CLOSED = "CLOSED";

    @Id
    public UUID id;

    /** Her account (token subject). */
    public String requester;

    @Column(name = "organisation_id")
    public String organisationId;

    /** in-app, email, in-person or callback. */
    public String channel;

    /** Only with channel callback: typed for this request, kept only with it. */
    @Column(name = "callback_phone")
    public String callbackPhone;

    @Column(name = "time_window")
    public String timeWindow;

    /** With time window specific-days: e.g. MON,THU. */
    public String days;

    /** Optional, sensitive free text: never logged, never in an event. */
    public String note;

    public String status;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "acknowledged_at")
    public OffsetDateTime acknowledgedAt;

    @Column(name = "closed_at")
    public OffsetDateTime closedAt;

    /** Deliberately no field values: an accidental log of this object must not carry her contact or note. */
    @Override
    public String toString() {
        return "TalkRequest[" + id + ", " + status + "]";
    }
}
