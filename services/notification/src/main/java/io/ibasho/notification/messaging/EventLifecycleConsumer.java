package io.ibasho.notification.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.contracts.EventTypes;
import io.ibasho.contracts.Topics;
import io.ibasho.notification.RegistrationCopy;
import io.ibasho.notification.SessionCopy;
import io.ibasho.notification.message.MessageKind;
import io.ibasho.notification.repository.VenueLinks;
import io.ibasho.notification.service.CourseNotices;
import io.ibasho.notification.service.Notifier;
import io.ibasho.notification.service.Notifier.Notice;
import io.ibasho.notification.service.WebhookFanOut;
import io.ibasho.plumbing.inbox.InboundEvent;
import io.ibasho.plumbing.inbox.InboundEventReader;
import io.ibasho.plumbing.inbox.ProcessedMessage;
import io.ibasho.plumbing.inbox.SessionTombstone;
import io.ibasho.plumbing.inbox.TransientFailures;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code event-lifecycle}: the session copy, the venue's partner links (from session events and VenueChanged), messages to the women booked when a session
 * changes or is cancelled, and the partners' webhooks. The event id is recorded in the same transaction as everything the event causes, so each is handled exactly
 * once per (event, recipient, channel); unreadable messages fail to the consumer's dead-letter topic.
 */
@ApplicationScoped
public class EventLifecycleConsumer {
    /** The name under which notification records the events it handled, the same for its three topics. */
    static final String CONSUMER = "notification";
    /** The types about one session, identified by its {@code sessionId}. */
    private static final Set<String> SESSION_EVENTS = Set.of(
            EventTypes.EVENT_PUBLISHED,
            EventTypes.EVENT_CHANGED,
            EventTypes.EVENT_CANCELLED,
            EventTypes.EVENT_COMPLETED);

    private final InboundEventReader events;
    private final Notifier notifier;
    private final WebhookFanOut webhooks;
    private final VenueLinks venueLinks;
    private final Clock clock;
    private final CourseNotices courses;

    public EventLifecycleConsumer(
            InboundEventReader events,
            Notifier notifier,
            WebhookFanOut webhooks,
            VenueLinks venueLinks,
            Clock clock,
            CourseNotices courses) {
        this.courses = courses;
        this.events = events;
        this.notifier = notifier;
        this.webhooks = webhooks;
        this.venueLinks = venueLinks;
        this.clock = clock;
    }

    @Incoming(Topics.EVENT_LIFECYCLE)
    public Uni<Void> consume(String message) {
        // in a transaction of its own; a transient failure is retried with backoff, only poison is
        // dead-lettered (issue #14)
        return TransientFailures.inTransactionWithRetry(() ->
                events.read(message).flatMap(event -> ProcessedMessage.once(event, CONSUMER, () -> handle(event))));
    }

    private Uni<Void> handle(InboundEvent event) {
        String type = event.type();
        if (type.equals(EventTypes.COURSE_PUBLISHED)) {
            // a course is not a session: its copy (dates, allocation) words her course messages
            return courses.keepCourse(event.data());
        }
        if (type.equals(EventTypes.VENUE_CHANGED)) {
            return venueChanged(event);
        }
        if (!SESSION_EVENTS.contains(type)) {
            return Uni.createFrom().voidItem(); // a type this consumer does not need: acknowledged and skipped
        }
        return sessionEvent(event);
    }

    /**
     * The organiser saved or deleted a venue: the groups linked to it now replace the ones kept, so a newly linked group
     * may follow it at once, and an unlinked one hears nothing more about it (webhooks, digest) even before the venue's
     * next session event. As with a session's {@code venuePartnerGroups}, the newer statement wins.
     */
    private Uni<Void> venueChanged(InboundEvent event) {
        JsonNode data = event.data();
        String venueId = data.path("venueId").asText();
        if (venueId.isBlank()) {
            return Uni.createFrom().failure(new IllegalArgumentException("VenueChanged without a venueId"));
        }
        List<String> groups = data.path("deleted").asBoolean(false) ? List.of() : groupsIn(data.path("partnerGroups"));
        return keepVenueLinks(venueId, groups, event);
    }

    private Uni<Void> sessionEvent(InboundEvent event) {
        String type = event.type();
        JsonNode data = event.data();
        UUID sessionId = UUID.fromString(data.path("sessionId").asText());
        int sequence = data.path("sequence").asInt();
        return SessionCopy.<SessionCopy>findById(sessionId).flatMap(existing -> {
            if (existing != null && existing.sequence > sequence) {
                return Uni.createFrom()
                        .voidItem(); // an older state arriving late: we already told everyone the newer one
            }
            if (existing == null
                    && (type.equals(EventTypes.EVENT_PUBLISHED) || type.equals(EventTypes.EVENT_CHANGED))) {
                // its end may have been read first (a tombstone, issue #14): then partners are not told "published"
                // after "cancelled", and no copy is made of a session that is over
                return SessionTombstone.endedAtOrAfter(sessionId, sequence)
                        .flatMap(ended -> ended != null
                                ? Uni.createFrom().voidItem()
                                : applySessionEvent(event, type, data, sessionId, sequence, null));
            }
            return applySessionEvent(event, type, data, sessionId, sequence, existing);
        });
    }

    private Uni<Void> applySessionEvent(
            InboundEvent event, String type, JsonNode data, UUID sessionId, int sequence, SessionCopy existing) {
        String eventId = event.id();
        String venueId =
                data.hasNonNull("venueId") ? data.path("venueId").asText() : existing == null ? null : existing.venueId;
        List<String> linkedGroups = linkedGroups(data);
        return switch (type) {
            case EventTypes.EVENT_PUBLISHED ->
                keepSession(existing, sessionId, data, false)
                        .flatMap(ignored -> keepVenueLinks(venueId, linkedGroups, event))
                        .flatMap(ignored -> webhooks.sessionUpdate(
                                "session.published", sessionId, venueId, linkedGroups, List.of(), eventId));
            case EventTypes.EVENT_CHANGED -> {
                List<String> changed = new ArrayList<>();
                data.path("changed").forEach(c -> changed.add(c.asText()));
                Uni<Void> attendees = changed.contains("time") || changed.contains("venue")
                        ? tellAttendees(sessionId, MessageKind.SESSION_CHANGED, RegistrationCopy.ACTIVE, eventId)
                        : Uni.createFrom().voidItem();
                yield keepSession(existing, sessionId, data, changed.contains("meeting-link"))
                        .flatMap(ignored -> attendees)
                        .flatMap(ignored -> keepVenueLinks(venueId, linkedGroups, event))
                        .flatMap(ignored -> webhooks.sessionUpdate(
                                "session.changed", sessionId, venueId, linkedGroups, changed, eventId));
            }
            case EventTypes.EVENT_CANCELLED -> {
                Uni<Void> kept;
                if (existing != null) {
                    existing.status = "CANCELLED";
                    existing.sequence = sequence;
                    kept = Uni.createFrom().voidItem();
                } else {
                    // read before the session's publication (another relay's, issue #14): remembered
                    kept = SessionTombstone.remember(sessionId, "CANCELLED", sequence);
                }
                List<String> whoToTell = new ArrayList<>(RegistrationCopy.ACTIVE);
                whoToTell.add(RegistrationCopy.CANCELLED_WITH_SESSION);
                yield kept.flatMap(
                                ignored -> tellAttendees(sessionId, MessageKind.SESSION_CANCELLED, whoToTell, eventId))
                        .flatMap(ignored -> webhooks.sessionUpdate(
                                "session.cancelled", sessionId, venueId, null, List.of("status"), eventId));
            }
            case EventTypes.EVENT_COMPLETED -> {
                if (existing != null) {
                    existing.status = "COMPLETED";
                    // as with a cancellation: an older EventChanged read after it is then dropped as stale
                    existing.sequence = Math.max(existing.sequence, sequence);
                    yield Uni.createFrom().voidItem();
                }
                yield SessionTombstone.remember(sessionId, "COMPLETED", sequence);
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    /** {@code venuePartnerGroups} of the event, or null if the event does not carry it (older producers). */
    private static List<String> linkedGroups(JsonNode data) {
        return data.path("venuePartnerGroups").isArray() ? groupsIn(data.path("venuePartnerGroups")) : null;
    }

    /** The group ids of a JSON array; anything that is not a group id (blank, not text) is left out. */
    private static List<String> groupsIn(JsonNode array) {
        List<String> groups = new ArrayList<>();
        array.forEach(g -> {
            if (g.isTextual() && !g.asText().isBlank()) {
                groups.add(g.asText());
            }
        });
        return groups;
    }

    private Uni<Void> keepVenueLinks(String venueId, List<String> linkedGroups, InboundEvent event) {
        if (venueId == null || linkedGroups == null) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime asOf = event.time() != null ? OffsetDateTime.parse(event.time()) : now();
        return venueLinks.record(venueId, linkedGroups, asOf);
    }

    private Uni<Void> keepSession(SessionCopy existing, UUID sessionId, JsonNode data, boolean meetingLinkChanged) {
        SessionCopy copy = existing != null ? existing : new SessionCopy();
        copy.id = sessionId;
        copy.titleJa = data.path("titleJa").asText("");
        copy.titleEn = data.hasNonNull("titleEn") ? data.path("titleEn").asText() : null;
        copy.startsAt = OffsetDateTime.parse(data.path("startsAt").asText());
        copy.status = data.path("status").asText();
        copy.sequence = data.path("sequence").asInt();
        copy.venueId = data.hasNonNull("venueId") ? data.path("venueId").asText() : null;
        copy.venueNameJa =
                data.hasNonNull("venueNameJa") ? data.path("venueNameJa").asText() : null;
        copy.venueNameEn =
                data.hasNonNull("venueNameEn") ? data.path("venueNameEn").asText() : null;
        copy.allocation = data.path("allocation").asText(null);
        copy.kind = data.path("kind").asText(null);
        copy.endsAt = data.hasNonNull("endsAt")
                ? OffsetDateTime.parse(data.path("endsAt").asText())
                : null;
        if (meetingLinkChanged) {
            // A new version means a new notice, if the first one already went out (see ReminderJob).
            copy.meetingLinkVersion++;
        }
        return existing != null ? Uni.createFrom().voidItem() : copy.persist().replaceWithVoid();
    }

    private Uni<Void> tellAttendees(UUID sessionId, MessageKind kind, List<String> states, String eventId) {
        return RegistrationCopy.<RegistrationCopy>list("sessionId = ?1 and status in ?2", sessionId, states)
                .flatMap(registrations -> Multi.createFrom()
                        .iterable(registrations)
                        .onItem()
                        .transformToUniAndConcatenate(r ->
                                notifier.notify(Notice.of(kind, r.attendeeId, sessionId, r.registrationId, eventId)))
                        .collect()
                        .last()
                        .replaceWithVoid());
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
