package io.ibasho.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.notification.InboxMessage;
import io.ibasho.notification.SessionCopy;
import io.ibasho.notification.config.NotificationConfig;
import io.ibasho.notification.message.DetailPreference;
import io.ibasho.notification.message.Language;
import io.ibasho.notification.message.MessageKind;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every message kind worded by the service's own {@link MessageWording} (the real Qute engine and templates) from the
 * facts a real message and session copy hold, in Japanese and English, in the inbox and in a full-detail e-mail: no
 * placeholder, "to be announced" or wire code may be left in what she reads.
 */
class MessageWordingRealisticTest {
    private static final MessageWording WORDING = new MessageWording(qute(), config());

    @ParameterizedTest
    @EnumSource(MessageKind.class)
    void everyKindReadsAsASentenceWithNothingLeftOpen(MessageKind kind) {
        for (Language language : Language.values()) {
            InboxMessage message = message(kind);
            String inbox = WORDING.inAppText(message, session(), language);
            MessageWording.RenderedMail mail =
                    WORDING.email(message, session(), language, DetailPreference.FULL_DETAIL);

            for (String text : new String[] {inbox, mail.subject(), mail.body()}) {
                assertThat(text)
                        .as("%s %s", kind, language)
                        .isNotBlank()
                        .doesNotContain("{", "}", "未定", "to be announced", "null", kind.name());
            }
            if (kind.details().contains(io.ibasho.notification.message.MessageDetail.TITLE)) {
                assertThat(inbox).contains(language == Language.EN ? "Aroma hand care" : "アロマハンドケア");
            }
            if (kind == MessageKind.CANCELLED_BY_ORGANISER) {
                assertThat(inbox).contains(language == Language.EN ? "the weather" : "天候");
            }
            if (kind.details().contains(io.ibasho.notification.message.MessageDetail.VENUE)) {
                assertThat(inbox).contains(language == Language.EN ? "Hinata Community Room" : "ひなた交流室");
            }
            // the host's line: in an e-mail (and LINE) the discreet pointer to the app; in the app itself, none
            assertThat(inbox).doesNotContain("主催:", "Hosted by:", "アプリでご確認ください", "shown in the app");
            if (kind.details().contains(io.ibasho.notification.message.MessageDetail.ORGANISATION)) {
                assertThat(mail.body())
                        .contains(language == Language.EN ? "Hosted by: shown in the app" : "主催: アプリでご確認ください");
            }
            String line = WORDING.lineText(message, session(), language, DetailPreference.FULL_DETAIL);
            assertThat(line)
                    .contains(language == Language.EN ? "replies in this chat" : "このトークへの返信")
                    .doesNotContain("このメール", "This address does not receive replies");
            if (kind == MessageKind.OFFER_DECLINED) {
                assertThat(inbox).doesNotContain("期限", "expired", "deadline");
            }
        }
    }

    /** What a stored message of this kind holds: a position, a deadline or a reason code only where it has one. */
    private static InboxMessage message(MessageKind kind) {
        InboxMessage message = new InboxMessage();
        message.id = UUID.randomUUID();
        message.recipientId = UUID.randomUUID().toString();
        message.kind = kind.name();
        message.sessionId = UUID.fromString("6f1c2a5e-0d1b-4c55-9a8e-2d4f7b9c1e01");
        message.registrationId = UUID.randomUUID();
        message.createdAt = OffsetDateTime.parse("2026-12-01T10:00:00+09:00");
        message.position = 2;
        message.deadline = OffsetDateTime.parse("2026-12-03T23:59:00+09:00");
        message.reason = "WEATHER";
        if (kind.name().startsWith("COURSE_")) { // a course message names its dates, not one session
            message.sessionId = null;
            message.courseId = UUID.fromString("0c7e5a1b-2d3f-4e6a-8b9c-1d2e3f4a5b6c");
            message.courseDates = "2026-12-05T04:30:00Z 2026-12-12T04:30:00Z 2026-12-19T04:30:00Z";
        }
        return message;
    }

    private static SessionCopy session() {
        SessionCopy session = new SessionCopy();
        session.id = UUID.fromString("6f1c2a5e-0d1b-4c55-9a8e-2d4f7b9c1e01");
        session.titleJa = "アロマハンドケアの会";
        session.titleEn = "Aroma hand care";
        session.startsAt = OffsetDateTime.parse("2026-12-05T13:30:00+09:00");
        session.endsAt = OffsetDateTime.parse("2026-12-05T15:30:00+09:00");
        session.status = "PUBLISHED";
        session.venueId = "b3a1d7c0-5e2f-4a8b-9c6d-1e0f2a3b4c5d";
        session.venueNameJa = "ひなた交流室";
        session.venueNameEn = "Hinata Community Room";
        session.allocation = "FIRST_COME";
        session.kind = "workshop";
        return session;
    }

    /** The service's templates from the classpath, as Quarkus' Qute finds them under templates/. */
    private static Engine qute() {
        TemplateLocator classpath = id -> {
            try (InputStream in =
                    MessageWordingRealisticTest.class.getClassLoader().getResourceAsStream("templates/" + id)) {
                if (in == null) {
                    return Optional.empty();
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return Optional.of(new TemplateLocator.TemplateLocation() {
                    @Override
                    public Reader read() {
                        return new StringReader(text);
                    }

                    @Override
                    public Optional<Variant> getVariant() {
                        return Optional.empty();
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        return Engine.builder().addDefaults().addLocator(classpath).build();
    }

    /** Only the addresses the wording reads; the configuration interface has no other use here. */
    private static NotificationConfig config() {
        return (NotificationConfig) Proxy.newProxyInstance(
                NotificationConfig.class.getClassLoader(),
                new Class<?>[] {NotificationConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "inboxUrl" -> URI.create("https://ibasho.example.jp/inbox");
                    case "sessionPageBaseUrl" -> "https://ibasho.example.jp/s";
                    case "sessionDetailsBaseUrl" -> "https://ibasho.example.jp/s";
                    case "coursePageUrl" -> "https://ibasho.example.jp/app/courses";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
