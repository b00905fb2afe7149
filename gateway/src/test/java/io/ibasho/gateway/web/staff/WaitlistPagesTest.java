package io.ibasho.gateway.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.web.Language;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class WaitlistPagesTest {
    private static final JsonArray ROSTER = new JsonArray()
            .add(new JsonObject()
                    .put("nickname", "さくら")
                    .put("status", "confirmed")
                    .put("bookingCode", "AB12CD34"))
            .add(new JsonObject()
                    .put("nickname", "もも")
                    .put("status", "waitlisted")
                    .put("position", 3))
            .add(new JsonObject()
                    .put("nickname", "ゆり")
                    .put("status", "waitlisted")
                    .put("position", 2))
            .add(new JsonObject()
                    .put("nickname", "すみれ")
                    .put("status", "offered")
                    .put("offerExpiresAt", "2026-12-06T03:30:00Z"));

    @Test
    void whoWaitsIsListedByHerPlaceAndNothingElseAboutHer() {
        assertThat(WaitlistPages.waiting(ROSTER))
                .containsExactly(new WaitlistPages.Waiting("2", "ゆり"), new WaitlistPages.Waiting("3", "もも"));
    }

    @Test
    void anOfferShowsItsDeadlineInTokyoTime() {
        assertThat(WaitlistPages.offers(ROSTER, Language.JA)).singleElement().satisfies(offer -> {
            assertThat(offer.nickname()).isEqualTo("すみれ");
            assertThat(offer.until()).contains("12:30");
        });
    }
}
