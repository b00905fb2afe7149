package io.ibasho.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.web.DropInChildcareForm.Refused;
import io.ibasho.gateway.web.DropInChildcareForm.Row;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 託児 alone at a drop-in café: what she enters is checked per field, and every refusal is a sentence, never a code. */
class DropInChildcareFormTest {
    private static final OffsetDateTime DEADLINE = OffsetDateTime.parse("2026-12-07T23:59:00+09:00");

    @Test
    void agesWithOptionalNamesAndNotesBecomeTheChildren() {
        DropInChildcareForm.Checked checked = DropInChildcareForm.check(
                List.of(new Row("2", " そら ", "卵アレルギー"), new Row("", "", ""), new Row("4", "", " ")), Language.JA);
        assertThat(checked.errors()).isEmpty();
        assertThat(checked.children()).hasSize(2);
        assertThat(checked.children().getJsonObject(0))
                .isEqualTo(new JsonObject()
                        .put("ageYears", 2)
                        .put("childNickname", "そら")
                        .put("careNotes", "卵アレルギー"));
        assertThat(checked.children().getJsonObject(1)).isEqualTo(new JsonObject().put("ageYears", 4));
    }

    @Test
    void mistakesAreToldNextToTheirField() {
        assertThat(DropInChildcareForm.check(List.of(new Row("", "", "")), Language.JA)
                        .errors())
                .containsEntry("childAge", "託児が必要なお子さんの年齢を選んでください。");
        assertThat(DropInChildcareForm.check(List.of(new Row("", "そら", "")), Language.JA)
                        .errors()
                        .get("childAge"))
                .contains("1人目");
        assertThat(DropInChildcareForm.check(List.of(new Row("18", "", "")), Language.EN)
                        .errors())
                .containsKey("childAge");
        assertThat(DropInChildcareForm.check(List.of(new Row("1", "a".repeat(21), "")), Language.JA)
                        .errors())
                .containsEntry("childNickname1", "呼び名は20文字までです。");
        assertThat(DropInChildcareForm.check(List.of(new Row("1", "", ""), new Row("3", "", "<b>")), Language.EN)
                        .errors())
                .containsOnlyKeys("careNotes2");
        assertThat(DropInChildcareForm.check(List.of(new Row("1", "", "x".repeat(501))), Language.JA)
                        .errors())
                .containsKey("careNotes1");
    }

    @Test
    void everyRefusalIsASentenceWithTheSessionsOwnFigures() {
        assertThat(DropInChildcareForm.refusal("childcare-deadline-passed", 0, 6, DEADLINE, Language.JA))
                .isEqualTo("託児の申込締切（12月7日(月) 23:59）を過ぎたため、予約できません。");
        assertThat(DropInChildcareForm.refusal("childcare-age-out-of-range", 1, 6, DEADLINE, Language.JA))
                .isEqualTo("この回の託児は 1〜6歳のお子さんが対象です。年齢を確かめてください。");
        assertThat(DropInChildcareForm.refusal("childcare-full", 0, 6, DEADLINE, Language.EN))
                .startsWith("There are not enough carers left");
        for (String problem : List.of(
                "childcare-deadline-passed",
                "childcare-age-out-of-range",
                "childcare-full",
                "childcare-not-offered",
                "not-drop-in",
                "not-found",
                "validation")) {
            for (Language language : Language.values()) {
                assertThat(DropInChildcareForm.refusal(problem, null, null, null, language))
                        .isNotBlank()
                        .doesNotContain(problem);
            }
            assertThat(DropInChildcareForm.refused(409, problem)).isEqualTo(Refused.FORM);
        }
        assertThat(DropInChildcareForm.refused(409, "already-reserved")).isEqualTo(Refused.ALREADY_RESERVED);
        assertThat(DropInChildcareForm.refused(403, "forbidden")).isEqualTo(Refused.NOT_ATTENDEE);
        assertThat(DropInChildcareForm.refused(503, "")).isEqualTo(Refused.UNAVAILABLE);
        assertThat(DropInChildcareForm.refused(429, "rate-limited")).isEqualTo(Refused.UNAVAILABLE);
    }

    @Test
    void theFormIsOfferedOnlyAtAnOpenDropInSessionWithChildcareBeforeItsDeadline() {
        OffsetDateTime before = DEADLINE.minusMinutes(1);
        assertThat(DropInChildcareForm.open(true, true, DEADLINE, false, before))
                .isTrue();
        assertThat(DropInChildcareForm.open(true, true, DEADLINE, false, DEADLINE))
                .isFalse();
        assertThat(DropInChildcareForm.open(false, true, DEADLINE, false, before))
                .isFalse();
        assertThat(DropInChildcareForm.open(true, false, DEADLINE, false, before))
                .isFalse();
        assertThat(DropInChildcareForm.open(true, true, DEADLINE, true, before)).isFalse();
        assertThat(DropInChildcareForm.ages(1, 3)).containsExactly(1, 2, 3);
        assertThat(DropInChildcareForm.ages(null, null)).hasSize(18);
    }
}
