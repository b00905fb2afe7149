package io.ibasho.notification.message;

import static io.ibasho.notification.message.MessageDetail.DEADLINE;
import static io.ibasho.notification.message.MessageDetail.ORGANISATION;
import static io.ibasho.notification.message.MessageDetail.POSITION;
import static io.ibasho.notification.message.MessageDetail.REASON;
import static io.ibasho.notification.message.MessageDetail.SESSION_PAGE;
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
    /** A first-come waitlist place (full, or waiting for childcare): no lottery in its words. */
    WAITLISTED(TITLE, POSITION),
    SEAT_OFFERED(TITLE, STARTS_AT, DEADLINE),
    /** She won a lottery that asks winners to confirm; the seat lapses at the deadline. */
    LOTTERY_WON_CONFIRM(TITLE, STARTS_AT, DEADLINE),
    OFFER_EXPIRED(TITLE),
    /** She declined the offered seat herself: acknowledged, never worded as a missed deadline. */
    OFFER_DECLINED(TITLE),
    CANCELLED_BY_ATTENDEE(TITLE),
    CANCELLED_BY_ORGANISER(TITLE, REASON),
    SESSION_CHANGED(TITLE, STARTS_AT, VENUE),
    SESSION_CANCELLED(TITLE),
    CHILDCARE_RESERVED(TITLE),
    CHILDCARE_REJECTED(TITLE),
    REMINDER(TITLE, STARTS_AT, VENUE),
    /** "Your session link is ready in the app": no link, title or venue, only the time and the app page. */
    MEETING_LINK(STARTS_AT, SESSION_PAGE),
    /**
     * Consultation staff acknowledged her request to talk: no detail at all, and words that say nothing about
     * consultation, so the message is safe on any screen (docs/consultation.md).
     */
    TALK_ACKNOWLEDGED();

    private final Set<MessageDetail> details;

    MessageKind() {
        this.details = EnumSet.noneOf(MessageDetail.class);
    }

    MessageKind(MessageDetail first, MessageDetail... rest) {
        this.details = EnumSet.of(first, rest);
    }

    /** Exactly the details the in-app templates of this kind use; all must be supplied. */
    public Set<MessageDetail> details() {
        return EnumSet.copyOf(details);
    }
}
