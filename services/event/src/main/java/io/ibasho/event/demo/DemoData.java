package io.ibasho.event.demo;

import io.ibasho.event.Venue;
import io.ibasho.event.config.DemoDataConfig;
import io.ibasho.event.schedule.TokyoTime;
import io.ibasho.event.service.SeriesRequest;
import io.ibasho.event.service.SeriesService;
import io.ibasho.event.service.SessionRequest;
import io.ibasho.event.service.SessionRequest.ChildcareRequest;
import io.ibasho.event.service.SessionRequest.LotteryRequest;
import io.ibasho.event.service.SessionRequest.PartRequest;
import io.ibasho.event.service.SessionService;
import io.ibasho.event.service.VenueRequest;
import io.ibasho.event.service.VenueRequest.RoomRequest;
import io.ibasho.event.service.VenueService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A realistic, wholly fictional month for organisation {@code hinata} on the local stack: four venues with monthly
 * cafés (series), three workshops (one by lottery, one in two parts), two online dialogues (morning and night) and a
 * free space. Goes through the services, so EventPublished flows to the other services. Loaded once: a second start
 * finds the first venue and does nothing. Off unless {@code ibasho.demo-data.enabled=true}.
 */
@ApplicationScoped
public class DemoData {
    private static final Logger LOG = Logger.getLogger(DemoData.class);
    static final String ORGANISATION = "hinata";
    /** The first demo venue; its presence means the demo data is loaded. */
    static final String MARKER_VENUE = "ひなた交流センター";

    private final DemoDataConfig config;
    private final VenueService venues;
    private final SessionService sessions;
    private final SeriesService series;
    private final Clock clock;

    public DemoData(
            DemoDataConfig config, VenueService venues, SessionService sessions, SeriesService series, Clock clock) {
        this.clock = clock;
        this.config = config;
        this.venues = venues;
        this.sessions = sessions;
        this.series = series;
    }

    void onStart(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            return;
        }
        try {
            boolean loaded = VertxContextSupport.subscribeAndAwait(this::load);
            LOG.infof(
                    loaded ? "demo data loaded for organisation %s" : "demo data for organisation %s already present",
                    ORGANISATION);
        } catch (Throwable e) {
            // The demo must not keep the service from starting; the log says why it is missing.
            LOG.errorf("demo data not loaded: %s", e.getMessage());
        }
    }

    /** @return true when it loaded the data, false when it was there already */
    public Uni<Boolean> load() {
        return Panache.withSession(() -> Venue.count("organisationId = ?1 and nameJa = ?2", ORGANISATION, MARKER_VENUE))
                .flatMap(count -> count > 0 ? Uni.createFrom().item(false) : insert().replaceWith(true));
    }

    private Uni<Void> insert() {
        LocalDate today = LocalDate.now(clock.withZone(TokyoTime.ZONE));
        List<Supplier<Uni<?>>> steps = new ArrayList<>();
        Map<String, UUID> venueIds = new java.util.HashMap<>();

        steps.add(() -> venues.create(
                        ORGANISATION,
                        venue(
                                MARKER_VENUE,
                                "Hinata Community Centre",
                                "ひなた区",
                                "入口にスロープ、1階に多目的トイレがあります。",
                                "Ramp at the entrance, accessible toilet on the ground floor.",
                                30,
                                true,
                                "架空県ひなた市ひなた区中央1-2-3",
                                "PUBLIC",
                                List.of(
                                        new RoomRequest("washitsu", "和室", "Tatami room"),
                                        new RoomRequest("hall", "多目的ホール", "Hall")),
                                List.of("tsubomi")))
                .invoke(v -> venueIds.put("centre", v.id)));
        steps.add(() -> venues.create(
                        ORGANISATION,
                        venue(
                                "みどり公民館",
                                "Midori Community Hall",
                                "みどり区",
                                "エレベーターあり。",
                                "Lift available.",
                                20,
                                true,
                                "架空県ひなた市みどり区若葉4-5-6",
                                "ATTENDEES_ONLY",
                                List.of(
                                        new RoomRequest("kaigishitsu", "会議室", "Meeting room"),
                                        new RoomRequest("kidsroom", "キッズルーム", "Kids' room")),
                                List.of("tsubomi")))
                .invoke(v -> venueIds.put("midori", v.id)));
        steps.add(() -> venues.create(
                        ORGANISATION,
                        venue(
                                "そよかぜ会館",
                                "Soyokaze Hall",
                                "そよかぜ区",
                                "2階・階段のみ。",
                                "First floor, stairs only.",
                                12,
                                false,
                                "架空県ひなた市そよかぜ区港7-8-9",
                                "PUBLIC",
                                List.of(new RoomRequest("salon", "サロン", "Salon")),
                                List.of()))
                .invoke(v -> venueIds.put("soyokaze", v.id)));
        // A shelter: its address is never shown by the system; staff give directions in person.
        steps.add(() -> venues.create(
                        ORGANISATION,
                        venue(
                                "こもれびの家",
                                "Komorebi House",
                                "こもれび区",
                                "段差なし。",
                                "Step-free.",
                                10,
                                true,
                                "（非公開）",
                                "NEVER",
                                List.of(new RoomRequest("living", "リビング", "Living room")),
                                List.of("tsubomi")))
                .invoke(v -> venueIds.put("komorebi", v.id)));

        // Monthly cafés, one series per venue, published.
        String[][] cafes = {
            {"centre", "washitsu", "FREQ=MONTHLY;BYDAY=2TU", "10:00", "ひなたウィメンズカフェ", "Hinata Women's Café"},
            {"midori", "kaigishitsu", "FREQ=MONTHLY;BYDAY=3WE", "13:30", "みどりカフェ", "Midori Café"},
            {"soyokaze", "salon", "FREQ=MONTHLY;BYDAY=1SA", "14:00", "そよかぜおしゃべりカフェ", "Soyokaze Chat Café"},
            {"komorebi", "living", "FREQ=MONTHLY;BYDAY=4TH", "10:30", "こもれびカフェ", "Komorebi Café"}
        };
        for (String[] cafe : cafes) {
            steps.add(() -> series.create(
                            ORGANISATION,
                            new SeriesRequest(
                                    cafe[2],
                                    today.plusDays(1).atTime(LocalTime.parse(cafe[3])),
                                    120,
                                    null,
                                    null,
                                    "cafe",
                                    cafe[4],
                                    cafe[5],
                                    null,
                                    null,
                                    venueIds.get(cafe[0]),
                                    cafe[1],
                                    10,
                                    "NONE",
                                    null,
                                    null,
                                    null,
                                    null,
                                    null))
                    .flatMap(created -> series.publish(ORGANISATION, created.series().id)));
        }

        // Three workshops: one by lottery with childcare, one in two parts, one first come.
        OffsetDateTime now =
                OffsetDateTime.now(clock.withZone(TokyoTime.ZONE)).withSecond(0).withNano(0);
        OffsetDateTime aroma = at(today.plusDays(12), 13, 30);
        steps.add(() -> publish(new SessionRequest(
                "workshop",
                "アロマハンドケア講座",
                "Aroma hand-care workshop",
                aroma,
                aroma.plusHours(2),
                10,
                "LOTTERY",
                venueIds.get("centre"),
                "hall",
                List.of(),
                "子育て中の女性",
                "Women raising children",
                now,
                aroma.minusDays(5),
                null,
                new ChildcareRequest(true, 1, 6, 2, aroma.minusDays(7), 6),
                new LotteryRequest(List.of("初めての方 / first-time participants", "その他 / everyone else"), true, true))));
        OffsetDateTime selfCare = at(today.plusDays(19), 13, 30);
        steps.add(() -> publish(new SessionRequest(
                "workshop",
                "からだとこころのセルフケア",
                "Self-care for body and mind",
                selfCare,
                selfCare.plusMinutes(120),
                12,
                "FIRST_COME",
                venueIds.get("midori"),
                "kaigishitsu",
                List.of(
                        new PartRequest("1部", selfCare, selfCare.plusMinutes(60)),
                        new PartRequest("2部", selfCare.plusMinutes(70), selfCare.plusMinutes(120))),
                "40代以上のシングル女性",
                "Single women in their forties and older",
                now,
                selfCare.minusDays(3),
                null,
                new ChildcareRequest(true, 0, 6, 2, selfCare.minusDays(5), null),
                null)));
        OffsetDateTime money = at(today.plusDays(24), 10, 0);
        steps.add(() -> publish(new SessionRequest(
                "workshop",
                "はじめての家計ノート",
                "First steps with a household budget",
                money,
                money.plusMinutes(90),
                8,
                "FIRST_COME",
                venueIds.get("soyokaze"),
                "salon",
                List.of(),
                null,
                null,
                now,
                money.minusDays(2),
                null,
                null,
                null)));

        // Two online dialogues, morning and night; the links are fictional and never leave the service publicly.
        OffsetDateTime morning = at(today.plusDays(9), 9, 30);
        steps.add(() -> publish(new SessionRequest(
                "online",
                "朝のオンラインおしゃべり会",
                "Morning online dialogue",
                morning,
                morning.plusMinutes(60),
                8,
                "FIRST_COME",
                null,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                "https://meet.example.invalid/ibasho-demo-morning",
                null,
                null)));
        OffsetDateTime night = at(today.plusDays(16), 21, 0);
        steps.add(() -> publish(new SessionRequest(
                "online",
                "夜のオンラインおしゃべり会",
                "Night online dialogue",
                night,
                night.plusMinutes(60),
                8,
                "FIRST_COME",
                null,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                "https://meet.example.invalid/ibasho-demo-night",
                null,
                null)));

        // A free space: open, no booking.
        OffsetDateTime free = at(today.plusDays(6), 10, 0);
        steps.add(() -> publish(new SessionRequest(
                "free-space",
                "フリースペース ひだまり",
                "Free space Hidamari",
                free,
                free.plusHours(6),
                null,
                "NONE",
                venueIds.get("centre"),
                "hall",
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null)));

        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Supplier<Uni<?>> step : steps) {
            chain = chain.flatMap(ignored -> step.get()).replaceWithVoid();
        }
        return chain;
    }

    private Uni<?> publish(SessionRequest request) {
        return sessions.create(ORGANISATION, request)
                .flatMap(created -> sessions.publish(ORGANISATION, created.session().id));
    }

    private static OffsetDateTime at(LocalDate day, int hour, int minute) {
        return LocalDateTime.of(day, LocalTime.of(hour, minute))
                .atZone(TokyoTime.ZONE)
                .toOffsetDateTime();
    }

    private static VenueRequest venue(
            String nameJa,
            String nameEn,
            String area,
            String accessibilityJa,
            String accessibilityEn,
            int capacity,
            boolean childcare,
            String address,
            String visibility,
            List<RoomRequest> rooms,
            List<String> partnerGroups) {
        return new VenueRequest(
                nameJa,
                nameEn,
                area,
                accessibilityJa,
                accessibilityEn,
                capacity,
                childcare,
                address,
                visibility,
                rooms,
                partnerGroups);
    }
}
