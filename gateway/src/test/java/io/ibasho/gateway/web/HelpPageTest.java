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
}
