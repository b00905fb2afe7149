package io.ibasho.gateway.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.web.Language;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionFormTest {
    private static Map<String, String> café() {
        Map<String, String> form = new HashMap<>();
        form.put("kind", "cafe");
        form.put("titleJa", "ウィメンズカフェ");
        form.put("date", "2026-12-08");
        form.put("startTime", "13:30");
        form.put("endTime", "15:30");
        form.put("allocation", "FIRST_COME");
        form.put("capacity", "12");
        form.put("opens", "2026-11-20T09:00");
        form.put("closes", "2026-12-07T18:00");
        return form;
    }

    @Test
    void whatSheTypedBecomesTheServicesRequestInTokyoTime() {
        SessionForm.Parsed parsed = SessionForm.read(café(), null, Language.JA);

        assertThat(parsed.errors()).isEmpty();
        JsonObject request = parsed.request();
        assertThat(request.getString("startsAt")).isEqualTo("2026-12-08T13:30+09:00");
        assertThat(request.getString("endsAt")).isEqualTo("2026-12-08T15:30+09:00");
        assertThat(request.getString("applicationClosesAt")).isEqualTo("2026-12-07T18:00+09:00");
        assertThat(request.getInteger("capacity")).isEqualTo(12);
        assertThat(request.getJsonObject("childcare").getBoolean("offered")).isFalse();
    }

    @Test
    void eachMistakeIsNamedBesideItsOwnField() {
        Map<String, String> form = café();
        form.put("titleJa", " ");
        form.put("endTime", "13:00");
        form.put("capacity", "zero");
        form.put("closes", "next week");

        SessionForm.Parsed parsed = SessionForm.read(form, null, Language.JA);

        assertThat(parsed.valid()).isFalse();
        // what reads of it goes to the event service's check in the same submit; what she got wrong is left out
        assertThat(parsed.request().getString("kind")).isEqualTo("cafe");
        assertThat(parsed.request().containsKey("titleJa")).isFalse();
        assertThat(parsed.request().containsKey("capacity")).isFalse();
        assertThat(parsed.request().containsKey("applicationClosesAt")).isFalse();
        assertThat(parsed.errors())
                .containsOnlyKeys("titleJa", "endTime", "capacity", "closes")
                .containsEntry("endTime", "終了時刻は開始時刻より後にしてください。");
        assertThat(SessionForm.read(form, null, Language.EN).errors().get("capacity"))
                .isEqualTo("Enter a capacity from 1 to 10,000.");
        // too large is said as such, not as too small
        form.put("capacity", "100000");
        assertThat(SessionForm.read(form, null, Language.JA).errors().get("capacity"))
                .isEqualTo("定員は1から10000までの数字で入力してください。");
    }

    @Test
    void aTimeLeftAsItWasKeepsItsSeconds() {
        JsonObject current = new JsonObject()
                .put("applicationOpensAt", "2026-11-20T09:00:37+09:00")
                .put("applicationClosesAt", "2026-12-07T18:00:12+09:00");
        Map<String, String> form = café();
        form.put("closes", "2026-12-07T19:00");
        JsonObject request = SessionForm.read(form, current, Language.JA).request();
        assertThat(request.getString("applicationOpensAt")).isEqualTo("2026-11-20T09:00:37+09:00");
        assertThat(request.getString("applicationClosesAt")).isEqualTo("2026-12-07T19:00+09:00");
    }

    @Test
    void theLotteryRulesAreTypedInTheFormAndSentInTheServicesWords() {
        Map<String, String> form = café();
        form.put("allocation", "LOTTERY");
        form.put("priorityTiers", "初めての方 / first-time participants、その他");
        form.put("oneWinPerMonth", "1");
        form.put("confirmationRequired", "1");
        form.put("confirmationHours", "36");
        JsonObject rules = SessionForm.read(form, null, Language.JA).request().getJsonObject("lottery");
        assertThat(rules.getJsonArray("priorityTiers")).containsExactly("初めての方 / first-time participants", "その他");
        assertThat(rules.getBoolean("oneWinPerMonth")).isTrue();
        assertThat(rules.getBoolean("childcareRequiredToWin")).as("unticked").isFalse();
        assertThat(rules.getBoolean("confirmationRequired")).isTrue();
        assertThat(rules.getInteger("confirmationHours")).isEqualTo(36);

        form.put("confirmationHours", "0");
        assertThat(SessionForm.read(form, null, Language.JA).errors()).containsKey("confirmationHours");
        form.put("allocation", "FIRST_COME");
        assertThat(SessionForm.read(café(), null, Language.JA).request().containsKey("lottery"))
                .isFalse();
    }

    @Test
    void rulesShownInTheFormGoBackExactlyAsTheViewHasThem() {
        // an edit that leaves the rules alone must not change them: they are frozen once applications are open
        JsonObject view = new JsonObject()
                .put("priorityTiers", new JsonArray().add("初めての方").add("その他"))
                .put("oneWinPerMonth", true)
                .put("childcareRequiredToWin", true)
                .put("confirmationRequired", false)
                .put("confirmationHours", 0);
        JsonObject session = new JsonObject()
                .put("kind", "workshop")
                .put("titleJa", "アロマ")
                .put("startsAt", "2026-12-08T13:30:00+09:00")
                .put("endsAt", "2026-12-08T15:30:00+09:00")
                .put("allocation", "LOTTERY")
                .put("capacity", 10)
                .put("lottery", view);
        Map<String, String> shown = SessionForm.valuesOf(session);
        JsonObject rules =
                SessionForm.read(shown, session, Language.JA).request().getJsonObject("lottery");
        assertThat(rules).isEqualTo(view);
    }

    @Test
    void theFlyerFieldsAreSentAndAnEditKeepsItsSpeakersAndEnglish() {
        JsonObject current = new JsonObject()
                .put(
                        "flyer",
                        new JsonObject()
                                .put("descriptionJa", "古い説明")
                                .put("bringEn", "A towel")
                                .put("speakers", new JsonArray().add(new JsonObject().put("name", "あおい（仮名）"))));
        Map<String, String> form = café();
        form.put("descriptionJa", "お茶を飲みながら話します。");
        form.put("bringJa", "タオル");
        form.put("feeYen", "1,500円");
        JsonObject flyer =
                SessionForm.read(form, current, Language.JA).request().getJsonObject("flyer");
        assertThat(flyer.getString("descriptionJa")).isEqualTo("お茶を飲みながら話します。");
        assertThat(flyer.getInteger("feeYen")).isEqualTo(1500);
        assertThat(flyer.getString("bringEn")).isEqualTo("A towel");
        assertThat(flyer.getJsonArray("speakers")).hasSize(1);
        assertThat(SessionForm.valuesOf(new JsonObject().put("flyer", flyer)))
                .containsEntry("bringJa", "タオル")
                .containsEntry("feeYen", "1500");

        form.put("feeYen", "-5");
        assertThat(SessionForm.read(form, current, Language.JA).errors())
                .containsEntry("feeYen", "参加費は円の数字で入力してください（無料は 0）。");
        assertThat(SessionForm.fieldOf("flyer.feeYen")).isEqualTo("feeYen");
    }

    @Test
    void editingKeepsWhatTheFormDoesNotShowAndReadsBackTheSameValues() {
        JsonObject current = new JsonObject()
                .put("id", "s1")
                .put("kind", "workshop")
                .put("titleJa", "アロマハンドケア")
                .put("startsAt", "2026-12-08T04:30:00Z")
                .put("endsAt", "2026-12-08T06:30:00Z")
                .put("allocation", "LOTTERY")
                .put("capacity", 10)
                .put("applicationOpensAt", "2026-11-20T00:00:00Z")
                .put("applicationClosesAt", "2026-12-01T09:00:00Z")
                .put("roomId", "room-a")
                .put("venue", new JsonObject().put("id", "v1"))
                .put("lottery", new JsonObject().put("oneWinPerMonth", true))
                .put(
                        "parts",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("partId", "p1")
                                        .put("label", "1部")
                                        .put("startsAt", "2026-12-08T04:30:00Z")
                                        .put("endsAt", "2026-12-08T05:30:00Z")))
                .put(
                        "childcare",
                        new JsonObject()
                                .put("offered", true)
                                .put("minAgeYears", 1)
                                .put("maxAgeYears", 6)
                                .put("deadline", "2026-12-01T09:00:00Z"))
                .put("childcareCarers", 2)
                .put("childcareMaxChildren", 8);

        Map<String, String> values = SessionForm.valuesOf(current);
        assertThat(values)
                .containsEntry("date", "2026-12-08")
                .containsEntry("startTime", "13:30")
                .containsEntry("closes", "2026-12-01T18:00")
                .containsEntry("venueId", "v1")
                .containsEntry("childcare", "1")
                .containsEntry("carers", "2");

        values.put("startTime", "14:00");
        SessionForm.Parsed parsed = SessionForm.read(values, current, Language.JA);
        assertThat(parsed.errors()).isEmpty();
        JsonObject request = parsed.request();
        assertThat(request.getString("startsAt")).isEqualTo("2026-12-08T14:00+09:00");
        assertThat(request.getString("roomId")).isEqualTo("room-a");
        assertThat(request.getJsonObject("lottery").getBoolean("oneWinPerMonth"))
                .isTrue();
        assertThat(request.getJsonArray("parts").getJsonObject(0).containsKey("partId"))
                .isFalse();
        assertThat(request.getJsonObject("childcare").getInteger("maxChildren")).isEqualTo(8);
        assertThat(request.getJsonObject("childcare").getInteger("carers")).isEqualTo(2);
    }

    @Test
    void theServicesRulesLandBesideTheFieldsInHerLanguage() {
        assertThat(SessionForm.fieldOf("applicationCloses")).isEqualTo("closes");
        assertThat(SessionForm.fieldOf("childcare.deadline")).isEqualTo("childcareDeadline");
        assertThat(SessionForm.fieldOf("title.ja")).isEqualTo("titleJa");
        assertThat(SessionForm.fieldOf("somethingNew")).isEqualTo("form");
        assertThat(SessionForm.message("DEADLINE_REQUIRED", "A workshop needs an application deadline", Language.JA))
                .isEqualTo("申込締切の日時を入力してください。");
        // English is the screen's own too: the service's message is written for developers
        assertThat(SessionForm.message("DEADLINE_REQUIRED", "A workshop needs an application deadline", Language.EN))
                .isEqualTo("Enter the application deadline.");
        assertThat(SessionForm.message("SOME_NEW_CODE", "Service words", Language.JA))
                .isEqualTo("Service words");
    }

    @Test
    void everyStaffWordHasBothLanguages() {
        assertThat(StaffText.japanese().keySet()).isEqualTo(StaffText.english().keySet());
        assertThat(StaffText.japanese().keySet())
                .containsAll(SessionForm.FIELDS.stream()
                        .filter(f -> !f.equals("childcare") && !f.equals("roomId"))
                        .toList());
        // the room is labelled with the venue screens' words
        assertThat(VenueText.japanese().keySet()).isEqualTo(VenueText.english().keySet());
        assertThat(VenueText.japanese()).containsKey("roomId");
    }
}
