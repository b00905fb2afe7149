package io.ibasho.gateway.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.web.Language;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The organiser's course list: registration's counts in words and meters, never a nickname (plain, no Quarkus). */
class CourseStaffPagesTest {
    private static final JsonObject COURSE = new JsonObject()
            .put("id", "c-1")
            .put("titleJa", "全2回 こころとからだの講座")
            .put("allocation", "FIRST_COME")
            .put("capacity", 4)
            .put(
                    "dates",
                    new JsonArray()
                            .add(new JsonObject()
                                    .put("sessionId", "s-1")
                                    .put("startsAt", "2026-12-10T04:30:00Z")
                                    .put("endsAt", "2026-12-10T06:30:00Z")
                                    .put("venueNameJa", "公民館"))
                            .add(new JsonObject()
                                    .put("sessionId", "s-2")
                                    .put("startsAt", "2026-12-17T04:30:00Z")
                                    .put("endsAt", "2026-12-17T06:30:00Z")
                                    .put("venueNameJa", "公民館")));

    private static final JsonObject COUNTS = new JsonObject()
            .put("courseId", "c-1")
            .put("capacity", 4)
            .put("bookedPlaces", 3)
            .put("applied", 0)
            .put("waiting", 2)
            .put("offersOut", 1)
            .put("firstOfferExpiresAt", "2026-12-05T03:00:00Z")
            .put(
                    "dates",
                    new JsonArray()
                            .add(new JsonObject()
                                    .put("sessionId", "s-1")
                                    .put("capacity", 10)
                                    .put("seatsTaken", 6))
                            .add(new JsonObject()
                                    .put("sessionId", "s-2")
                                    .put("capacity", 10)
                                    .put("seatsTaken", 4)));

    @Test
    void aCourseInNumbersPlacesWaitingOffersAndSeatsPerDate() {
        CourseStaffPages.CourseBlock block = CourseStaffPages.block(COURSE, COUNTS, Language.JA);
        assertThat(block.allocation()).isEqualTo("先着順");
        assertThat(block.lottery()).isFalse();
        assertThat(block.places()).isEqualTo("コースの予約 3 / 4");
        assertThat(block.placesValue()).isEqualTo(3);
        assertThat(block.placesMax()).isEqualTo(4);
        assertThat(block.requests()).startsWith("キャンセル待ち 2人・ご案内中 1件（最初の返事の期限 ");
        assertThat(block.dates()).extracting(CourseStaffPages.DateSeats::seats).containsExactly("席 6 / 10", "席 4 / 10");
        assertThat(block.dates().get(0).venue()).isEqualTo("公民館");
        assertThat(block.dates().get(0).max()).isEqualTo(10);
        assertThat(CourseStaffPages.block(COURSE, COUNTS, Language.EN).places())
                .isEqualTo("3 of 4 course places booked");
    }

    @Test
    void aCourseRegistrationHasNotHeardOfYetShowsNothingBookedAndALotteryItsApplications() {
        JsonObject lottery =
                COURSE.copy().put("allocation", "LOTTERY").put("applicationsCloseAt", "2026-12-08T03:00:00Z");
        CourseStaffPages.CourseBlock unknown = CourseStaffPages.block(lottery, null, Language.JA);
        assertThat(unknown.lottery()).isTrue();
        assertThat(unknown.allocation()).startsWith("抽選（応募締切 ");
        assertThat(unknown.places()).isEqualTo("コースの予約 0 / 4");
        assertThat(unknown.requests()).isEqualTo("抽選への応募（未抽選） 0件・補欠 0人・ご案内中 0件");
        assertThat(unknown.dates())
                .extracting(CourseStaffPages.DateSeats::seats)
                .containsExactly("席 0", "席 0");
        JsonObject applied = COUNTS.copy().put("applied", 7).put("waiting", 0).put("offersOut", 0);
        applied.remove("firstOfferExpiresAt");
        assertThat(CourseStaffPages.block(lottery, applied, Language.JA).requests())
                .isEqualTo("抽選への応募（未抽選） 7件・補欠 0人・ご案内中 0件");
    }
}
