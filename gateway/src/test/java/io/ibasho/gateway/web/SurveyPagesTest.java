package io.ibasho.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The survey page's questions and the answers it accepts (plain, no Quarkus). */
class SurveyPagesTest {
    private static final JsonObject INVITATION = new JsonObject()
            .put("registrationId", "r-1")
            .put("sessionId", "s-1")
            .put(
                    "questions",
                    new JsonArray()
                            .add(new JsonObject()
                                    .put("key", "venue")
                                    .put("textJa", "会場は来やすかったですか")
                                    .put("textEn", "Was the venue easy to reach?")
                                    .put("kind", "YES_NO"))
                            .add(new JsonObject()
                                    .put("key", "relaxed")
                                    .put("textJa", "安心して過ごせましたか")
                                    .put("kind", "SCALE")));

    @Test
    void satisfactionAndComeAgainFirstThenTheOrganisationsOwnInItsLanguage() {
        List<SurveyPages.Question> questions = SurveyPages.questions(INVITATION, Map.of("q-relaxed", "4"), false);
        assertThat(questions)
                .extracting(SurveyPages.Question::field)
                .containsExactly("satisfaction", "comeAgain", "q-venue", "q-relaxed");
        assertThat(questions.get(2).text()).isEqualTo("Was the venue easy to reach?");
        assertThat(questions.get(3).text()).as("no English: the Japanese").isEqualTo("安心して過ごせましたか");
        assertThat(questions.get(3).scale()).isTrue();
        assertThat(questions.get(3).chose(4)).isTrue();
        assertThat(questions.get(2).scale()).isFalse();
    }

    @Test
    void onlyOneToFiveAndYesOrNoAreAnswers() {
        assertThat(SurveyPages.scale("5")).isEqualTo(5);
        assertThat(SurveyPages.scale("6")).isNull();
        assertThat(SurveyPages.scale("0")).isNull();
        assertThat(SurveyPages.scale(null)).isNull();
        assertThat(SurveyPages.yesNo("yes")).isTrue();
        assertThat(SurveyPages.yesNo("no")).isFalse();
        assertThat(SurveyPages.yesNo("maybe")).isNull();
    }

    @Test
    void myBookingsOffersEachOpenInvitationUnderItsSessionsTitle() {
        List<SurveyPages.OpenSurvey> offered = SurveyPages.offered(
                new JsonArray().add(INVITATION),
                Map.of("s-1", new JsonObject().put("titleJa", "女性カフェ").put("titleEn", "Women's Café")),
                Language.JA);
        assertThat(offered).containsExactly(new SurveyPages.OpenSurvey("r-1", "女性カフェ", "ja"));
    }
}
