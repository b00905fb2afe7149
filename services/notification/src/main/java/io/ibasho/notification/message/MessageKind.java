package io.ibasho.notification.message;

import static io.ibasho.notification.message.MessageDetail.DEADLINE;
import static io.ibasho.notification.message.MessageDetail.MEETING_URL;
import static io.ibasho.notification.message.MessageDetail.ORGANISATION;
import static io.ibasho.notification.message.MessageDetail.POSITION;
import static io.ibasho.notification.message.MessageDetail.REASON;
import static io.ibasho.notification.message.MessageDetail.STARTS_AT;
import static io.ibasho.notification.message.MessageDetail.TITLE;
import static io.ibasho.notification.message.MessageDetail.VENUE;

import java.util.EnumSet;
import java.util.Set;

/** Every message the service sends to an attendee, with the details its in-app text needs. */
public enum MessageKind {
    BOOKING_CONFIRMED(TITLE, STARTS_AT, VENUE, ORGANISATION),
    APPLICATION_RECEIVED(TITLE),
    LOTTERY_WON(TITLE, STARTS_AT, VENUE, ORGANISATION),
    LOTTERY_RESERVE(TITLE, POSITION),
    SEAT_OFFERED(TITLE, STARTS_AT, DEADLINE),
    OFFER_EXPIRED(TITLE),
    CANCELLED_BY_ATTENDEE(TITLE),
    CANCELLED_BY_ORGANISER(TITLE, REASON),
    SESSION_CHANGED(TITLE, STARTS_AT, VENUE),
    SESSION_CANCELLED(TITLE),
    CHILDCARE_RESERVED(TITLE),
    CHILDCARE_REJECTED(TITLE),
    REMINDER(TITLE, STARTS_AT, VENUE),
    MEETING_LINK(TITLE, STARTS_AT, MEETING_URL);

    private final Set<MessageDetail> details;

    MessageKind(MessageDetail first, MessageDetail... rest) {
        this.details = EnumSet.of(first, rest);
    }

    /** Exactly the details the in-app templates of this kind use; all must be supplied. */
    public Set<MessageDetail> details() {
        return EnumSet.copyOf(details);
    }
}
