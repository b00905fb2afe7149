package io.ibasho.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the women's templates say and keep, read as written (the pages' data is tested beside them). */
class HerTemplatesTest {
    private static String template(String name) throws IOException {
        try (InputStream in = HerTemplatesTest.class.getResourceAsStream("/templates/web/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aSharedPhoneDoesNotRememberTheNicknameOfTheBookingForm() throws IOException {
        String book = template("book.html");
        assertThat(book).contains("id=\"nickname\"").doesNotContain("autocomplete=\"nickname\"");
        assertThat(book).containsPattern("id=\"nickname\"[^>]*autocomplete=\"off\"");
    }

    @Test
    void englishLinesAreNotSeparatedWithTheJapaneseDot() throws IOException {
        assertThat(template("talk.html")).doesNotContain(" ・ ").contains("{t.separator}");
        assertThat(UiText.of(Language.EN).get("separator")).isEqualTo(" · ");
        assertThat(UiText.of(Language.JA).get("separator")).isEqualTo(" ・ ");
        Map<String, String> tt = TalkText.of(Language.EN);
        JsonObject request = new JsonObject()
                .put("timeWindow", "specific-days")
                .put("days", new JsonArray().add("MON").add("WED"));
        assertThat(TalkPages.when(request, tt)).isEqualTo("Mon, Wed");
        assertThat(TalkPages.when(request, TalkText.of(Language.JA))).isEqualTo("月・水");
    }

    @Test
    void aClosedLotteryShowsNoFormAndALateBookingNoCancelButton() throws IOException {
        assertThat(template("book.html"))
                .contains("{#else if mode == 'closed'}")
                // signed out, she cannot yet be told whether the draw left seats over: signing in shows them
                .containsPattern("applications-closed.*\\n\\{#if !signedIn\\}.*signin-to-book");
        assertThat(template("booking.html")).contains("{#else if b.tooLateToCancel}");
    }

    @Test
    void herBookingShowsHerLotteryReferenceInTheTextAndInNoLink() throws IOException {
        String booking = template("booking.html");
        assertThat(booking)
                .contains("<code id=\"lottery-reference\">{b.lotteryReference}</code>")
                .contains("{t.lotteryReferenceHelp}");
        // never in an address (ADR 0085): a URL stays in the browser's history, where the reference must not be
        assertThat(booking).doesNotContainPattern("(href|src|action)=\"[^\"]*lotteryReference");
        String courses = template("courses.html");
        assertThat(courses).contains("<code class=\"lottery-reference\">{r.lotteryReference}</code>");
        assertThat(courses).doesNotContainPattern("(href|src|action)=\"[^\"]*lotteryReference");
    }

    @Test
    void theDeletedPageKeepsHerLanguageOnItsWayOut() throws IOException {
        // Clear-Site-Data took the lang cookie: the link says the language instead
        assertThat(template("erased.html")).contains("href=\"/?lang={lang}\"");
    }
}
