package io.ibasho.notification.service;

import io.ibasho.notification.PartnerContact;
import io.ibasho.notification.SessionCopy;
import io.ibasho.notification.config.NotificationConfig;
import io.ibasho.notification.message.DiscreetEnvelope;
import io.ibasho.notification.message.Language;
import io.ibasho.notification.message.TemplateRef;
import io.ibasho.notification.repository.PartnerDigests;
import io.ibasho.notification.repository.VenueLinks;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The optional weekly e-mail to a partner group's verified contact: the coming weeks' sessions at the venues linked to
 * the group, public facts only (date and time, title, venue name, cancelled or not). Never anything about attendees.
 * Exactly once per group and week: the (group, week) row is written in the same transaction as the send, so a
 * second run in the same week (a restart, two replicas) finds it and sends nothing; a failed send rolls the row back
 * and is dead-lettered, and the job's next run in the same week tries again (it runs hourly on Monday and Tuesday
 * working hours by default, and only groups without this week's digest are mailed).
 */
@ApplicationScoped
public class WeeklyDigest {
    private static final Logger LOG = Logger.getLogger(WeeklyDigest.class);

    private final NotificationConfig config;
    private final ReactiveMailer mailer;
    private final MessageWording wording;
    private final VenueLinks venueLinks;
    private final DeadLetters deadLetters;

    private final Clock clock;

    public WeeklyDigest(
            NotificationConfig config,
            ReactiveMailer mailer,
            MessageWording wording,
            VenueLinks venueLinks,
            DeadLetters deadLetters,
            Clock clock) {
        this.clock = clock;
        this.config = config;
        this.mailer = mailer;
        this.wording = wording;
        this.venueLinks = venueLinks;
        this.deadLetters = deadLetters;
    }

    @Scheduled(
            cron = "${ibasho.notification.digest.cron:0 0 9-18 ? * MON,TUE}",
            timeZone = "${ibasho.notification.digest.zone:Asia/Tokyo}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> weekly() {
        return sendAll(clock.instant()).replaceWithVoid();
    }

    /** Sends this week's digest to every group that asked for it and has not had it yet. @return digests sent */
    public Uni<Integer> sendAll(Instant now) {
        ZoneId zone = ZoneId.of(config.digest().zone());
        LocalDate weekStart = now.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return Panache.withSession(() ->
                        PartnerContact.<PartnerContact>list("weeklyDigest = true and emailVerifiedAt is not null"))
                .flatMap(contacts -> contacts.isEmpty()
                        ? Uni.createFrom().item(0)
                        : Multi.createFrom()
                                .iterable(contacts)
                                .onItem()
                                .transformToUniAndConcatenate(
                                        contact -> sendOne(contact.partnerGroup, weekStart, now, zone))
                                .collect()
                                .asList()
                                .map(sent -> (int) sent.stream()
                                        .filter(Boolean::booleanValue)
                                        .count()));
    }

    private Uni<Boolean> sendOne(String group, LocalDate weekStart, Instant now, ZoneId zone) {
        String digestId = "digest:" + group + ":" + weekStart;
        return Panache.withTransaction(() -> PartnerContact.<PartnerContact>findById(group)
                        .flatMap(contact -> {
                            if (contact == null || !contact.wantsDigest()) {
                                return Uni.createFrom().item(false);
                            }
                            return PartnerDigests.claim(group, weekStart)
                                    .flatMap(claimed -> !claimed
                                            ? Uni.createFrom().item(false)
                                            : sessionsFor(group, now)
                                                    .flatMap(sessions -> PartnerDigests.recordSessions(
                                                                    group, weekStart, sessions.size())
                                                            .flatMap(ignored -> mailer.send(
                                                                    mail(contact, weekStart, sessions, zone)))
                                                            .replaceWith(true)));
                        }))
                .onFailure()
                .recoverWithUni(failure -> {
                    // The group id is not personal data; the address and the SMTP text (which may quote it) are not
                    // kept.
                    LOG.warnf(
                            "weekly digest for group %s failed: %s",
                            group, failure.getClass().getSimpleName());
                    return deadLetters
                            .publish(
                                    "digest",
                                    UUID.nameUUIDFromBytes(digestId.getBytes()),
                                    digestId,
                                    1,
                                    "digest not sent; last error: "
                                            + failure.getClass().getSimpleName())
                            .replaceWith(false);
                });
    }

    private Uni<List<SessionCopy>> sessionsFor(String group, Instant now) {
        OffsetDateTime from = now.atOffset(ZoneOffset.UTC);
        OffsetDateTime until = from.plusWeeks(config.digest().weeksAhead());
        return venueLinks
                .venuesOf(group)
                .flatMap(venues -> venues.isEmpty()
                        ? Uni.createFrom().item(List.<SessionCopy>of())
                        : SessionCopy.<SessionCopy>list(
                                "venueId in ?1 and startsAt >= ?2 and startsAt < ?3 and status in ('PUBLISHED', 'CANCELLED') "
                                        + "order by startsAt, id",
                                venues,
                                from,
                                until));
    }

    /** "  – the venue's name" in the contact's language (Japanese when it has no English name); the id only from older events. */
    static String venueOf(SessionCopy session, Language language) {
        String name = language == Language.EN && session.venueNameEn != null && !session.venueNameEn.isBlank()
                ? session.venueNameEn
                : session.venueNameJa;
        if (name != null && !name.isBlank()) {
            return language == Language.EN ? "  – " + name : "  会場：" + name;
        }
        return session.venueId == null ? "" : "  [" + session.venueId + "]";
    }

    private Mail mail(PartnerContact contact, LocalDate weekStart, List<SessionCopy> sessions, ZoneId zone) {
        Language language = contact.language();
        DateTimeFormatter when = language == Language.EN
                ? DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH)
                : DateTimeFormatter.ofPattern("M月d日(E) HH:mm", Locale.JAPANESE);
        String lines = sessions.isEmpty()
                ? (language == Language.EN ? "(no sessions)" : "（予定はありません）")
                : sessions.stream()
                        .map(s -> "- " + s.startsAt.atZoneSameInstant(zone).format(when) + "  "
                                + (language == Language.EN && s.titleEn != null ? s.titleEn : s.titleJa)
                                + venueOf(s, language)
                                + ("CANCELLED".equals(s.status)
                                        ? (language == Language.EN ? "  (cancelled)" : "  （中止）")
                                        : ""))
                        .collect(Collectors.joining("\n"));
        String body = wording.render(new TemplateRef(
                "email/partner-digest." + language.tag() + ".txt",
                Map.of("week", weekStart.toString(), "weeks", config.digest().weeksAhead(), "sessions", lines)));
        String subject = language == Language.EN ? "Ibasho: schedule at your venues" : "Ibasho: 会場の開催予定";
        return Mail.withText(contact.emailAddress, subject, body)
                .setFrom(DiscreetEnvelope.SENDER_NAME + " <" + config.senderAddress() + ">");
    }
}
