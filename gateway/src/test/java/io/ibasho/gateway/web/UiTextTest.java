package io.ibasho.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UiTextTest {
    @Test
    void everyWordExistsInBothLanguagesAndTitlesStayNeutral() {
        assertThat(UiText.english().keySet()).isEqualTo(UiText.japanese().keySet());
        UiText.japanese().forEach((key, ja) -> assertThat(ja).as(key).isNotBlank());
        UiText.english().forEach((key, en) -> assertThat(en).as(key).isNotBlank());
        assertThat(UiText.of(Language.JA).get("siteTitle")).isEqualTo("いばしょ");
        assertThat(UiText.of(Language.EN).get("siteTitle")).isEqualTo("Ibasho");
    }
}
