package io.ibasho.event.feed;

import io.ibasho.event.schedule.TokyoTime;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.Standard;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.TzId;
import net.fortuna.ical4j.model.property.TzName;
import net.fortuna.ical4j.model.property.TzOffsetFrom;
import net.fortuna.ical4j.model.property.TzOffsetTo;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Builds the public RFC 5545 feed of sessions (METHOD:PUBLISH) that people subscribe to in their calendar app.
 * Pure apart from the clock for DTSTAMP; the same entries give the same events, with UIDs stable across builds.
 */
public final class ScheduleFeed {

    public static final String PRODID = "-//Ibasho//Ibasho event schedule//JA";
    static final String UID_DOMAIN = "ibasho";

    /** Japan has kept UTC+9 without daylight saving since 1951; a test guards this against tzdata changes. */
    static final ZoneOffset TOKYO_OFFSET = ZoneOffset.ofHours(9);

    private static final String CANCELLED_PREFIX = "【中止】";
    private static final int MAX_LINE_OCTETS = 75;
    private static final java.time.format.DateTimeFormatter HOUR_MINUTE =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm");

    private final String calendarName;
    private final URI organizer;
    private final Clock clock;

    /** @param calendarName shown by calendar apps as the subscription's name (X-WR-CALNAME) */
    public ScheduleFeed(String calendarName, Clock clock) {
        this(calendarName, null, clock);
    }

    /**
     * @param organizer the organisation's public contact as a mailto: URI, or null. iTIP wants an ORGANIZER with
     *                  METHOD:PUBLISH; subscription clients do without it, so it is optional.
     */
    public ScheduleFeed(String calendarName, URI organizer, Clock clock) {
        if (calendarName == null || calendarName.isBlank()) {
            throw new IllegalArgumentException("The feed needs a calendar name");
        }
        if (organizer != null && !"mailto".equalsIgnoreCase(organizer.getScheme())) {
            throw new IllegalArgumentException("The feed's organizer is a public mailto: address, was " + organizer);
        }
        this.calendarName = calendarName.strip();
        this.organizer = organizer;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The UID of a session's event; it must never change, or calendar apps show the session twice. */
    public static String uidOf(String sessionId) {
        return sessionId + "@" + UID_DOMAIN;
    }

    /** The VCALENDAR text, CRLF line endings, events in start order. */
    public String build(Collection<FeedEntry> entries) {
        Set<String> sessionIds = new HashSet<>();
        for (FeedEntry entry : entries) {
            if (!sessionIds.add(entry.sessionId())) {
                throw new IllegalArgumentException("Session " + entry.sessionId() + " appears twice in the feed");
            }
        }
        Instant stamp = clock.instant().truncatedTo(ChronoUnit.SECONDS);

        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableMethod.PUBLISH);
        calendar.add(new XProperty("X-WR-CALNAME", calendarName));
        calendar.add(new XProperty("X-WR-TIMEZONE", TokyoTime.ZONE.getId()));
        calendar.add(tokyoTimeZone());

        List<FeedEntry> ordered = entries.stream()
                .sorted(Comparator.comparing(FeedEntry::start).thenComparing(FeedEntry::sessionId))
                .toList();
        for (FeedEntry entry : ordered) {
            calendar.add(event(entry, stamp));
        }
        // Calendar.toString() is the unfolded text with CRLF line ends; no validation, which would want an ORGANIZER.
        return foldContentLines(calendar.toString());
    }

    private VEvent event(FeedEntry entry, Instant stamp) {
        VEvent event = new VEvent(false); // false: no DTSTAMP of ical4j's own clock
        event.add(new Uid(uidOf(entry.sessionId())));
        event.add(new DtStamp(stamp));
        event.add(new DtStart<>(TokyoTime.at(entry.start())));
        event.add(new DtEnd<>(TokyoTime.at(entry.end())));
        event.add(new Summary(summary(entry)));
        List<String> description = new java.util.ArrayList<>();
        if (entry.publicAddress() != null) {
            event.add(new Location(
                    entry.venueName() == null
                            ? entry.publicAddress()
                            : entry.venueName() + ", " + entry.publicAddress()));
        } else if (entry.venueName() != null) {
            // Not LOCATION: calendar apps geocode LOCATION into a map pin, and a venue name alone can be found on a
            // map. The name stays readable in the description without pointing anywhere.
            description.add("会場 / Venue: " + entry.venueName());
        }
        // A part at another place is one line each; its address only when that venue's is public, like LOCATION.
        for (PartPlace part : entry.partPlaces()) {
            if (part.venueName() == null && part.publicAddress() == null) {
                continue;
            }
            String place = part.venueName() == null
                    ? part.publicAddress()
                    : part.publicAddress() == null ? part.venueName() : part.venueName() + ", " + part.publicAddress();
            description.add((part.label() == null ? "" : part.label() + " ")
                    + part.start().format(HOUR_MINUTE) + "-" + part.end().format(HOUR_MINUTE)
                    + " 会場 / Venue: " + place);
        }
        if (!description.isEmpty()) {
            event.add(new Description(String.join("\n", description)));
        }
        event.add(new Sequence(entry.sequence()));
        event.add(
                entry.status() == FeedStatus.CANCELLED
                        ? ImmutableStatus.VEVENT_CANCELLED
                        : ImmutableStatus.VEVENT_CONFIRMED);
        event.add(new LastModified(entry.lastModified().truncatedTo(ChronoUnit.SECONDS)));
        if (organizer != null) {
            event.add(new Organizer(organizer));
        }
        return event;
    }

    private static String summary(FeedEntry entry) {
        String title = entry.title().en() == null
                ? entry.title().ja()
                : entry.title().ja() + " / " + entry.title().en();
        // Many subscription clients ignore STATUS:CANCELLED and keep showing the event; the title must say it.
        return entry.status() == FeedStatus.CANCELLED ? CANCELLED_PREFIX + title : title;
    }

    private static VTimeZone tokyoTimeZone() {
        Standard standard = new Standard();
        standard.add(new DtStart<>(LocalDateTime.of(1970, 1, 1, 0, 0)));
        standard.add(new TzOffsetFrom(TOKYO_OFFSET));
        standard.add(new TzOffsetTo(TOKYO_OFFSET));
        standard.add(new TzName("JST"));
        VTimeZone timeZone = new VTimeZone();
        timeZone.add(new TzId(TokyoTime.ZONE.getId()));
        timeZone.add(standard);
        return timeZone;
    }

    /**
     * RFC 5545 3.1: content lines are folded at 75 octets and never inside a UTF-8 character. ical4j folds at 75
     * characters, which lets a Japanese line run to over 200 octets, so fold its unfolded text here instead.
     */
    static String foldContentLines(String unfolded) {
        StringBuilder folded = new StringBuilder(unfolded.length() + unfolded.length() / 16);
        for (String line : unfolded.split("\r\n")) {
            int octets = 0;
            for (int i = 0; i < line.length(); ) {
                int codePoint = line.codePointAt(i);
                int width = utf8Width(codePoint);
                if (octets + width > MAX_LINE_OCTETS) {
                    folded.append("\r\n ");
                    octets = 1;
                }
                folded.appendCodePoint(codePoint);
                octets += width;
                i += Character.charCount(codePoint);
            }
            folded.append("\r\n");
        }
        return folded.toString();
    }

    private static int utf8Width(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
