package io.ibasho.notification.service;

import io.ibasho.notification.RegistrationCopy;
import io.ibasho.notification.SessionCopy;
import io.ibasho.notification.config.NotificationConfig;
import io.ibasho.notification.delivery.ReminderHour;
import io.ibasho.notification.message.MessageKind;
import io.ibasho.notification.service.Notifier.Notice;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Scheduled notices about sessions she is confirmed for.
 *
 * <p>The reminder the day before: at one fixed hour of the day before (10:00 Asia/Tokyo, {@link ReminderHour}), never
 * a fixed time before the start, which would give the start away. Its id names the session and its start, so it is
 * sent once per start time: if the session moves, she is reminded of the new time.
 *
 * <p>The meeting-link notice: for {@code online} sessions, from {@code meeting-link.lead} before the start until
 * the end, "your session link is ready in the app" with the app's session page. The link itself never reaches this
 * service (it is not in any payload): the app shows it to her after login, from the event service's
 * attendee-details endpoint, which releases it at the same lead time. Its id names the session, its start and the
 * link's version, so she hears once per (session, attendee, channel), again only if the link changed after that
 * (EventChanged "meeting-link") or the session moved. Only confirmed registrations: never a cancelled one. It has no
 * deadline: her quiet hours hold it like any other message, and it is withdrawn if the session is over by their end. A
 * phone lighting up in her quiet hours an hour before the start would tell whoever sees it when she will be online,
 * and the app shows her the link without it.
 */
@ApplicationScoped
public class ReminderJob {
    /** The meeting-link job's name for the scheduler (tests pause it while they set up a session's attendees). */
    public static final String MEETING_LINKS = "meeting-links";

    private final Notifier notifier;
    private final NotificationConfig config;

    private final Clock clock;

    public ReminderJob(Notifier notifier, NotificationConfig config, Clock clock) {
        this.clock = clock;
        this.notifier = notifier;
        this.config = config;
    }

    @Scheduled(
            every = "${ibasho.notification.reminders.poll-interval:5m}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    public Uni<Void> remindTheDayBefore() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        ReminderHour hour =
                new ReminderHour(config.reminders().sendAt(), config.reminders().zone());
        return SessionCopy.<SessionCopy>list(
                        "status = 'PUBLISHED' and startsAt > ?1 and startsAt < ?2",
                        now,
                        OffsetDateTime.ofInstant(hour.remindStartsBefore(now.toInstant()), java.time.ZoneOffset.UTC))
                .flatMap(sessions -> Multi.createFrom()
                        .iterable(sessions)
                        .onItem()
                        .transformToUniAndConcatenate(this::remindAttendeesOf)
                        .collect()
                        .last()
                        .replaceWithVoid());
    }

    @Scheduled(
            identity = MEETING_LINKS,
            every = "${ibasho.notification.reminders.poll-interval:5m}",
            delayed = "6s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    public Uni<Void> announceMeetingLinks() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return SessionCopy.<SessionCopy>list(
                        """
                        status = 'PUBLISHED' and kind = ?1 and startsAt <= ?2 and coalesce(endsAt, startsAt) > ?3""", SessionCopy.ONLINE, now.plus(config.meetingLink().lead()), now)
                .flatMap(sessions -> Multi.createFrom()
                        .iterable(sessions)
                        .onItem()
                        .transformToUniAndConcatenate(this::announceLinkTo)
                        .collect()
                        .last()
                        .replaceWithVoid());
    }

    /** The source id of a session's meeting-link notice; a new link version or start time makes a new notice. */
    public static String meetingLinkNoticeId(SessionCopy session) {
        return "meeting-link:" + session.id + ":" + session.startsAt.toEpochSecond() + ":v"
                + session.meetingLinkVersion;
    }

    private Uni<Void> announceLinkTo(SessionCopy session) {
        String noticeId = meetingLinkNoticeId(session);
        return RegistrationCopy.<RegistrationCopy>list("sessionId = ?1 and status = 'CONFIRMED'", session.id)
                .flatMap(registrations -> Multi.createFrom()
                        .iterable(registrations)
                        .onItem()
                        .transformToUniAndConcatenate(r -> notifier.notify(Notice.of(
                                MessageKind.MEETING_LINK, r.attendeeId, session.id, r.registrationId, noticeId)))
                        .collect()
                        .last()
                        .replaceWithVoid());
    }

    private Uni<Void> remindAttendeesOf(SessionCopy session) {
        String reminderId = "reminder:" + session.id + ":" + session.startsAt.toEpochSecond();
        return RegistrationCopy.<RegistrationCopy>list("sessionId = ?1 and status = 'CONFIRMED'", session.id)
                .flatMap(registrations -> Multi.createFrom()
                        .iterable(registrations)
                        .onItem()
                        .transformToUniAndConcatenate(r -> notifier.notify(Notice.of(
                                MessageKind.REMINDER, r.attendeeId, session.id, r.registrationId, reminderId)))
                        .collect()
                        .last()
                        .replaceWithVoid());
    }
}
