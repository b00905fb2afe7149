package io.ibasho.notification.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ibasho.notification.support.Templates;
import java.net.URI;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessageTemplatesTest {

    static Map<MessageDetail, String> sampleDetails(MessageKind kind) {
        Map<MessageDetail, String> details = new EnumMap<>(MessageDetail.class);
        for (MessageDetail detail : kind.inAppDetails()) {
            details.put(detail, "<" + detail.placeholder() + " value>");
        }
        return details;
    }

    @ParameterizedTest
    @EnumSource(MessageKind.class)
    void everyKindHasATemplateInJapaneseAndEnglish(MessageKind kind) {
        for (Language language : Language.values()) {
            String id = MessageTemplates.inAppTemplateId(kind, language);
            assertThat(Templates.read(id)).as(id).isNotBlank();
        }
    }

    @ParameterizedTest
    @EnumSource(MessageKind.class)
    void everyTemplateUsesExactlyTheDetailsItsKindDeclares(MessageKind kind) {
        Set<String> declared =
                kind.inAppDetails().stream().map(MessageDetail::placeholder).collect(Collectors.toSet());
        for (Language language : Language.values()) {
            String id = MessageTemplates.inAppTemplateId(kind, language);
            assertThat(Templates.placeholders(Templates.read(id))).as(id).containsExactlyInAnyOrderElementsOf(declared);
        }
    }

    @Test
    void templatesHoldNoQuteSyntaxBeyondPlainPlaceholders() {
        // A stray '{' is Qute syntax; keep these files plain text so translators can edit them safely.
        for (MessageKind kind : MessageKind.values()) {
            for (Language language : Language.values()) {
                assertPlain(MessageTemplates.inAppTemplateId(kind, language));
            }
        }
        for (Language language : Language.values()) {
            assertPlain(MessageTemplates.discreetEmailTemplateId(language));
            assertPlain(MessageTemplates.discreetLineTemplateId(language));
            assertPlain(MessageTemplates.hostLineTemplateId(language));
        }
    }

    /** Exploratory test: LINE messages ended with 「このメールは送信専用です。」. Each channel's footer names its own. */
    @Test
    void theLineTextIsWordedForAChatNotAnEmail() {
        for (Language language : Language.values()) {
            String line = Templates.read(MessageTemplates.discreetLineTemplateId(language));
            String email = Templates.read(MessageTemplates.discreetEmailTemplateId(language));
            assertThat(line.lines().findFirst()).contains(DiscreetEnvelope.neutralPreview(language));
            assertThat(Templates.placeholders(line)).containsExactly(MessageTemplates.INBOX_URL);
            assertThat(line).doesNotContain("メール", "mail", "address", "{title}", "{venue}", "{organisation}");
            assertThat(email).containsAnyOf("このメールは送信専用です。", "This address does not receive replies.");
        }
        assertThat(Templates.read(MessageTemplates.discreetLineTemplateId(Language.JA)))
                .contains("このトークへの返信");
    }

    /** Exploratory test: the inbox said 「主催: アプリでご確認ください」 while she read it in the app. */
    @Test
    void theHostsLineIsNeverInTheInboxTemplates() {
        for (MessageKind kind : MessageKind.values()) {
            assertThat(kind.inAppDetails()).doesNotContain(MessageDetail.ORGANISATION);
            for (Language language : Language.values()) {
                assertThat(Templates.read(MessageTemplates.inAppTemplateId(kind, language)))
                        .doesNotContain("主催:", "Hosted by:");
            }
        }
        assertThat(Templates.render(MessageTemplates.hostLine(Language.JA, "アプリでご確認ください")))
                .isEqualTo("主催: アプリでご確認ください\n");
    }

    private static void assertPlain(String id) {
        String text = Templates.read(id);
        String withoutPlaceholders = Templates.PLACEHOLDER.matcher(text).replaceAll("");
        assertThat(withoutPlaceholders).as(id).doesNotContain("{", "}");
    }

    @Test
    void japaneseTemplatesAreInJapanese() {
        for (MessageKind kind : MessageKind.values()) {
            String text = Templates.read(MessageTemplates.inAppTemplateId(kind, Language.JA));
            assertThat(text.codePoints()
                            .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA))
                    .as(kind.name())
                    .isTrue();
        }
    }

    @Test
    void discreetEmailTemplatesExistAndContainNoTitleVenueOrOrganisation() {
        for (Language language : Language.values()) {
            String id = MessageTemplates.discreetEmailTemplateId(language);
            String text = Templates.read(id);

            assertThat(text).as(id).isNotBlank().doesNotContain("{title}", "{venue}", "{organisation}");
            assertThat(Templates.placeholders(text)).as(id).containsExactly(MessageTemplates.INBOX_URL);
        }
    }

    @Test
    void discreetEmailsOpenWithTheNeutralPreview() {
        for (Language language : Language.values()) {
            String text = Templates.read(MessageTemplates.discreetEmailTemplateId(language));

            assertThat(text.lines().findFirst()).contains(DiscreetEnvelope.neutralPreview(language));
        }
    }

    @Test
    void inAppCarriesTheDetailsUnderTheirPlaceholderNames() {
        TemplateRef ref = MessageTemplates.inApp(
                MessageKind.LOTTERY_RESERVE,
                Language.JA,
                Map.of(MessageDetail.TITLE, "からだとこころのワークショップ", MessageDetail.POSITION, "3"));

        assertThat(ref.id()).isEqualTo("messages/LOTTERY_RESERVE.ja.txt");
        assertThat(ref.data()).containsExactlyInAnyOrderEntriesOf(Map.of("title", "からだとこころのワークショップ", "position", "3"));
        assertThat(Templates.render(ref)).contains("からだとこころのワークショップ", "3 番目");
    }

    @ParameterizedTest
    @EnumSource(MessageKind.class)
    void everyKindRendersInBothLanguagesWithItsDetails(MessageKind kind) {
        for (Language language : Language.values()) {
            String rendered = Templates.render(MessageTemplates.inApp(kind, language, sampleDetails(kind)));

            for (MessageDetail detail : kind.inAppDetails()) {
                assertThat(rendered).contains("<" + detail.placeholder() + " value>");
            }
        }
    }

    @Test
    void inAppRefusesMissingExtraOrBlankDetails() {
        assertThatThrownBy(() -> MessageTemplates.inApp(
                        MessageKind.SEAT_OFFERED,
                        Language.JA,
                        Map.of(MessageDetail.TITLE, "t", MessageDetail.STARTS_AT, "s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DEADLINE");
        assertThatThrownBy(() -> MessageTemplates.inApp(
                        MessageKind.OFFER_EXPIRED,
                        Language.JA,
                        Map.of(MessageDetail.TITLE, "t", MessageDetail.VENUE, "v")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageTemplates.inApp(
                        MessageKind.OFFER_EXPIRED, Language.JA, Map.of(MessageDetail.TITLE, " ")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kindsThatCarryAPositionDeadlineOrReasonDeclareIt() {
        assertThat(MessageKind.LOTTERY_RESERVE.details()).contains(MessageDetail.POSITION);
        assertThat(MessageKind.SEAT_OFFERED.details()).contains(MessageDetail.DEADLINE);
        assertThat(MessageKind.CANCELLED_BY_ORGANISER.details()).contains(MessageDetail.REASON);
        assertThat(MessageKind.LOTTERY_WON_CONFIRM.details()).contains(MessageDetail.DEADLINE);
        assertThat(Arrays.stream(MessageKind.values())
                        .filter(k -> k != MessageKind.MEETING_LINK && k != MessageKind.TALK_ACKNOWLEDGED)
                        .filter(k -> !k.name().startsWith("COURSE_")))
                .allMatch(k -> k.details().contains(MessageDetail.TITLE));
    }

    @Test
    void courseMessagesNameTheDatesAndHerCoursePageNeverATitleAndTheOfferItsDeadline() {
        List<MessageKind> course = Arrays.stream(MessageKind.values())
                .filter(k -> k.name().startsWith("COURSE_"))
                .toList();
        assertThat(course).hasSize(10);
        assertThat(course)
                .allMatch(k -> k.details().contains(MessageDetail.COURSE_DATES)
                        && k.details().contains(MessageDetail.COURSE_PAGE)
                        && !k.details().contains(MessageDetail.TITLE)
                        && !k.details().contains(MessageDetail.VENUE));
        assertThat(MessageKind.COURSE_OFFERED.details()).contains(MessageDetail.DEADLINE);
        assertThat(MessageKind.COURSE_LOTTERY_RESERVE.details()).contains(MessageDetail.POSITION);
        assertThat(MessageKind.COURSE_WAITLISTED.details()).contains(MessageDetail.POSITION);
    }

    @Test
    void theAcknowledgementOfARequestToTalkCarriesNothingAndSaysNothingAboutConsultation() {
        // Whoever looks at her phone must not learn from it that she asked to talk to anyone.
        assertThat(MessageKind.TALK_ACKNOWLEDGED.details()).isEmpty();
        assertThat(Templates.read(MessageTemplates.inAppTemplateId(MessageKind.TALK_ACKNOWLEDGED, Language.JA)))
                .doesNotContain("相談", "DV", "暴力", "{")
                .contains("ご指定の方法でご連絡します");
        assertThat(Templates.read(MessageTemplates.inAppTemplateId(MessageKind.TALK_ACKNOWLEDGED, Language.EN)))
                .doesNotContainIgnoringCase("consult")
                .doesNotContain("DV", "abuse", "violence", "{");
    }

    @Test
    void theMeetingLinkNoticeNamesNeitherTopicVenueNorLinkOnlyTheAppPage() {
        // The link never reaches this service; the notice only says it is ready and where in the app to look.
        assertThat(MessageKind.MEETING_LINK.details())
                .containsExactlyInAnyOrder(MessageDetail.STARTS_AT, MessageDetail.SESSION_PAGE);
        for (Language language : Language.values()) {
            String text = Templates.read(MessageTemplates.inAppTemplateId(MessageKind.MEETING_LINK, language));
            assertThat(text)
                    .doesNotContain("{title}", "{venue}", "{organisation}")
                    .contains("{sessionPage}");
        }
    }

    @Test
    void discreetEmailGetsOnlyTheInboxLink() {
        TemplateRef ref = MessageTemplates.discreetEmail(Language.EN, URI.create("https://app.ibasho.example/inbox"));

        assertThat(ref.data()).containsExactly(Map.entry("inboxUrl", "https://app.ibasho.example/inbox"));
    }
}
