package io.ibasho.notification.service;

import io.ibasho.notification.InboxMessage;
import io.ibasho.notification.SessionCopy;
import io.ibasho.notification.config.NotificationConfig;
import io.ibasho.notification.message.DetailPreference;
import io.ibasho.notification.message.DiscreetEnvelope;
import io.ibasho.notification.message.Language;
import io.ibasho.notification.message.MessageDetail;
import io.ibasho.notification.message.MessageKind;
import io.ibasho.notification.message.MessageTemplates;
import io.ibasho.notification.message.TemplateRef;
import io.quarkus.qute.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Words a stored message for the inbox or an external channel, in her language, from the stored facts only. */
@ApplicationScoped
public class MessageWording {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final Engine qute;
    private final NotificationConfig config;

    public MessageWording(Engine qute, NotificationConfig config) {
        this.qute = qute;
        this.config = config;
    }

    public String inAppText(InboxMessage message, SessionCopy session, Language language) {
        MessageKind kind = MessageKind.valueOf(message.kind);
        Map<MessageDetail, String> details = details(kind, message, session, language);
        // read in the app: no line that sends her to the app (the host's name does not reach this service)
        details.keySet().retainAll(kind.inAppDetails());
        return render(MessageTemplates.inApp(kind, language, details));
    }

    /** The envelope and rendered body of an e-mail: neutral unless she opted into full detail. */
    public RenderedMail email(
            InboxMessage message, SessionCopy session, Language language, DetailPreference preference) {
        MessageKind kind = MessageKind.valueOf(message.kind);
        DiscreetEnvelope envelope = DiscreetEnvelope.forExternalChannel(
                kind,
                language,
                preference,
                config.inboxUrl(),
                preference == DetailPreference.FULL_DETAIL ? details(kind, message, session, language) : Map.of());
        String body = envelope.body().stream().map(this::render).collect(Collectors.joining("\n\n"));
        return new RenderedMail(envelope.senderName(), envelope.subject(), body);
    }

    /**
     * The text of a LINE push: the e-mail's neutral words with a footer worded for a chat (its subject has no place in
     * LINE), full detail only if she opted in. LINE shows the official account's name as the sender, so that name must be neutral too.
     */
    public String lineText(InboxMessage message, SessionCopy session, Language language, DetailPreference preference) {
        MessageKind kind = MessageKind.valueOf(message.kind);
        DiscreetEnvelope envelope = DiscreetEnvelope.forLine(
                kind,
                language,
                preference,
                config.inboxUrl(),
                preference == DetailPreference.FULL_DETAIL ? details(kind, message, session, language) : Map.of());
        return envelope.body().stream().map(this::render).collect(Collectors.joining("\n\n"));
    }

    public record RenderedMail(String senderName, String subject, String body) {}

    public String render(TemplateRef ref) {
        return qute.getTemplate(ref.id()).data(ref.data()).render();
    }

    private Map<MessageDetail, String> details(
            MessageKind kind, InboxMessage message, SessionCopy session, Language language) {
        Map<MessageDetail, String> details = new EnumMap<>(MessageDetail.class);
        String unknown = language == Language.EN ? "(to be announced)" : "（未定）";
        for (MessageDetail detail : kind.details()) {
            details.put(
                    detail,
                    switch (detail) {
                        case TITLE ->
                            session == null
                                    ? unknown
                                    : language == Language.EN && session.titleEn != null
                                            ? session.titleEn
                                            : session.titleJa;
                        case STARTS_AT ->
                            session == null ? unknown : formatTime(session.startsAt.atZoneSameInstant(TOKYO), language);
                        case POSITION -> message.position == null ? unknown : message.position.toString();
                        case DEADLINE ->
                            message.deadline == null
                                    ? unknown
                                    : formatTime(message.deadline.atZoneSameInstant(TOKYO), language);
                        // a code, worded here: free text never travels in the events
                        case REASON ->
                            message.reason == null || message.reason.isBlank()
                                    ? unknown
                                    : io.ibasho.notification.message.CancellationReason.of(message.reason)
                                            .wording(language);
                        case COURSE_DATES -> courseDates(message.courseDates, language, unknown);
                        case COURSE_PAGE -> config.coursePageUrl();
                        case SESSION_PAGE ->
                            message.sessionId == null
                                    ? config.inboxUrl().toString()
                                    : config.sessionPageBaseUrl() + "/" + message.sessionId;
                        // the venue's public name from the session copy (never an address: none travels), or
                        // online; a hidden-address venue is named as its organisation published it
                        case VENUE -> venue(session, language, unknown);
                        // the organisation's name does not travel in the events: the app shows it, say so (in an
                        // e-mail or LINE text only: inAppText leaves the line out)
                        case ORGANISATION -> language == Language.EN ? "shown in the app" : "アプリでご確認ください";
                        default -> unknown;
                    });
        }
        return details;
    }

    /** One date per line, in her language and Japan time, as the course had them when the message was filed. */
    private static String courseDates(String stored, Language language, String unknown) {
        if (stored == null || stored.isBlank()) {
            return unknown;
        }
        return java.util.Arrays.stream(stored.trim().split(" "))
                .map(instant ->
                        "・" + formatTime(java.time.Instant.parse(instant).atZone(TOKYO), language))
                .collect(Collectors.joining("\n"));
    }

    private static String venue(SessionCopy session, Language language, String unknown) {
        if (session == null) {
            return unknown;
        }
        if (SessionCopy.ONLINE.equals(session.kind)) {
            return language == Language.EN ? "Online (the link is in the app)" : "オンライン（リンクはアプリで）";
        }
        if (language == Language.EN && session.venueNameEn != null && !session.venueNameEn.isBlank()) {
            return session.venueNameEn;
        }
        return session.venueNameJa == null || session.venueNameJa.isBlank() ? unknown : session.venueNameJa;
    }

    private static String formatTime(ZonedDateTime time, Language language) {
        return language == Language.EN
                ? time.format(DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH))
                : time.format(DateTimeFormatter.ofPattern("yyyy年M月d日(E) HH:mm", Locale.JAPANESE));
    }
}
