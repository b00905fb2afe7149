package io.ibasho.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
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

    @Test
    void theStaffMenuNamesEveryLinkApartInBothLanguages() throws IOException {
        String layout;
        try (InputStream in = getClass().getResourceAsStream("/templates/web/layout.html")) {
            layout = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String staffMenu = layout.substring(
                layout.indexOf("{#if staff}"), layout.indexOf("{#else}", layout.indexOf("{#if staff}")));
        List<String> keys = Pattern.compile("\\{t\\.(\\w+)}")
                .matcher(staffMenu)
                .results()
                .map(m -> m.group(1))
                .toList();
        assertThat(keys).contains("navStaffCourses", "navPublicCourses");
        for (Language language : Language.values()) {
            assertThat(keys.stream().map(UiText.of(language)::get))
                    .as(language + ": the staff menu's labels")
                    .doesNotHaveDuplicates();
        }
    }
}
