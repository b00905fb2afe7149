package io.ibasho.notification.message;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an external channel (e-mail, push, SMS, LINE) shows of a message to her.
 *
 * <p>Sender, subject and preview are the same neutral words for every message, whatever she opted into: they are
 * what shows on a lock screen or in a shared inbox list, and "Women's café at the DV support centre, Tuesday" must
 * never appear there. The body is the discreet e-mail (a neutral line and the inbox link) unless she opted into
 * {@link DetailPreference#FULL_DETAIL}; then the in-app text follows that neutral opening, so the part mail
 * clients show as a preview is still neutral.
 *
 * @param senderName  the From display name
 * @param subject     the e-mail subject, push title
 * @param preview     the e-mail preheader, push body, SMS text (with the inbox link)
 * @param body        templates to render in order and join with a blank line
 */
public record DiscreetEnvelope(String senderName, String subject, String preview, List<TemplateRef> body) {
    public static final String SENDER_NAME = "Ibasho";

    public DiscreetEnvelope {
        body = List.copyOf(body);
    }

    /**
     * @param inboxUrl her inbox in the app; a plain inbox address, not a link that names the session
     * @param details  the kind's details, used only with {@link DetailPreference#FULL_DETAIL}
     */
    public static DiscreetEnvelope forExternalChannel(
            MessageKind kind,
            Language language,
            DetailPreference preference,
            URI inboxUrl,
            Map<MessageDetail, String> details) {
        return withOpening(
                kind,
                language,
                preference,
                MessageTemplates.discreetEmail(required(language), inboxUrl(inboxUrl)),
                details);
    }

    /** A LINE text: as an e-mail's body, opened by the neutral LINE words (their footer is worded for a chat). */
    public static DiscreetEnvelope forLine(
            MessageKind kind,
            Language language,
            DetailPreference preference,
            URI inboxUrl,
            Map<MessageDetail, String> details) {
        return withOpening(
                kind,
                language,
                preference,
                MessageTemplates.discreetLine(required(language), inboxUrl(inboxUrl)),
                details);
    }

    private static Language required(Language language) {
        return Objects.requireNonNull(language, "language");
    }

    private static URI inboxUrl(URI inboxUrl) {
        return Objects.requireNonNull(inboxUrl, "inboxUrl");
    }

    private static DiscreetEnvelope withOpening(
            MessageKind kind,
            Language language,
            DetailPreference preference,
            TemplateRef neutral,
            Map<MessageDetail, String> details) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(preference, "preference");
        List<TemplateRef> body = switch (preference) {
            // The details are not even handed to the template, so no template slip can leak them.
            case DISCREET -> List.of(neutral);
            case FULL_DETAIL -> fullDetail(kind, language, neutral, details);
        };
        return new DiscreetEnvelope(SENDER_NAME, neutralSubject(language), neutralPreview(language), body);
    }

    private static List<TemplateRef> fullDetail(
            MessageKind kind, Language language, TemplateRef neutral, Map<MessageDetail, String> details) {
        java.util.Map<MessageDetail, String> inApp = new java.util.EnumMap<>(MessageDetail.class);
        details.forEach((detail, value) -> {
            if (kind.inAppDetails().contains(detail)) {
                inApp.put(detail, value);
            }
        });
        if (!kind.details().containsAll(details.keySet())) {
            throw new IllegalArgumentException(kind + " needs exactly " + kind.details() + ", got " + details.keySet());
        }
        TemplateRef text = MessageTemplates.inApp(kind, language, inApp);
        if (!kind.details().contains(MessageDetail.ORGANISATION)) {
            return List.of(neutral, text);
        }
        return List.of(neutral, text, MessageTemplates.hostLine(language, details.get(MessageDetail.ORGANISATION)));
    }

    public static String neutralSubject(Language language) {
        return switch (language) {
            case JA -> "Ibasho からのお知らせ";
            case EN -> "A message from Ibasho";
        };
    }

    /** Also the first line of the discreet e-mail templates, so a mail client's own preview shows the same. */
    public static String neutralPreview(Language language) {
        return switch (language) {
            case JA -> "Ibasho に新しいお知らせが届いています。";
            case EN -> "You have a new message in Ibasho.";
        };
    }
}
