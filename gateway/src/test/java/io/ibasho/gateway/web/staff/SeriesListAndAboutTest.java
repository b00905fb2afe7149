package io.ibasho.gateway.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.web.Language;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An organiser finds her series again (a list at /staff/series, linked from her session list and from every date of a
 * series), and a series' forms carry 英語のタイトル, 対象 and 内容・プログラム to its dates, read and worded as the session
 * form reads them. Plain: no Quarkus.
 */
class SeriesListAndAboutTest {
    private static final Path TEMPLATES = Path.of("src/main/resources/templates/web/staff");

    private static JsonArray listed() {
        return new JsonArray()
                .add(new JsonObject()
                        .put("id", "s1")
                        .put("status", "published")
                        .put("rrule", "FREQ=MONTHLY;BYDAY=2TU")
                        .put("firstStart", "2026-12-08T10:00:00")
                        .put("titleJa", "女性のためのカフェ")
                        .put("titleEn", "Women's Café")
                        .put("venueId", "v1")
                        .put("nextSessionId", "a1")
                        .put("nextStartsAt", "2027-01-12T10:00:00+09:00")
                        .put("nextEndsAt", "2027-01-12T12:00:00+09:00"))
                .add(new JsonObject()
                        .put("id", "s2")
                        .put("status", "draft")
                        .put("rrule", "FREQ=WEEKLY;BYDAY=FR")
                        .put("firstStart", "2026-10-02T13:30:00")
                        .put("titleJa", "おしゃべり会")
                        .put("venueId", "v2"));
    }

    @Test
    void herListSaysEachSeriesRuleVenueNextDateAndState() {
        List<StaffViews.SeriesRow> rows = SeriesPages.seriesRows(listed(), Map.of("v1", "ひだまり会館"), Language.JA);
        assertThat(rows).hasSize(2);
        StaffViews.SeriesRow cafe = rows.get(0);
        assertThat(cafe.id()).isEqualTo("s1");
        assertThat(cafe.title()).isEqualTo("女性のためのカフェ");
        assertThat(cafe.rule()).isEqualTo("毎月第2火曜日（12月8日(火)から）");
        assertThat(cafe.venue()).isEqualTo("ひだまり会館");
        assertThat(cafe.next()).contains("1月12日").contains("10:00");
        assertThat(cafe.hasNext()).isTrue();
        assertThat(cafe.status()).isEqualTo("公開中");
        StaffViews.SeriesRow ended = rows.get(1);
        assertThat(ended.rule()).isEqualTo("毎週金曜日（10月2日(金)から）");
        assertThat(ended.venue()).isEmpty();
        assertThat(ended.next()).isEqualTo("これからの日程はありません");
        assertThat(ended.hasNext()).isFalse();
        assertThat(ended.status()).isEqualTo("下書き");

        // in English the English title where there is one
        List<StaffViews.SeriesRow> en = SeriesPages.seriesRows(listed(), Map.of(), Language.EN);
        assertThat(en.get(0).title()).isEqualTo("Women's Café");
        assertThat(en.get(0).rule())
                .startsWith("Every 2nd Tuesday of the month (from ")
                .contains("8 Dec");
        assertThat(en.get(1).title()).isEqualTo("おしゃべり会");
        assertThat(en.get(1).next()).isEqualTo("No dates to come");
    }

    @Test
    void theListTheSessionListAndEveryDateOfASeriesLeadToTheSeries() throws IOException {
        String list = Files.readString(TEMPLATES.resolve("series-list.html"));
        assertThat(list).contains("<a href=\"/staff/series/{r.id}\">{r.title}</a>");
        assertThat(Files.readString(TEMPLATES.resolve("sessions.html")))
                .contains("href=\"/staff/series\" id=\"series-list-link\">{st.seriesList}</a>");
        assertThat(Files.readString(TEMPLATES.resolve("session-form.html")))
                .contains("{#if seriesId}")
                .contains("<a href=\"/staff/series/{seriesId}\" id=\"series-link\">{st.seriesOfSession}</a>");
        assertThat(StaffText.of(Language.JA).get("seriesOfSession")).isEqualTo("このくり返しの開催（シリーズ）を見る");
        assertThat(StaffText.of(Language.EN).get("seriesOfSession")).isNotBlank();
    }

    @Test
    void aSeriesFormShowsTheSessionFormsAboutFieldsWithItsWording() {
        Map<String, String> values = Map.of("targetAudienceJa", "女性の方");
        List<StaffViews.Field> about = StaffViews.aboutFields(values, Map.of(), Language.JA);
        assertThat(about)
                .extracting(StaffViews.Field::name)
                .containsExactly("titleEn", "targetAudienceJa", "descriptionJa", "bringJa", "feeYen");
        List<StaffViews.Field> session = StaffViews.sessionFields(values, Map.of(), new JsonArray(), Language.JA);
        for (StaffViews.Field field : about) {
            assertThat(session).contains(field);
        }
        assertThat(about.get(1).label()).isEqualTo("対象（例: 子育て中の方）");
        assertThat(about.get(1).value()).isEqualTo("女性の方");
        assertThat(about.get(2).label()).isEqualTo("内容・プログラム");
    }

    @Test
    void whatSheTypesBecomesTheSeriesTitleEnAudienceAndProgrammeOrTheSessionFormsMessages() {
        Map<String, String> typed = new HashMap<>();
        typed.put("titleEn", "Women's Café");
        typed.put("targetAudienceJa", " 女性の方 ");
        typed.put("descriptionJa", "お茶を飲みながらおしゃべりします。");
        typed.put("feeYen", "100円");
        JsonObject request = new JsonObject();
        Map<String, String> errors = new LinkedHashMap<>();
        SessionForm.readAbout(typed, null, request, errors, true);
        assertThat(errors).isEmpty();
        assertThat(request.getString("titleEn")).isEqualTo("Women's Café");
        assertThat(request.getString("targetAudienceJa")).isEqualTo("女性の方");
        assertThat(request.getJsonObject("flyer").getString("descriptionJa")).isEqualTo("お茶を飲みながらおしゃべりします。");
        assertThat(request.getJsonObject("flyer").getInteger("feeYen")).isEqualTo(100);

        typed.put("titleEn", "x".repeat(201));
        typed.put("descriptionJa", "あ".repeat(2001));
        SessionForm.readAbout(typed, null, new JsonObject(), errors, true);
        assertThat(errors).containsEntry("titleEn", "タイトルは200文字までです。").containsEntry("descriptionJa", "内容は2000文字までです。");
        // the event service's refusals of them are shown beside them on both series forms
        assertThat(SeriesPages.seriesField("flyer.descriptionJa")).isEqualTo("descriptionJa");
        assertThat(SeriesPages.seriesField("targetAudienceJa")).isEqualTo("targetAudienceJa");
        assertThat(SeriesChangePages.fieldOf("flyer.descriptionJa")).isEqualTo("descriptionJa");
        assertThat(SeriesChangePages.fieldOf("titleEn")).isEqualTo("titleEn");
    }

    private static JsonObject series() {
        return new JsonObject()
                .put("id", "s1")
                .put("venueId", "v1")
                .put("kind", "cafe")
                .put("rrule", "FREQ=MONTHLY;BYDAY=2TU")
                .put("firstStart", "2026-12-08T10:00:00")
                .put("durationMinutes", 120)
                .put("titleJa", "女性のためのカフェ")
                .put("titleEn", "Women's Café")
                .put("targetAudienceJa", "女性の方")
                .put(
                        "flyer",
                        new JsonObject()
                                .put("descriptionJa", "おしゃべりします。")
                                .put("descriptionEn", "We chat.")
                                .put("speakers", new JsonArray().add(new JsonObject().put("name", "山田"))))
                .put("allocation", "NONE")
                .put("lastDay", "2027-06-30")
                .put(
                        "occurrences",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("startsAt", "2027-01-12T01:00:00Z")
                                        .put("status", "published")));
    }

    @Test
    void theChangeFormStartsFromTheSeriesTextsAndCarriesWhatSheChangesToTheLaterDates() {
        Map<String, String> shown = SeriesChangePages.valuesOf(series());
        assertThat(shown)
                .containsEntry("titleEn", "Women's Café")
                .containsEntry("targetAudienceJa", "女性の方")
                .containsEntry("descriptionJa", "おしゃべりします。");

        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("from", "2027-01-12")
                .add("titleJa", "女性のためのカフェ")
                .add("titleEn", "Women's Café")
                .add("targetAudienceJa", "女性とお子さん")
                .add("descriptionJa", "絵本の読み聞かせもあります。")
                .add("startTime", "10:00")
                .add("endTime", "12:00")
                .add("allocation", "NONE");
        Map<String, String> values = SeriesChangePages.valuesFrom(form);
        LocalDate today = LocalDate.of(2026, 12, 20);
        assertThat(SeriesChangePages.check(series(), values, today, Language.JA))
                .isEmpty();
        JsonObject request = SeriesChangePages.request(series(), values);
        assertThat(request.getString("titleEn")).isEqualTo("Women's Café");
        assertThat(request.getString("targetAudienceJa")).isEqualTo("女性とお子さん");
        JsonObject flyer = request.getJsonObject("flyer");
        assertThat(flyer.getString("descriptionJa")).isEqualTo("絵本の読み聞かせもあります。");
        // what the form does not show of the flyer stays
        assertThat(flyer.getString("descriptionEn")).isEqualTo("We chat.");
        assertThat(flyer.getJsonArray("speakers")).hasSize(1);

        // a programme too long is said beside it, in the session form's words, before anything is asked
        Map<String, String> tooLong = SeriesChangePages.valuesFrom(form.set("descriptionJa", "あ".repeat(2500)));
        assertThat(SeriesChangePages.check(series(), tooLong, today, Language.EN))
                .containsOnlyKeys("descriptionJa")
                .containsEntry("descriptionJa", "At most 2000 characters.");
    }
}
