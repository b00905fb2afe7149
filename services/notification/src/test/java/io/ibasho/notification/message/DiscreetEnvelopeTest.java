package io.ibasho.notification.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.notification.support.Templates;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DiscreetEnvelopeTest {
    private static final URI INBOX = URI.create("https://app.ibasho.example/inbox");
    private static final String TITLE = "DV被害者のための女性カフェ";
    private static final String VENUE = "○○市男女共同参画センター 2階";
    private static final String ORGANISATION = "NPO法人 女性サポートネット";
    private static final Map<MessageDetail, String> BOOKING = Map.of(
            MessageDetail.TITLE, TITLE,
            MessageDetail.STARTS_AT, "4月8日(火) 14:00",
            MessageDetail.VENUE, VENUE,
            MessageDetail.ORGANISATION, ORGANISATION);

    private static String renderBody(DiscreetEnvelope envelope) {
        return envelope.body().stream().map(Templates::render).collect(Collectors.joining("\n"));
    }

    @Test
    void subjectSenderAndPreviewAreNeutralInJapanese() {
        DiscreetEnvelope envelope = DiscreetEnvelope.forExternalChannel(
                MessageKind.BOOKING_CONFIRMED, Language.JA, DetailPreference.DISCREET, INBOX, BOOKING);

        assertThat(envelope.senderName()).isEqualTo("Ibasho");
        assertThat(envelope.subject()).isEqualTo("Ibasho からのお知らせ");
        assertThat(envelope.preview()).isEqualTo("Ibasho に新しいお知らせが届いています。");
    }

    @Test
    void subjectIsNeutralInEnglish() {
        DiscreetEnvelope envelope = DiscreetEnvelope.forExternalChannel(
                MessageKind.BOOKING_CONFIRMED, Language.EN, DetailPreference.DISCREET, INBOX, BOOKING);

        assertThat(envelope.subject()).isEqualTo("A message from Ibasho");
        assertThat(envelope.body()).extracting(TemplateRef::id).containsExactly("email/discreet.en.txt");
    }

    @ParameterizedTest
    @EnumSource(DetailPreference.class)
    void nothingAboutTheSessionReachesSubjectSenderOrPreview(DetailPreference preference) {
        for (Language language : Language.values()) {
            DiscreetEnvelope envelope = DiscreetEnvelope.forExternalChannel(
                    MessageKind.BOOKING_CONFIRMED, language, preference, INBOX, BOOKING);

            for (String field : List.of(envelope.senderName(), envelope.subject(), envelope.preview())) {
                assertThat(field).doesNotContain(TITLE, VENUE, ORGANISATION, "カフェ", "DV");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(MessageKind.class)
    void theDiscreetBodySaysOnlyThatThereIsAMessageAndLinksTheInbox(MessageKind kind) {
        Map<MessageDetail, String> details = MessageTemplatesTest.sampleDetails(kind);
        details.put(MessageDetail.TITLE, TITLE);

        for (Language language : Language.values()) {
            DiscreetEnvelope envelope =
                    DiscreetEnvelope.forExternalChannel(kind, language, DetailPreference.DISCREET, INBOX, details);

            assertThat(envelope.body()).hasSize(1);
            assertThat(envelope.body().getFirst().data()).containsOnlyKeys("inboxUrl");
            String body = renderBody(envelope);
            assertThat(body).contains(INBOX.toString()).doesNotContain(TITLE, "value>");
            assertThat(body.lines().findFirst()).contains(envelope.preview());
        }
    }

    @Test
    void everyKindGetsTheSameNeutralEnvelope() {
        var first = DiscreetEnvelope.forExternalChannel(
                MessageKind.BOOKING_CONFIRMED, Language.JA, DetailPreference.DISCREET, INBOX, BOOKING);
        var other = DiscreetEnvelope.forExternalChannel(
                MessageKind.SESSION_CANCELLED,
                Language.JA,
                DetailPreference.DISCREET,
                INBOX,
                Map.of(MessageDetail.TITLE, TITLE));

        // Identical envelopes: not even the kind of message (cancelled? offered a seat?) can be told from outside.
        assertThat(other).isEqualTo(first);
    }

    @Test
    void fullDetailPutsTheTextAfterTheNeutralOpeningOnly() {
        DiscreetEnvelope envelope = DiscreetEnvelope.forExternalChannel(
                MessageKind.BOOKING_CONFIRMED, Language.JA, DetailPreference.FULL_DETAIL, INBOX, BOOKING);

        assertThat(envelope.subject()).isEqualTo("Ibasho からのお知らせ");
        assertThat(envelope.body())
                .extracting(TemplateRef::id)
                // the host's line last: the in-app text has none (docs/notifications.md)
                .containsExactly("email/discreet.ja.txt", "messages/BOOKING_CONFIRMED.ja.txt", "messages/host.ja.txt");
        String body = renderBody(envelope);
        assertThat(body).contains(TITLE, VENUE, ORGANISATION);
        assertThat(body.lines().findFirst()).contains(envelope.preview());
        assertThat(body.indexOf(TITLE)).isGreaterThan(body.indexOf(INBOX.toString()));
    }

    @Test
    void languageFallsBackToJapanese() {
        assertThat(Language.fromTag(null)).isEqualTo(Language.JA);
        assertThat(Language.fromTag("fr")).isEqualTo(Language.JA);
        assertThat(Language.fromTag("ja-JP")).isEqualTo(Language.JA);
        assertThat(Language.fromTag("en-GB")).isEqualTo(Language.EN);
        assertThat(Language.fromTag("EN")).isEqualTo(Language.EN);
    }
}
