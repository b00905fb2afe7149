package io.ibasho.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** A place to turn to in her language, with a call link that works for short codes such as #8008. */
class HelpPageTest {
    @Test
    void aLineIsInHerLanguageWithJapaneseMarkedWhereNoEnglishWasGiven() {
        JsonObject line = new JsonObject()
                .put("nameJa", "DV相談ナビ")
                .put("nameEn", "DV Soudan Navi")
                .put("phone", "#8008")
                .put("hoursJa", "全国共通")
                .put("helpsWithJa", "配偶者や恋人からの暴力の相談");
        HelpPage.Line ja = HelpPage.line(line, Language.JA);
        assertThat(ja.name()).isEqualTo("DV相談ナビ");
        assertThat(ja.telHref()).isEqualTo("tel:%238008");
        assertThat(ja.lang()).isEqualTo("ja");
        HelpPage.Line en = HelpPage.line(line, Language.EN);
        assertThat(en.name()).isEqualTo("DV Soudan Navi");
        assertThat(en.nameLang()).isEqualTo("en");
        // hours and what they help with exist only in Japanese: shown in Japanese, marked so
        assertThat(en.hours()).isEqualTo("全国共通");
        assertThat(en.lang()).isEqualTo("ja");
        assertThat(HelpPage.line(new JsonObject().put("nameJa", "窓口"), Language.JA)
                        .telHref())
                .isNull();
    }

    @Test
    void placesAreListedUnderTheirOrganisationsPublicNameEachLineOnce() {
        java.util.List<JsonObject> lines = java.util.List.of(
                new JsonObject()
                        .put("organisationId", "hinata")
                        .put("nameJa", "DV相談ナビ")
                        .put("phone", "#8008"),
                new JsonObject()
                        .put("organisationId", "hinata")
                        .put("nameJa", "ひなた市女性相談")
                        .put("phone", "0120-000-000"),
                new JsonObject()
                        .put("organisationId", "minato")
                        .put("nameJa", "DV相談ナビ")
                        .put("phone", "#8008"),
                new JsonObject()
                        .put("organisationId", "minato")
                        .put("nameJa", "みなと区の窓口")
                        .put("phone", "03-0000-0000"),
                new JsonObject().put("organisationId", "unnamed").put("nameJa", "名前のない団体の窓口"));
        java.util.List<JsonObject> named = java.util.List.of(
                new JsonObject().put("id", "hinata").put("nameJa", "ひなたの会").put("acceptsRequests", true),
                new JsonObject().put("id", "minato").put("nameJa", "みなと女性センター").put("acceptsRequests", false),
                // no places of its own, but its staff read requests: listed for its request link
                new JsonObject().put("id", "sora").put("nameJa", "そらの会").put("acceptsRequests", true),
                new JsonObject().put("id", "quiet").put("nameJa", "何もない会").put("acceptsRequests", false));
        var organisations = HelpPage.byOrganisation(lines, named, Language.JA);
        assertThat(organisations).extracting(HelpPage.Organisation::id).containsExactly("hinata", "minato", "sora", "");
        assertThat(organisations.get(0).name()).isEqualTo("ひなたの会");
        assertThat(organisations.get(0).lines()).extracting(HelpPage.Line::name).containsExactly("DV相談ナビ", "ひなた市女性相談");
        assertThat(organisations.get(1).lines()).extracting(HelpPage.Line::name).containsExactly("みなと区の窓口");
        assertThat(organisations.get(1).talkTo()).isFalse();
        assertThat(organisations.get(2).lines()).isEmpty();
        assertThat(organisations.get(2).talkTo()).isTrue();
        assertThat(organisations.get(3).lines()).extracting(HelpPage.Line::name).containsExactly("名前のない団体の窓口");
    }
}
