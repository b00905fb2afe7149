package io.ibasho.notification.message;

import java.net.URI;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where the message texts live and what data they get. The texts are Qute templates under
 * {@code src/main/resources/templates/}, one file per kind and language, so they can be reworded without touching
 * code.
 */
public final class MessageTemplates {
    /** The one placeholder of the discreet e-mail. */
    public static final String INBOX_URL = "inboxUrl";

    private MessageTemplates() {}

    public static String inAppTemplateId(MessageKind kind, Language language) {
        return "messages/" + kind.name() + "." + language.tag() + ".txt";
    }

    public static String discreetEmailTemplateId(Language language) {
        return "email/discreet." + language.tag() + ".txt";
    }

    /** The neutral LINE text: the e-mail's words, with a footer of its own (a LINE chat is not "this e-mail"). */
    public static String discreetLineTemplateId(Language language) {
        return "line/discreet." + language.tag() + ".txt";
    }

    /** The host's line of an external channel's full detail: never in the inbox, read in the app, which shows the host. */
    public static String hostLineTemplateId(Language language) {
        return "messages/host." + language.tag() + ".txt";
    }

    /**
     * The full text for her in-app inbox.
     *
     * @throws IllegalArgumentException if a detail the kind needs is missing or blank, or one it does not use is
     *                                  given: better to fail here than send a message with a hole in it
     */
    public static TemplateRef inApp(MessageKind kind, Language language, Map<MessageDetail, String> details) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(language, "language");
        Set<MessageDetail> required = kind.inAppDetails();
        Set<MessageDetail> given =
                details.isEmpty() ? EnumSet.noneOf(MessageDetail.class) : EnumSet.copyOf(details.keySet());
        if (!given.equals(required)) {
            throw new IllegalArgumentException(kind + " needs exactly " + required + ", got " + given);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        details.forEach((detail, value) -> {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(kind + ": " + detail + " is blank");
            }
            data.put(detail.placeholder(), value);
        });
        return new TemplateRef(inAppTemplateId(kind, language), data);
    }

    /**
     * The host's line of a full-detail e-mail or LINE text, after the in-app text, for the kinds that name a host. The
     * host's name does not reach this service: the line says where to read it, which in the inbox itself would read
     * wrong, so the inbox has no such line.
     */
    public static TemplateRef hostLine(Language language, String organisation) {
        if (organisation == null || organisation.isBlank()) {
            throw new IllegalArgumentException("the host line is blank");
        }
        return new TemplateRef(
                hostLineTemplateId(language), Map.of(MessageDetail.ORGANISATION.placeholder(), organisation));
    }

    /** The neutral LINE text: nothing but the link to her inbox goes into its data. */
    public static TemplateRef discreetLine(Language language, URI inboxUrl) {
        return new TemplateRef(discreetLineTemplateId(language), Map.of(INBOX_URL, inboxUrl.toString()));
    }

    /** The neutral e-mail: nothing but the link to her inbox goes into its data. */
    public static TemplateRef discreetEmail(Language language, URI inboxUrl) {
        return new TemplateRef(discreetEmailTemplateId(language), Map.of(INBOX_URL, inboxUrl.toString()));
    }
}
