package io.ibasho.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Her request to talk in words: how and when, where it stands, and what to fix when it is refused. */
class TalkPagesTest {
    @Test
    void howAndWhenAreWordedInHerLanguage() {
        JsonObject request = new JsonObject()
                .put("channel", "callback")
                .put("callbackPhone", "090-0000-1234")
                .put("timeWindow", "specific-days")
                .put("days", new JsonArray().add("MON").add("THU"))
                .put("status", "ACKNOWLEDGED")
                .put("reference", "A1B2C3")
                .put("organisationId", "hinata");
        assertThat(TalkPages.how(request, TalkText.of(Language.JA))).isEqualTo("電話番号: 090-0000-1234");
        assertThat(TalkPages.when(request, TalkText.of(Language.JA))).isEqualTo("月・木");
        assertThat(TalkPages.when(request, TalkText.of(Language.EN))).isEqualTo("Mon, Thu");
        TalkPages.Sent sent = TalkPages.sent(request, TalkText.of(Language.EN), java.util.Map.of("hinata", "Hinata"));
        assertThat(sent.status()).isEqualTo("Received: we will contact you");
        assertThat(sent.organisation()).isEqualTo("Hinata");
        TalkPages.Sent unlisted = TalkPages.sent(request, TalkText.of(Language.JA), java.util.Map.of());
        assertThat(unlisted.status()).startsWith("受け付けました");
        // an organisation no longer listed is said neutrally, never by its id
        assertThat(unlisted.organisation()).isEqualTo("選んだ団体");
        assertThat(TalkPages.how(request.copy().put("channel", "line"), TalkText.of(Language.JA)))
                .startsWith("LINE で");
    }

    @Test
    void sheChoosesByPublicNameOnlyAmongOrganisationsThatReadRequestsNow() {
        java.util.List<JsonObject> listed = java.util.List.of(
                new JsonObject()
                        .put("id", "hinata")
                        .put("nameJa", "ひなたの会")
                        .put("nameEn", "Hinata Women's Network")
                        .put("acceptsRequests", true),
                new JsonObject().put("id", "paused").put("nameJa", "休止中の会").put("acceptsRequests", false),
                new JsonObject()
                        .put("id", "no-english")
                        .put("nameJa", "英語名のない会")
                        .put("acceptsRequests", true));
        assertThat(TalkPages.choices(listed, Language.EN))
                .containsExactly(
                        new TalkPages.Choice("hinata", "Hinata Women's Network", "en"),
                        new TalkPages.Choice("no-english", "英語名のない会", "ja"));
        assertThat(TalkPages.choices(listed, Language.JA).get(0).name()).isEqualTo("ひなたの会");
    }

    @Test
    void aRefusalNamesTheFieldsToFixInHerWordsNeverTheServicesEnglish() {
        ServiceCalls.Answer refused = new ServiceCalls.Answer(
                400,
                Buffer.buffer(new JsonObject()
                        .put("type", "https://ibasho.example/problems/validation")
                        .put(
                                "violations",
                                new JsonArray()
                                        .add(new JsonObject().put("field", "callbackPhone"))
                                        .add(new JsonObject().put("field", "days")))
                        .encode()),
                "application/problem+json");
        assertThat(TalkPages.refusal(refused, Language.JA)).isEqualTo("確認してください: 電話番号、曜日");
        // a number she typed that is not one: what a number looks like, not only which field
        ServiceCalls.Answer badPhone = new ServiceCalls.Answer(
                400,
                Buffer.buffer(new JsonObject()
                        .put("type", "https://ibasho.example/problems/validation")
                        .put(
                                "violations",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("field", "callbackPhone")
                                                .put("code", "pattern")))
                        .encode()),
                "application/problem+json");
        assertThat(TalkPages.refusal(badPhone, Language.JA)).isEqualTo("電話番号は数字で入力してください（例：090-1234-5678）。");
        assertThat(TalkPages.refusal(badPhone, Language.EN)).contains("in digits");
        ServiceCalls.Answer notSafe = new ServiceCalls.Answer(
                422,
                Buffer.buffer(new JsonObject()
                        .put("type", "https://ibasho.example/problems/talk-channel-not-safe")
                        .encode()),
                "application/problem+json");
        assertThat(TalkPages.refusal(notSafe, Language.EN)).contains("choose another way");
        // what only the service can know is said in full, with the other fields to check
        ServiceCalls.Answer notLinked = new ServiceCalls.Answer(
                400,
                Buffer.buffer(new JsonObject()
                        .put("type", "https://ibasho.example/problems/validation")
                        .put(
                                "violations",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("field", "channel")
                                                .put("code", "line-not-linked"))
                                        .add(new JsonObject()
                                                .put("field", "organisationId")
                                                .put("code", "not-accepting"))
                                        .add(new JsonObject()
                                                .put("field", "days")
                                                .put("code", "required")))
                        .encode()),
                "application/problem+json");
        assertThat(TalkPages.refusal(notLinked, Language.JA))
                .isEqualTo("LINE は、設定で LINE をつないでから選べます。ほかの方法を選んでください。"
                        + " この団体は、いまは連絡を受け付けていません。ほかの団体を選んでください。 確認してください: 曜日");
    }

    @Test
    void everyWordHasBothLanguages() {
        assertThat(TalkText.of(Language.JA).keySet())
                .isEqualTo(TalkText.of(Language.EN).keySet());
        assertThat(TalkText.of(Language.JA).values())
                .allSatisfy(v -> assertThat(v).isNotBlank());
    }
}
