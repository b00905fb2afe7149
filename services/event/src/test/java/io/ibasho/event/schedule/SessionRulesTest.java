package io.ibasho.event.schedule;

import static io.ibasho.event.schedule.SessionRuleCode.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SessionRulesTest {

    private static final LocalDateTime START = LocalDateTime.of(2026, 6, 9, 13, 30);
    private static final LocalDateTime END = LocalDateTime.of(2026, 6, 9, 15, 30);
    private static final VenueProfile HALL_WITH_NURSERY = new VenueProfile("venue-hall", 30, true);
    private static final VenueProfile SMALL_ROOM = new VenueProfile("venue-small", 8, false);
    private static final String MEETING_LINK = "https://meet.example.org/j/secret-room-4711";

    private static SessionDraft.Builder cafe() {
        return SessionDraft.builder(SessionKind.CAFE)
                .title(BilingualText.of("女性のためのカフェ", "Women's Café"))
                .start(START)
                .end(END)
                .venue(HALL_WITH_NURSERY)
                .roomId("room-2")
                .dropInsWelcome(true);
    }

    private static SessionDraft.Builder workshop() {
        return SessionDraft.builder(SessionKind.WORKSHOP)
                .title(BilingualText.ja("からだとこころのワークショップ"))
                .targetAudience(BilingualText.of("DV被害を経験した女性", "Women who have experienced domestic violence"))
                .start(START)
                .end(END)
                .part(new SessionPart("1部", LocalDateTime.of(2026, 6, 9, 13, 30), LocalDateTime.of(2026, 6, 9, 14, 30)))
                .part(new SessionPart("2部", LocalDateTime.of(2026, 6, 9, 14, 40), LocalDateTime.of(2026, 6, 9, 15, 30)))
                .venue(HALL_WITH_NURSERY)
                .roomId("room-2")
                .capacity(12)
                .applicationOpens(LocalDateTime.of(2026, 5, 1, 9, 0))
                .applicationCloses(LocalDateTime.of(2026, 6, 2, 23, 59))
                .allocation(Allocation.LOTTERY)
                .childcare(new ChildcareOffer(LocalDateTime.of(2026, 6, 2, 17, 0), 1, 6, 2));
    }

    private static SessionDraft.Builder online() {
        return SessionDraft.builder(SessionKind.ONLINE)
                .title(BilingualText.ja("夜のオンライン対話"))
                .start(LocalDateTime.of(2026, 6, 12, 21, 0))
                .end(LocalDateTime.of(2026, 6, 12, 22, 30))
                .bookingEnabled(true)
                .capacity(10)
                .meetingLink(MEETING_LINK);
    }

    private static SessionDraft.Builder freeSpace() {
        return SessionDraft.builder(SessionKind.FREE_SPACE)
                .title(BilingualText.ja("フリースペース"))
                .start(LocalDateTime.of(2026, 6, 10, 10, 0))
                .end(LocalDateTime.of(2026, 6, 10, 16, 0))
                .venue(SMALL_ROOM)
                .roomId("room-s");
    }

    private static List<SessionRuleCode> codes(SessionDraft draft) {
        return SessionRules.validate(draft).stream().map(Violation::code).toList();
    }

    @Nested
    class ValidSessionsOfEveryKind {

        @Test
        void cafeWithoutBookingOrCapacity() {
            assertThat(SessionRules.validate(cafe().build())).isEmpty();
        }

        @Test
        void cafeWithBookingAndIndicativeCapacity() {
            assertThat(SessionRules.validate(
                            cafe().bookingEnabled(true).capacity(20).build()))
                    .isEmpty();
        }

        @Test
        void workshopWithPartsLotteryAndChildcare() {
            assertThat(SessionRules.validate(workshop().build())).isEmpty();
        }

        @Test
        void workshopFirstComeWithoutTargetAudience() {
            assertThat(SessionRules.validate(workshop()
                            .allocation(Allocation.FIRST_COME)
                            .targetAudience(null)
                            .childcare(null)
                            .build()))
                    .isEmpty();
        }

        @Test
        void onlineAtNightIsJustATime() {
            assertThat(SessionRules.validate(online().build())).isEmpty();
            assertThat(SessionRules.validate(online().start(LocalDateTime.of(2026, 6, 13, 7, 0))
                            .end(LocalDateTime.of(2026, 6, 13, 8, 0))
                            .build()))
                    .isEmpty();
        }

        @Test
        void freeSpaceWithoutCapacity() {
            assertThat(SessionRules.validate(freeSpace().build())).isEmpty();
        }
    }

    @Test
    void kindIsRequired() {
        assertThat(codes(cafe().kind(null).build())).containsExactly(KIND_REQUIRED);
    }

    @Test
    void japaneseTitleIsRequiredEnglishIsOptional() {
        assertThat(SessionRules.validate(
                        cafe().title(BilingualText.of("  ", "Women's Café")).build()))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("title.ja", TITLE_JA_REQUIRED));
        assertThat(codes(cafe().title(null).build())).containsExactly(TITLE_JA_REQUIRED);
        assertThat(codes(cafe().title(BilingualText.of("カフェ", " ")).build())).isEmpty();
        assertThat(BilingualText.of("カフェ", " ").en()).isNull();
    }

    @Test
    void targetAudienceNeedsJapaneseWhenGiven() {
        assertThat(codes(workshop()
                        .targetAudience(BilingualText.of(null, "Mothers"))
                        .build()))
                .containsExactly(TARGET_AUDIENCE_JA_REQUIRED);
    }

    @Test
    void startAndEndAreRequired() {
        assertThat(codes(freeSpace().start(null).end(null).build())).containsExactly(START_REQUIRED, END_REQUIRED);
    }

    @Test
    void endMustBeAfterStart() {
        assertThat(SessionRules.validate(cafe().end(START).build()))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("end", END_NOT_AFTER_START));
        assertThat(codes(cafe().end(START.minusHours(1)).build())).containsExactly(END_NOT_AFTER_START);
    }

    @Test
    void workshopNeedsAFixedCapacityOfAtLeastOne() {
        assertThat(codes(workshop().capacity(null).build())).containsExactly(CAPACITY_REQUIRED);
        assertThat(codes(workshop().capacity(0).build())).containsExactly(CAPACITY_BELOW_ONE);
    }

    @Test
    void anyGivenCapacityIsAtLeastOne() {
        assertThat(codes(cafe().capacity(0).build())).containsExactly(CAPACITY_BELOW_ONE);
        assertThat(codes(online().capacity(-3).build())).containsExactly(CAPACITY_BELOW_ONE);
    }

    @Test
    void capacityMayNotExceedTheVenueCeiling() {
        assertThat(SessionRules.validate(workshop().capacity(31).build()))
                .extracting(Violation::field, Violation::code, Violation::message)
                .containsExactly(tuple(
                        "capacity", CAPACITY_ABOVE_VENUE_CEILING, "Capacity 31 is more than the venue holds (30)"));
        assertThat(codes(workshop().capacity(30).build())).isEmpty();
        assertThat(codes(freeSpace().capacity(9).build())).containsExactly(CAPACITY_ABOVE_VENUE_CEILING);
        assertThat(codes(cafe().venue(new VenueProfile("venue-unknown", null, true))
                        .capacity(500)
                        .build()))
                .isEmpty();
    }

    @Test
    void workshopNeedsAnApplicationWindowAndAnAllocation() {
        assertThat(SessionRules.validate(workshop()
                        .applicationOpens(null)
                        .applicationCloses(null)
                        .allocation(null)
                        .build()))
                .extracting(Violation::field, Violation::code)
                .containsExactly(
                        tuple("applicationOpens", APPLICATION_OPENS_REQUIRED),
                        tuple("applicationCloses", DEADLINE_REQUIRED),
                        tuple("allocation", ALLOCATION_REQUIRED));
    }

    @Test
    void applicationsOpenBeforeTheDeadline() {
        assertThat(codes(workshop()
                        .applicationOpens(LocalDateTime.of(2026, 6, 3, 0, 0))
                        .build()))
                .containsExactly(APPLICATION_OPENS_NOT_BEFORE_DEADLINE);
    }

    @Test
    void deadlineIsBeforeTheStart() {
        assertThat(SessionRules.validate(workshop().applicationCloses(START).build()))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("applicationCloses", DEADLINE_NOT_BEFORE_START));
        assertThat(codes(cafe().bookingEnabled(true)
                        .applicationCloses(START.plusMinutes(10))
                        .build()))
                .containsExactly(DEADLINE_NOT_BEFORE_START);
        assertThat(codes(workshop().applicationCloses(START.minusMinutes(1)).build()))
                .isEmpty();
    }

    @Test
    void onlineSessionNeedsAnHttpsMeetingLink() {
        assertThat(codes(online().meetingLink(null).build())).containsExactly(MEETING_LINK_REQUIRED);
        assertThat(codes(online().meetingLink(" ").build())).containsExactly(MEETING_LINK_REQUIRED);
        assertThat(codes(online().meetingLink("http://meet.example.org/j/1").build()))
                .containsExactly(MEETING_LINK_INVALID);
        assertThat(codes(online().meetingLink("zoom room 4711").build())).containsExactly(MEETING_LINK_INVALID);
    }

    @Test
    void meetingLinkNeverAppearsInMessagesOrInTheDraftsText() {
        SessionDraft wrongKind = cafe().meetingLink(MEETING_LINK).build();
        SessionDraft insecure = online().meetingLink("http://meet.example.org/j/secret-room-4711")
                .build();

        assertThat(codes(wrongKind)).containsExactly(MEETING_LINK_ONLY_FOR_ONLINE);
        assertThat(SessionRules.validate(wrongKind))
                .extracting(Violation::message)
                .noneMatch(m -> m.contains("secret-room"));
        assertThat(SessionRules.validate(insecure))
                .extracting(Violation::message)
                .noneMatch(m -> m.contains("secret-room"));
        assertThat(online().build().toString()).doesNotContain("secret-room").contains("meetingLink=(hidden)");
    }

    @Test
    void freeSpaceTakesNoBooking() {
        assertThat(SessionRules.validate(freeSpace()
                        .bookingEnabled(true)
                        .allocation(Allocation.FIRST_COME)
                        .applicationCloses(LocalDateTime.of(2026, 6, 9, 12, 0))
                        .build()))
                .extracting(Violation::field, Violation::code)
                .containsExactly(
                        tuple("bookingEnabled", FREE_SPACE_HAS_NO_BOOKING),
                        tuple("applicationCloses", FREE_SPACE_HAS_NO_BOOKING),
                        tuple("allocation", FREE_SPACE_HAS_NO_BOOKING));
    }

    @Test
    void partsEndAfterTheyStart() {
        SessionDraft draft = workshop()
                .parts(List.of(new SessionPart(
                        "1部", LocalDateTime.of(2026, 6, 9, 14, 30), LocalDateTime.of(2026, 6, 9, 14, 30))))
                .build();

        assertThat(SessionRules.validate(draft))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("parts[0].end", PART_END_NOT_AFTER_START));
    }

    @Test
    void partsStayInsideTheSession() {
        SessionDraft draft = workshop()
                .parts(List.of(
                        new SessionPart(
                                "1部", LocalDateTime.of(2026, 6, 9, 13, 0), LocalDateTime.of(2026, 6, 9, 14, 30)),
                        new SessionPart(
                                "2部", LocalDateTime.of(2026, 6, 9, 14, 40), LocalDateTime.of(2026, 6, 9, 16, 0))))
                .build();

        assertThat(SessionRules.validate(draft))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("parts[0]", PART_OUTSIDE_SESSION), tuple("parts[1]", PART_OUTSIDE_SESSION));
    }

    @Test
    void partsAreInOrder() {
        SessionDraft draft = workshop()
                .parts(List.of(
                        new SessionPart(
                                "2部", LocalDateTime.of(2026, 6, 9, 14, 40), LocalDateTime.of(2026, 6, 9, 15, 30)),
                        new SessionPart(
                                "1部", LocalDateTime.of(2026, 6, 9, 13, 30), LocalDateTime.of(2026, 6, 9, 14, 30))))
                .build();

        assertThat(SessionRules.validate(draft))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("parts[1].start", PARTS_OUT_OF_ORDER));
    }

    @Test
    void partsDoNotOverlapButMayTouch() {
        SessionDraft overlapping = workshop()
                .parts(List.of(
                        new SessionPart(
                                "1部", LocalDateTime.of(2026, 6, 9, 13, 30), LocalDateTime.of(2026, 6, 9, 14, 45)),
                        new SessionPart(
                                "2部", LocalDateTime.of(2026, 6, 9, 14, 40), LocalDateTime.of(2026, 6, 9, 15, 30))))
                .build();
        SessionDraft touching = workshop()
                .parts(List.of(
                        new SessionPart(
                                "1部", LocalDateTime.of(2026, 6, 9, 13, 30), LocalDateTime.of(2026, 6, 9, 14, 30)),
                        new SessionPart(
                                "2部", LocalDateTime.of(2026, 6, 9, 14, 30), LocalDateTime.of(2026, 6, 9, 15, 30))))
                .build();

        assertThat(SessionRules.validate(overlapping))
                .extracting(Violation::field, Violation::code, Violation::message)
                .containsExactly(tuple(
                        "parts[1].start",
                        PARTS_OVERLAP,
                        "2部 starts at 2026-06-09T14:40, before the previous part ends at 2026-06-09T14:45"));
        assertThat(SessionRules.validate(touching)).isEmpty();
    }

    @Test
    void childcareDeadlineIsNotAfterTheStart() {
        assertThat(codes(
                        workshop().childcare(new ChildcareOffer(START, 1, 6, 2)).build()))
                .isEmpty();
        assertThat(SessionRules.validate(workshop()
                        .childcare(new ChildcareOffer(START.plusMinutes(1), 1, 6, 2))
                        .build()))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("childcare.deadline", CHILDCARE_DEADLINE_AFTER_START));
        assertThat(codes(workshop().childcare(new ChildcareOffer(null, 1, 6, 2)).build()))
                .containsExactly(CHILDCARE_DEADLINE_REQUIRED);
    }

    @Test
    void childcareOnlyAtAVenueThatCanHostIt() {
        ChildcareOffer childcare = new ChildcareOffer(START.minusDays(7), 0, 3, 1);

        assertThat(codes(freeSpace().childcare(childcare).build())).containsExactly(CHILDCARE_VENUE_UNSUITABLE);
        assertThat(SessionRules.validate(online().childcare(childcare).build()))
                .extracting(Violation::message)
                .containsExactly("Childcare needs a venue that can host it; this session has no venue");
    }

    @Test
    void childcareAgesRunFromZeroToTwelveWithMinimumNotAboveMaximum() {
        assertThat(codes(workshop()
                        .childcare(new ChildcareOffer(START.minusDays(7), 0, 12, 2))
                        .build()))
                .isEmpty();
        assertThat(codes(workshop()
                        .childcare(new ChildcareOffer(START.minusDays(7), 3, 3, 2))
                        .build()))
                .isEmpty();
        assertThat(SessionRules.validate(workshop()
                        .childcare(new ChildcareOffer(START.minusDays(7), 7, 4, 2))
                        .build()))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("childcare.minAgeYears", CHILDCARE_AGE_RANGE_INVALID));
        assertThat(SessionRules.validate(workshop()
                        .childcare(new ChildcareOffer(START.minusDays(7), -1, 6, 2))
                        .build()))
                .extracting(Violation::field)
                .containsExactly("childcare.minAgeYears");
        assertThat(SessionRules.validate(workshop()
                        .childcare(new ChildcareOffer(START.minusDays(7), 1, 13, 2))
                        .build()))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("childcare.maxAgeYears", CHILDCARE_AGE_RANGE_INVALID));
    }

    @Test
    void childcareNeedsAtLeastOneCarer() {
        assertThat(SessionRules.validate(workshop()
                        .childcare(new ChildcareOffer(START.minusDays(7), 1, 6, 0))
                        .build()))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("childcare.carers", CHILDCARE_CARERS_REQUIRED));
    }

    @Test
    void roomCannotBeBookedTwiceAtTheSameTime() {
        List<RoomBooking> others = List.of(
                new RoomBooking("session-yoga", "room-2", START.plusHours(1), END.plusHours(1)),
                new RoomBooking("session-other-room", "room-3", START, END),
                new RoomBooking("session-before", "room-2", START.minusHours(2), START),
                new RoomBooking("session-after", "room-2", END, END.plusHours(2)));

        assertThat(SessionRules.validate(cafe().build(), others))
                .extracting(Violation::field, Violation::code, Violation::message)
                .containsExactly(
                        tuple(
                                "roomId",
                                ROOM_DOUBLE_BOOKED,
                                "Room room-2 is already booked by session session-yoga from 2026-06-09T14:30 to 2026-06-09T16:30"));
    }

    @Test
    void sessionDoesNotClashWithItsOwnRoomBooking() {
        List<RoomBooking> ownBooking = List.of(new RoomBooking("session-cafe", "room-2", START, END));

        assertThat(SessionRules.validate(cafe().sessionId("session-cafe").build(), ownBooking))
                .isEmpty();
        assertThat(codes(cafe().sessionId("session-cafe")
                        .start(START.plusMinutes(30))
                        .build()))
                .isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnce() {
        SessionDraft messy = workshop()
                .title(null)
                .capacity(0)
                .allocation(null)
                .childcare(new ChildcareOffer(END, 8, 2, 0))
                .venue(SMALL_ROOM)
                .build();

        assertThat(codes(messy))
                .containsExactly(
                        TITLE_JA_REQUIRED,
                        CAPACITY_BELOW_ONE,
                        ALLOCATION_REQUIRED,
                        CHILDCARE_DEADLINE_AFTER_START,
                        CHILDCARE_VENUE_UNSUITABLE,
                        CHILDCARE_AGE_RANGE_INVALID,
                        CHILDCARE_CARERS_REQUIRED);
    }

    @Test
    void kindCodesRoundTrip() {
        for (SessionKind kind : SessionKind.values()) {
            assertThat(SessionKind.fromCode(kind.code())).isEqualTo(kind);
        }
        assertThat(SessionKind.FREE_SPACE.code()).isEqualTo("free-space");
    }
}
