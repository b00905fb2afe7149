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
        assertThat(TalkPages.when(request, TalkText.of(Language.EN))).isEqualTo("Mon・Thu");
        TalkPages.Sent sent = TalkPages.sent(request, TalkText.of(Language.EN));
        assertThat(sent.status()).isEqualTo("Received: we will contact you");
        assertThat(TalkPages.sent(request, TalkText.of(Language.JA)).status()).startsWith("受け付けました");
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
        ServiceCalls.Answer notSafe = new ServiceCalls.Answer(
                422,
                Buffer.buffer(new JsonObject()
                        .put("type", "https://ibasho.example/problems/talk-channel-not-safe")
                        .encode()),
                "application/problem+json");
        assertThat(TalkPages.refusal(notSafe, Language.EN)).contains("choose another way");
    }

    @Test
    void everyWordHasBothLanguages() {
        assertThat(TalkText.of(Language.JA).keySet())
                .isEqualTo(TalkText.of(Language.EN).keySet());
        assertThat(TalkText.of(Language.JA).values())
                .allSatisfy(v -> assertThat(v).isNotBlank());
    }
}
