package io.ibasho.notification.message;

import static io.ibasho.notification.message.MessageDetail.COURSE_DATES;
import static io.ibasho.notification.message.MessageDetail.COURSE_PAGE;
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
    TALK_ACKNOWLEDGED(),
    /*
     * A course (docs/courses.md): one message per course, never one per date. Each names the course's dates and links
     * to her course page; no title, like every message worded from ids.
     */
    /** She booked a whole course (first-come, or an offer she accepted). */
    COURSE_BOOKED(COURSE_DATES, COURSE_PAGE),
    /** She was drawn in a course lottery: every date is booked for her. */
    COURSE_LOTTERY_WON(COURSE_DATES, COURSE_PAGE),
    /** Her application to a course lottery arrived. */
    COURSE_APPLICATION_RECEIVED(COURSE_DATES, COURSE_PAGE),
    /** Not drawn: her place on the course's reserve list. */
    COURSE_LOTTERY_RESERVE(POSITION, COURSE_DATES, COURSE_PAGE),
    /** Her place on a full course's waitlist (no lottery in its words). */
    COURSE_WAITLISTED(POSITION, COURSE_DATES, COURSE_PAGE),
    /** The whole course is offered to her until the deadline: the one that must not lapse unseen. */
    COURSE_OFFERED(DEADLINE, COURSE_DATES, COURSE_PAGE),
    /** The time to answer the course offer passed. */
    COURSE_OFFER_EXPIRED(COURSE_DATES, COURSE_PAGE),
    /** She declined the course offer herself: acknowledged, never worded as a missed deadline. */
    COURSE_OFFER_DECLINED(COURSE_DATES, COURSE_PAGE),
    /** She cancelled her whole course booking. */
    COURSE_CANCELLED_BY_ATTENDEE(COURSE_DATES, COURSE_PAGE),
    /** Her course booking or place in line ended because no date of the course is left. */
    COURSE_ENDED(COURSE_DATES, COURSE_PAGE);

    private final Set<MessageDetail> details;

    MessageKind() {
        this.details = EnumSet.noneOf(MessageDetail.class);
    }

    MessageKind(MessageDetail first, MessageDetail... rest) {
        this.details = EnumSet.of(first, rest);
    }

    /** Every detail a full message of this kind carries (the in-app text's, and an external channel's host line). */
    public Set<MessageDetail> details() {
        return EnumSet.copyOf(details);
    }

    /** Exactly the details the in-app templates of this kind use: all but the host's line (see hostLine). */
    public Set<MessageDetail> inAppDetails() {
        EnumSet<MessageDetail> inApp = EnumSet.copyOf(details);
        inApp.remove(MessageDetail.ORGANISATION);
        return inApp;
    }
}
