package io.ibasho.gateway.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.web.Language;
import io.ibasho.gateway.web.ServiceCalls;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartnerPagesTest {
    private static final StaffViews.PartnerVenue CAFE =
            new StaffViews.PartnerVenue("5110dd62-0000-4000-8000-000000000001", "ひだまりカフェ", "中央区", "");
    private static final StaffViews.PartnerVenue HALL =
            new StaffViews.PartnerVenue("5110dd62-0000-4000-8000-000000000002", "みどりホール", "北区", "");

    @Test
    void theWebhookFormOffersExactlyTheVenuesTheNotificationServiceAccepts() {
        var venues = PartnerPages.WebhookVenues.of(List.of(CAFE, HALL), new JsonArray().add(HALL.id()));

        assertThat(venues.offered()).containsExactly(HALL);
        assertThat(venues.notYet()).containsExactly(CAFE);
        assertThat(venues.notYetSentence(Language.JA)).startsWith("「ひだまりカフェ」は、まだ選べません。");
        assertThat(venues.notYetSentence(Language.EN)).startsWith("ひだまりカフェ: not ready to choose yet.");
    }

    @Test
    void everyVenueIsOfferedWhenAllAreAcceptedOrTheServiceCannotSay() {
        var accepted = PartnerPages.WebhookVenues.of(
                List.of(CAFE, HALL), new JsonArray().add(CAFE.id()).add(HALL.id()));
        assertThat(accepted.offered()).containsExactly(CAFE, HALL);
        assertThat(accepted.notYetSentence(Language.JA)).isNull();

        var unknown = PartnerPages.WebhookVenues.of(List.of(CAFE, HALL), null);
        assertThat(unknown.offered()).containsExactly(CAFE, HALL);
        assertThat(unknown.notYetSentence(Language.JA)).isNull();
    }

    @Test
    void aVenueRefusedByTheServiceIsExplainedInHerLanguageWithoutItsIds() {
        var refusal = new ServiceCalls.Answer(
                422,
                new JsonObject()
                        .put("type", "https://ibasho.example/problems/venue-not-linked")
                        .put(
                                "detail",
                                "Your partner group is not linked to venue(s) " + CAFE.id() + "; only venues ...")
                        .toBuffer(),
                "application/problem+json");

        assertThat(PartnerPages.problem(refusal, true))
                .isEqualTo("選んだ会場の中に、このグループがまだ選べない会場があります。ページを開き直して、表示されている会場から選んでください。");
        assertThat(PartnerPages.problem(refusal, false))
                .doesNotContain(CAFE.id())
                .startsWith("Some of the chosen");
    }
}
