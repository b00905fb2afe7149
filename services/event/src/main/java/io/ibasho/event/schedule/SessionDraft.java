package io.ibasho.event.schedule;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A session as staff entered it, before validation; times are Asia/Tokyo. Optional parts are null.
 *
 * @param sessionId null for a new session; used to tell the session's own room booking from others
 * @param bookingEnabled whether people reserve a place; cafés and online sessions may, workshops always take
 *                       applications, free spaces never do
 * @param capacity fixed for workshops, indicative elsewhere
 * @param applicationCloses the application deadline (申込み締切)
 * @param meetingLink private: sent only to people with a place, never published
 */
public record SessionDraft(
        String sessionId,
        SessionKind kind,
        BilingualText title,
        BilingualText targetAudience,
        LocalDateTime start,
        LocalDateTime end,
        List<SessionPart> parts,
        VenueProfile venue,
        String roomId,
        boolean bookingEnabled,
        Integer capacity,
        boolean dropInsWelcome,
        LocalDateTime applicationOpens,
        LocalDateTime applicationCloses,
        Allocation allocation,
        String meetingLink,
        ChildcareOffer childcare) {

    public SessionDraft {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    public static Builder builder(SessionKind kind) {
        return new Builder().kind(kind);
    }

    public Builder toBuilder() {
        return new Builder()
                .sessionId(sessionId)
                .kind(kind)
                .title(title)
                .targetAudience(targetAudience)
                .start(start)
                .end(end)
                .parts(parts)
                .venue(venue)
                .roomId(roomId)
                .bookingEnabled(bookingEnabled)
                .capacity(capacity)
                .dropInsWelcome(dropInsWelcome)
                .applicationOpens(applicationOpens)
                .applicationCloses(applicationCloses)
                .allocation(allocation)
                .meetingLink(meetingLink)
                .childcare(childcare);
    }

    /** Leaves the meeting link out: drafts end up in logs and error reports, the link must not. */
    @Override
    public String toString() {
        return "SessionDraft[sessionId=" + sessionId + ", kind=" + kind + ", title=" + title + ", start=" + start
                + ", end=" + end + ", parts=" + parts + ", venue=" + venue + ", roomId=" + roomId
                + ", bookingEnabled=" + bookingEnabled + ", capacity=" + capacity + ", dropInsWelcome=" + dropInsWelcome
                + ", applicationOpens=" + applicationOpens + ", applicationCloses=" + applicationCloses
                + ", allocation=" + allocation + ", meetingLink=" + (meetingLink == null ? "none" : "(hidden)")
                + ", childcare=" + childcare + "]";
    }

    public static final class Builder {
        private String sessionId;
        private SessionKind kind;
        private BilingualText title;
        private BilingualText targetAudience;
        private LocalDateTime start;
        private LocalDateTime end;
        private List<SessionPart> parts = new ArrayList<>();
        private VenueProfile venue;
        private String roomId;
        private boolean bookingEnabled;
        private Integer capacity;
        private boolean dropInsWelcome;
        private LocalDateTime applicationOpens;
        private LocalDateTime applicationCloses;
        private Allocation allocation;
        private String meetingLink;
        private ChildcareOffer childcare;

        private Builder() {}

        public Builder sessionId(String value) {
            sessionId = value;
            return this;
        }

        public Builder kind(SessionKind value) {
            kind = value;
            return this;
        }

        public Builder title(BilingualText value) {
            title = value;
            return this;
        }

        public Builder targetAudience(BilingualText value) {
            targetAudience = value;
            return this;
        }

        public Builder start(LocalDateTime value) {
            start = value;
            return this;
        }

        public Builder end(LocalDateTime value) {
            end = value;
            return this;
        }

        public Builder parts(List<SessionPart> value) {
            parts = value == null ? new ArrayList<>() : new ArrayList<>(value);
            return this;
        }

        public Builder part(SessionPart value) {
            parts.add(value);
            return this;
        }

        public Builder venue(VenueProfile value) {
            venue = value;
            return this;
        }

        public Builder roomId(String value) {
            roomId = value;
            return this;
        }

        public Builder bookingEnabled(boolean value) {
            bookingEnabled = value;
            return this;
        }

        public Builder capacity(Integer value) {
            capacity = value;
            return this;
        }

        public Builder dropInsWelcome(boolean value) {
            dropInsWelcome = value;
            return this;
        }

        public Builder applicationOpens(LocalDateTime value) {
            applicationOpens = value;
            return this;
        }

        public Builder applicationCloses(LocalDateTime value) {
            applicationCloses = value;
            return this;
        }

        public Builder allocation(Allocation value) {
            allocation = value;
            return this;
        }

        public Builder meetingLink(String value) {
            meetingLink = value;
            return this;
        }

        public Builder childcare(ChildcareOffer value) {
            childcare = value;
            return this;
        }

        public SessionDraft build() {
            return new SessionDraft(
                    sessionId,
                    kind,
                    title,
                    targetAudience,
                    start,
                    end,
                    parts,
                    venue,
                    roomId,
                    bookingEnabled,
                    capacity,
                    dropInsWelcome,
                    applicationOpens,
                    applicationCloses,
                    allocation,
                    meetingLink,
                    childcare);
        }
    }
}
