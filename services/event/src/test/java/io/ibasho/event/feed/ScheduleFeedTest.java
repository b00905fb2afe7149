package io.ibasho.event.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ibasho.event.schedule.BilingualText;
import io.ibasho.event.schedule.TokyoTime;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.PropertyListAccessor;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import org.junit.jupiter.api.Test;

class ScheduleFeedTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-05-20T01:02:03.456Z"), ZoneOffset.UTC);
    private static final Instant EDITED = Instant.parse("2026-05-18T09:10:11.999Z");
    private static final String SHELTER_ADDRESS = "東京都某区1-2-3 秘密ビル2階";

    private static final FeedEntry CAFE = new FeedEntry(
            "s-cafe-0610",
            BilingualText.of("女性のためのカフェ", "Women's Café"),
            LocalDateTime.of(2026, 6, 9, 13, 30),
            LocalDateTime.of(2026, 6, 9, 15, 30),
            FeedStatus.PUBLISHED,
            0,
            "区民センター",
            "東京都世田谷区太子堂1-1-1",
            EDITED);
    private static final FeedEntry SHELTER_WORKSHOP = new FeedEntry(
            "s-ws-0612",
            BilingualText.ja("からだとこころのワークショップ"),
            LocalDateTime.of(2026, 6, 12, 10, 0),
            LocalDateTime.of(2026, 6, 12, 12, 0),
            FeedStatus.CHANGED,
            2,
            "あんしんルーム",
            null,
            EDITED);
    private static final FeedEntry CANCELLED_DIALOGUE = new FeedEntry(
            "s-online-0615",
            BilingualText.of("夜のオンライン対話", "Night dialogue"),
            LocalDateTime.of(2026, 6, 15, 21, 0),
            LocalDateTime.of(2026, 6, 15, 22, 30),
            FeedStatus.CANCELLED,
            1,
            null,
            null,
            EDITED);
    private static final FeedEntry PAST_SPACE = new FeedEntry(
            "s-space-0501",
            BilingualText.ja("フリースペース"),
            LocalDateTime.of(2026, 5, 1, 10, 0),
            LocalDateTime.of(2026, 5, 1, 16, 0),
            FeedStatus.COMPLETED,
            0,
            null,
            null,
            EDITED);

    private static final List<FeedEntry> ENTRIES = List.of(CAFE, SHELTER_WORKSHOP, CANCELLED_DIALOGUE, PAST_SPACE);

    private static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static VEvent event(Calendar calendar, String sessionId) {
        return calendar.<VEvent>getComponents(Component.VEVENT).stream()
                .filter(e -> e.getProperty(Property.UID)
                        .map(Property::getValue)
                        .orElseThrow()
                        .equals(sessionId + "@ibasho"))
                .findFirst()
                .orElseThrow();
    }

    private static String value(PropertyListAccessor container, String property) {
        return container.<Property>getProperty(property).map(Property::getValue).orElse(null);
    }

    private static String build(List<FeedEntry> entries) {
        return new ScheduleFeed("世田谷 女性の居場所", NOW).build(entries);
    }

    @Test
    void calendarHeaderAndTimeZone() throws Exception {
        Calendar calendar = parse(build(ENTRIES));

        assertThat(value(calendar, Property.PRODID)).isEqualTo(ScheduleFeed.PRODID);
        assertThat(value(calendar, Property.VERSION)).isEqualTo("2.0");
        assertThat(value(calendar, Property.METHOD)).isEqualTo("PUBLISH");
        assertThat(value(calendar, "X-WR-CALNAME")).isEqualTo("世田谷 女性の居場所");
        List<VTimeZone> zones = calendar.getComponents(Component.VTIMEZONE);
        assertThat(zones).hasSize(1);
        assertThat(value(zones.getFirst(), Property.TZID)).isEqualTo("Asia/Tokyo");
        Component standard = zones.getFirst().getObservances().getFirst();
        assertThat(value(standard, Property.TZOFFSETTO)).isEqualTo("+0900");
        assertThat(value(standard, Property.TZOFFSETFROM)).isEqualTo("+0900");
    }

    @Test
    void oneEventPerSessionInStartOrder() throws Exception {
        Calendar calendar = parse(build(ENTRIES));

        assertThat(calendar.<VEvent>getComponents(Component.VEVENT))
                .extracting(e -> value(e, Property.UID))
                .containsExactly(
                        "s-space-0501@ibasho", "s-cafe-0610@ibasho", "s-ws-0612@ibasho", "s-online-0615@ibasho");
    }

    @Test
    void eventFieldsRoundTrip() throws Exception {
        VEvent cafe = event(parse(build(ENTRIES)), "s-cafe-0610");

        assertThat(value(cafe, Property.DTSTAMP)).isEqualTo("20260520T010203Z");
        assertThat(value(cafe, Property.DTSTART)).isEqualTo("20260609T133000");
        assertThat(cafe.getProperty(Property.DTSTART).orElseThrow().getParameter("TZID"))
                .get()
                .extracting(p -> p.getValue())
                .isEqualTo("Asia/Tokyo");
        assertThat(value(cafe, Property.DTEND)).isEqualTo("20260609T153000");
        assertThat(cafe.getProperty(Property.DTEND).orElseThrow().getParameter("TZID"))
                .get()
                .extracting(p -> p.getValue())
                .isEqualTo("Asia/Tokyo");
        assertThat(value(cafe, Property.SUMMARY)).isEqualTo("女性のためのカフェ / Women's Café");
        assertThat(value(cafe, Property.LOCATION)).isEqualTo("区民センター, 東京都世田谷区太子堂1-1-1");
        assertThat(value(cafe, Property.SEQUENCE)).isEqualTo("0");
        assertThat(value(cafe, Property.STATUS)).isEqualTo("CONFIRMED");
        assertThat(value(cafe, Property.LAST_MODIFIED)).isEqualTo("20260518T091011Z");
    }

    @Test
    void startIsTheRightInstant() throws Exception {
        VEvent cafe = event(parse(build(ENTRIES)), "s-cafe-0610");

        Optional<DtStart<Temporal>> start = cafe.getProperty(Property.DTSTART);
        assertThat(Instant.from(start.orElseThrow().getDate())).isEqualTo(Instant.parse("2026-06-09T04:30:00Z"));
    }

    @Test
    void changedSessionCarriesItsSequence() throws Exception {
        VEvent workshop = event(parse(build(ENTRIES)), "s-ws-0612");

        assertThat(value(workshop, Property.SEQUENCE)).isEqualTo("2");
        assertThat(value(workshop, Property.STATUS)).isEqualTo("CONFIRMED");
    }

    @Test
    void cancelledSessionSaysSoInStatusAndTitle() throws Exception {
        VEvent dialogue = event(parse(build(ENTRIES)), "s-online-0615");

        assertThat(value(dialogue, Property.STATUS)).isEqualTo("CANCELLED");
        assertThat(value(dialogue, Property.SEQUENCE)).isEqualTo("1");
        assertThat(value(dialogue, Property.SUMMARY)).isEqualTo("【中止】夜のオンライン対話 / Night dialogue");
    }

    @Test
    void completedSessionStaysConfirmed() throws Exception {
        assertThat(value(event(parse(build(ENTRIES)), "s-space-0501"), Property.STATUS))
                .isEqualTo("CONFIRMED");
    }

    @Test
    void hiddenAddressGivesNoLocationAtAll() throws Exception {
        VEvent workshop = event(parse(build(ENTRIES)), "s-ws-0612");

        assertThat(workshop.getProperty(Property.LOCATION)).isEmpty();
        assertThat(value(workshop, Property.DESCRIPTION)).isEqualTo("会場 / Venue: あんしんルーム");
        VEvent dialogue = event(parse(build(ENTRIES)), "s-online-0615");
        assertThat(dialogue.getProperty(Property.LOCATION)).isEmpty();
        assertThat(dialogue.getProperty(Property.DESCRIPTION)).isEmpty();
    }

    @Test
    void hiddenAddressCannotReachTheFeedText() {
        // The shelter's address exists in the system, but a FeedEntry only takes a public one.
        FeedEntry shelter = new FeedEntry(
                "s-shelter",
                BilingualText.ja("おしゃべり会"),
                LocalDateTime.of(2026, 6, 20, 14, 0),
                LocalDateTime.of(2026, 6, 20, 16, 0),
                FeedStatus.PUBLISHED,
                0,
                "あんしんルーム",
                null,
                EDITED);

        String ics = build(List.of(shelter));

        assertThat(ics).doesNotContain(SHELTER_ADDRESS).doesNotContain("LOCATION");
        assertThat(FeedEntry.class.getRecordComponents())
                .extracting(c -> c.getName().toLowerCase())
                .noneMatch(name -> name.contains("link") || name.contains("url") || name.contains("meeting"));
    }

    @Test
    void uidIsStableAcrossBuildsAndOnlyTheStampMoves() throws Exception {
        String first = build(ENTRIES);
        List<FeedEntry> reordered = new ArrayList<>(ENTRIES.reversed());
        String later = new ScheduleFeed("世田谷 女性の居場所", Clock.offset(NOW, java.time.Duration.ofDays(3))).build(reordered);

        assertThat(parse(later).<VEvent>getComponents(Component.VEVENT))
                .extracting(e -> value(e, Property.UID))
                .containsExactlyElementsOf(parse(first).<VEvent>getComponents(Component.VEVENT).stream()
                        .map(e -> value(e, Property.UID))
                        .toList());
        assertThat(later.replace("DTSTAMP:20260523T010203Z", "DTSTAMP:20260520T010203Z"))
                .isEqualTo(first);
        assertThat(build(reordered)).isEqualTo(first);
        assertThat(ScheduleFeed.uidOf("s-cafe-0610")).isEqualTo("s-cafe-0610@ibasho");
    }

    @Test
    void linesEndWithCrlfAndLongJapaneseTitlesSurviveFolding() throws Exception {
        String longTitle = "女性のためのカフェ・からだとこころのワークショップ・みんなでおしゃべりする会・子ども連れ歓迎・途中参加途中退出も自由です";
        FeedEntry entry = new FeedEntry(
                "s-long",
                BilingualText.ja(longTitle),
                LocalDateTime.of(2026, 7, 1, 10, 0),
                LocalDateTime.of(2026, 7, 1, 11, 0),
                FeedStatus.PUBLISHED,
                0,
                null,
                null,
                EDITED);

        String ics = build(List.of(entry));

        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(ics.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(ics.split("\r\n"))
                .allSatisfy(line ->
                        assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
        assertThat(value(event(parse(ics), "s-long"), Property.SUMMARY)).isEqualTo(longTitle);
    }

    @Test
    void foldingNeverSplitsACharacter() {
        String line = "SUMMARY:" + "あ".repeat(30) + "🌸".repeat(20) + "x".repeat(80);

        String folded = ScheduleFeed.foldContentLines(line + "\r\n");

        assertThat(folded.split("\r\n")).allSatisfy(part -> {
            assertThat(part.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
            assertThat(new String(part.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                    .isEqualTo(part);
            assertThat(Character.isLowSurrogate(part.charAt(part.startsWith(" ") ? 1 : 0)))
                    .isFalse();
        });
        assertThat(folded.replace("\r\n ", "")).isEqualTo(line + "\r\n");
    }

    @Test
    void emptyFeedIsStillACalendar() throws Exception {
        Calendar calendar = parse(build(List.of()));

        assertThat(calendar.<VEvent>getComponents(Component.VEVENT)).isEmpty();
        assertThat(calendar.<VTimeZone>getComponents(Component.VTIMEZONE)).hasSize(1);
    }

    @Test
    void withAnOrganizerTheFeedPassesIcal4jValidation() throws Exception {
        String ics = new ScheduleFeed("世田谷 女性の居場所", URI.create("mailto:info@npo.example.org"), NOW).build(ENTRIES);

        Calendar calendar = parse(ics);
        assertThat(value(event(calendar, "s-cafe-0610"), Property.ORGANIZER)).isEqualTo("mailto:info@npo.example.org");
        assertThat(calendar.validate().hasErrors())
                .as(calendar.validate().toString())
                .isFalse();
    }

    @Test
    void organizerIsAMailtoAddress() {
        assertThatThrownBy(() -> new ScheduleFeed("世田谷 女性の居場所", URI.create("https://npo.example.org"), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mailto:");
    }

    @Test
    void refusesTheSameSessionTwice() {
        assertThatThrownBy(() -> build(List.of(CAFE, CAFE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s-cafe-0610");
    }

    @Test
    void entryRejectsWhatCannotBePublished() {
        assertThatThrownBy(() -> new FeedEntry(
                        " ",
                        BilingualText.ja("カフェ"),
                        CAFE.start(),
                        CAFE.end(),
                        FeedStatus.PUBLISHED,
                        0,
                        null,
                        null,
                        EDITED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeedEntry(
                        "s-x",
                        BilingualText.of(null, "Café"),
                        CAFE.start(),
                        CAFE.end(),
                        FeedStatus.PUBLISHED,
                        0,
                        null,
                        null,
                        EDITED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Japanese title");
        assertThatThrownBy(() -> new FeedEntry(
                        "s-x",
                        BilingualText.ja("カフェ"),
                        CAFE.end(),
                        CAFE.start(),
                        FeedStatus.PUBLISHED,
                        0,
                        null,
                        null,
                        EDITED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeedEntry(
                        "s-x",
                        BilingualText.ja("カフェ"),
                        CAFE.start(),
                        CAFE.end(),
                        FeedStatus.PUBLISHED,
                        -1,
                        null,
                        null,
                        EDITED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new FeedEntry(
                                "s-x",
                                BilingualText.ja("カフェ"),
                                CAFE.start(),
                                CAFE.end(),
                                FeedStatus.PUBLISHED,
                                0,
                                " ",
                                " ",
                                EDITED)
                        .publicAddress())
                .isNull();
    }

    @Test
    void tokyoHasNoDaylightSavingSinceTheVTimeZoneWasWritten() {
        // The feed's VTIMEZONE is a single +09:00 observance; if tzdata ever gives Tokyo a transition, rewrite it.
        Instant since = LocalDateTime.of(1970, 1, 1, 0, 0).toInstant(ScheduleFeed.TOKYO_OFFSET);
        assertThat(TokyoTime.ZONE.getRules().nextTransition(since)).isNull();
        assertThat(TokyoTime.ZONE.getRules().getOffset(Instant.parse("2026-07-01T00:00:00Z")))
                .isEqualTo(ScheduleFeed.TOKYO_OFFSET);
    }
}
