package io.ibasho.event.service;

import io.ibasho.event.AttendeeConfirmation;
import io.ibasho.event.Session;
import io.ibasho.event.Session.SessionStatus;
import io.ibasho.event.Venue;
import io.ibasho.event.config.AttendeeDetailsConfig;
import io.ibasho.event.mapping.JsonColumns;
import io.ibasho.event.mapping.SessionMapper;
import io.ibasho.event.mapping.Tokyo;
import io.ibasho.event.mapping.VenueMapper;
import io.ibasho.event.release.AttendeeRelease;
import io.ibasho.event.repository.AttendeeConfirmations;
import io.ibasho.plumbing.inbox.ProcessedMessage;
import io.ibasho.plumbing.refusal.Refusal;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Releases a hidden address or a meeting link to a confirmed attendee only (confirmations come from registration's
 * events, see RegistrationLifecycleConsumer), and deletes confirmations once their session is long over.
 */
@ApplicationScoped
public class AttendeeDetailsService {
    private final AttendeeDetailsConfig config;
    private final Clock clock;

    public AttendeeDetailsService(AttendeeDetailsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * 404 unless the session is published and she holds a confirmed place in it: someone without a place must not
     * even learn that the session has details to hide (so never 403).
     */
    @WithSession
    public Uni<AttendeeDetailsView> detailsFor(UUID sessionId, String attendeeId) {
        return AttendeeConfirmation.count(
                        "sessionId = ?1 and attendeeId = ?2 and confirmed = true", sessionId, attendeeId)
                .flatMap(confirmations -> confirmations == 0
                        ? Uni.createFrom().<Session>nullItem()
                        : Session.<Session>find("id = ?1 and status = ?2", sessionId, SessionStatus.PUBLISHED)
                                .firstResult())
                .onItem()
                .ifNull()
                .failWith(() -> Refusal.notFound("session"))
                .flatMap(session -> {
                    java.util.Set<UUID> ids = new java.util.LinkedHashSet<>(SessionMapper.partVenueIds(session));
                    if (session.venueId != null) {
                        ids.add(session.venueId);
                    }
                    Uni<java.util.List<Venue>> venues = ids.isEmpty()
                            ? Uni.createFrom().item(java.util.List.of())
                            : Venue.list("id in ?1", java.util.List.copyOf(ids));
                    return venues.map(found -> {
                        java.util.Map<UUID, Venue> byId = new java.util.HashMap<>();
                        found.forEach(v -> byId.put(v.id, v));
                        return view(session, session.venueId == null ? null : byId.get(session.venueId), byId);
                    });
                });
    }

    /** Each part at another venue, its address released as the session's is (never a shelter's). */
    private java.util.List<AttendeeDetailsView.PartDetails> parts(Session session, java.util.Map<UUID, Venue> venues) {
        return JsonColumns.parts(session.partsJson).stream()
                .filter(p -> p.venueId() != null && venues.containsKey(p.venueId()))
                .map(p -> {
                    Venue venue = venues.get(p.venueId());
                    var released = AttendeeRelease.release(
                            new AttendeeRelease.Facts(
                                    new AttendeeRelease.Place(
                                            venue.address,
                                            AttendeeRelease.Visibility.valueOf(venue.addressVisibility.name())),
                                    false,
                                    null,
                                    p.startsAt().toInstant(),
                                    p.endsAt().toInstant()),
                            clock.instant(),
                            config.meetingLinkLeadTime());
                    return new AttendeeDetailsView.PartDetails(
                            p.partId(),
                            p.label(),
                            VenueMapper.toSummary(venue),
                            released.address(),
                            released.addressNoteJa(),
                            released.addressNoteEn());
                })
                .toList();
    }

    private AttendeeDetailsView view(Session session, Venue venue, java.util.Map<UUID, Venue> venues) {
        AttendeeRelease.Place place = venue == null
                ? null
                : new AttendeeRelease.Place(
                        venue.address, AttendeeRelease.Visibility.valueOf(venue.addressVisibility.name()));
        var released = AttendeeRelease.release(
                new AttendeeRelease.Facts(
                        place,
                        session.kind == Session.SessionKind.online,
                        session.meetingLink,
                        session.startsAt.toInstant(),
                        session.endsAt.toInstant()),
                clock.instant(),
                config.meetingLinkLeadTime());
        return new AttendeeDetailsView(
                session.id,
                session.kind.wireName(),
                session.titleJa,
                session.titleEn,
                Tokyo.offset(session.startsAt),
                Tokyo.offset(session.endsAt),
                VenueMapper.toSummary(venue),
                released.address(),
                released.addressNoteJa(),
                released.addressNoteEn(),
                released.meetingLink(),
                released.meetingLinkAvailableAt() == null
                        ? null
                        : Tokyo.offset(released.meetingLinkAvailableAt().atOffset(ZoneOffset.UTC)),
                parts(session, venues));
    }

    /** Forgets handled event ids older than the processed-message retention. Returns how many rows went. */
    @WithTransaction
    public Uni<Integer> deleteOldProcessedMessages() {
        OffsetDateTime cutOff = OffsetDateTime.now(clock).minus(config.processedMessageRetention());
        return ProcessedMessage.forgetHandledBefore(cutOff);
    }

    /**
     * Deletes the confirmations of sessions that ended more than the retention ago (and of sessions this service does
     * not know, which nobody can ask about). Returns how many rows went.
     */
    @WithTransaction
    public Uni<Integer> deleteExpiredConfirmations() {
        OffsetDateTime cutOff = OffsetDateTime.now(clock).minus(config.retention());
        return AttendeeConfirmations.deleteOfSessionsEndedBefore(cutOff);
    }
}
