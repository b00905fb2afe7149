package io.ibasho.event.demo;

import io.ibasho.event.Venue;
import io.ibasho.event.config.DemoDataConfig;
import io.ibasho.event.schedule.TokyoTime;
import io.ibasho.event.service.CourseRequest;
import io.ibasho.event.service.CourseService;
import io.ibasho.event.service.FlyerRequest;
import io.ibasho.event.service.FlyerRequest.SpeakerRequest;
import io.ibasho.event.service.SeriesRequest;
import io.ibasho.event.service.SeriesService;
import io.ibasho.event.service.SessionRequest;
import io.ibasho.event.service.SessionRequest.ChildcareRequest;
import io.ibasho.event.service.SessionRequest.LotteryRequest;
import io.ibasho.event.service.SessionRequest.PartRequest;
import io.ibasho.event.service.SessionService;
import io.ibasho.event.service.SupportLineService;
import io.ibasho.event.service.SupportLinesRequest;
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
 * cafés (series), a drop-in café with 託児 reserved alone, four workshops (one by lottery, one in two parts, one whose
 * third part meets at another venue), two online dialogues (morning and night) and a free space. Goes through the
 * services, so EventPublished flows to the other services. Loaded once: a second start finds the first venue and does
 * nothing. Off unless {@code ibasho.demo-data.enabled=true}.
 */
@ApplicationScoped
public class DemoData {
    private static final Logger LOG = Logger.getLogger(DemoData.class);
    static final String ORGANISATION = "hinata";
    /** The first demo venue; its presence means the demo data is loaded. */
    /** The cafés are drop-in and free, as in the seed reports (おひとり様歓迎・お子様連れOK). */
    static final FlyerRequest CAFE_FLYER = new FlyerRequest(
            "お茶を飲みながら、ゆっくり過ごせる場所です。おひとり様歓迎、お子さま連れもどうぞ。途中の出入りも自由です。",
            "Tea and time to yourself. Come alone or with your children, and come and go as you like.",
            List.of(),
            null,
            null,
            0);

    static final FlyerRequest ONLINE_FLYER = new FlyerRequest(
            "カメラやマイクはオフのままでも参加できます。ニックネームで入ってください。",
            "You can keep your camera and microphone off. Join with a nickname.",
            List.of(),
            null,
            null,
            0);

    static final String MARKER_VENUE = "ひなた交流センター";

    /** The demo venues' (fictional) areas in English, by their Japanese area. */
    static final Map<String, String> ENGLISH_AREAS = Map.of(
            "ひなた区", "Hinata Ward",
            "みどり区", "Midori Ward",
            "そよかぜ区", "Soyokaze Ward",
            "こもれび区", "Komorebi Ward");

    private final DemoDataConfig config;
    private final VenueService venues;
    private final SessionService sessions;
    private final SeriesService series;
    private final SupportLineService supportLines;
    private final CourseService courses;
    private final Clock clock;

    public DemoData(
            DemoDataConfig config,
            VenueService venues,
            SessionService sessions,
            SeriesService series,
            SupportLineService supportLines,
            CourseService courses,
            Clock clock) {
        this.courses = courses;
        this.clock = clock;
        this.config = config;
        this.venues = venues;
        this.sessions = sessions;
        this.series = series;
        this.supportLines = supportLines;
    }

    /** Public national lines only (as the seed reports list them); the demo invents no local phone numbers. */
    static final SupportLinesRequest SUPPORT_LINES = new SupportLinesRequest(List.of(
            new SupportLinesRequest.Line(
                    "DV相談ナビ",
                    "DV Soudan Navi",
                    "#8008",
                    "全国共通・最寄りの相談窓口につながります",
                    "Nationwide; connects you to the nearest support centre",
                    "配偶者や恋人からの暴力の相談",
                    "Violence from a spouse or partner"),
            new SupportLinesRequest.Line(
                    "DV相談＋（プラス）",
                    "DV Soudan Plus",
                    "0120-279-889",
                    "電話は24時間・チャットやメールもあります",
                    "Phone 24 hours; chat and e-mail too",
                    "DVの相談、必要なときは安全な場所への同行",
                    "Advice on domestic violence; help to reach a safe place when needed"),
            new SupportLinesRequest.Line(
                    "警察（緊急のとき）",
                    "Police (emergency)",
                    "110",
                    "24時間",
                    "24 hours",
                    "いま危険なとき",
                    "When you are in danger now")));

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
                .flatMap(count -> count > 0 ? giveEnglishAreas().replaceWith(false) : insert().replaceWith(true));
    }

    /**
     * A demo loaded before venues had an English area keeps its data; its venues are given their English areas here,
     * so English pages do not show Japanese areas there either. An area someone already set is left alone.
     */
    private Uni<Void> giveEnglishAreas() {
        return Panache.withTransaction(() -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (Map.Entry<String, String> area : ENGLISH_AREAS.entrySet()) {
                        chain = chain.flatMap(given -> Venue.update(
                                        "areaEn = ?1 where organisationId = ?2 and area = ?3 and areaEn is null",
                                        area.getValue(),
                                        ORGANISATION,
                                        area.getKey())
                                .map(more -> given + more));
                    }
                    return chain;
                })
                .replaceWithVoid();
    }

    private Uni<Void> insert() {
        LocalDate today = LocalDate.now(clock.withZone(TokyoTime.ZONE));
        List<Supplier<Uni<?>>> steps = new ArrayList<>();
        Map<String, UUID> venueIds = new java.util.HashMap<>();
        steps.add(() -> supportLines.replace(ORGANISATION, SUPPORT_LINES));

        steps.add(() -> venues.create(
                        ORGANISATION,
                        venue(
                                MARKER_VENUE,
                                "Hinata Community Centre",
                                "ひなた区",
                                ENGLISH_AREAS.get("ひなた区"),
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
                                ENGLISH_AREAS.get("みどり区"),
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
                                ENGLISH_AREAS.get("そよかぜ区"),
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
                                ENGLISH_AREAS.get("こもれび区"),
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
                                    null,
                                    CAFE_FLYER))
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
                new LotteryRequest(List.of("初めての方 / first-time participants", "その他 / everyone else"), true, true),
                new FlyerRequest(
                        "アロマオイルで手をほぐしながら、自分をいたわる時間を過ごします。香りは当日えらべます。",
                        "Ease your hands with aroma oils and take time to look after yourself; choose a scent on the day.",
                        List.of(new SpeakerRequest("あおい（仮名）", "アロマセラピスト", "Aromatherapist")),
                        "タオル1枚",
                        "One towel",
                        500))));
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
                null,
                new FlyerRequest(
                        "1部はからだをゆるめる呼吸とストレッチ、2部は気持ちを書き出すワークです。話したくないことは話さなくて大丈夫です。",
                        "Part 1: breathing and gentle stretches. Part 2: writing down how you feel. Nobody has to share.",
                        List.of(new SpeakerRequest("みずき（仮名）", "公認心理師", "Certified psychologist")),
                        "筆記用具、動きやすい服装",
                        "Something to write with; comfortable clothes",
                        0))));
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
                null,
                new FlyerRequest(
                        "レシートを分けるところから始める、やさしい家計ノートの講座です。",
                        "A gentle start to a household budget, beginning with sorting receipts.",
                        List.of(new SpeakerRequest("ゆい（仮名）", "ファイナンシャルプランナー", "Financial planner")),
                        "筆記用具、電卓（スマートフォンでも可）",
                        "Something to write with; a calculator (a phone will do)",
                        0))));

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
                null,
                ONLINE_FLYER)));
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
                null,
                ONLINE_FLYER)));

        // A drop-in Women's Café with 託児: no booking to come, childcare reserved alone in the app (code for the
        // carers).
        OffsetDateTime childrenWelcome = at(today.plusDays(8), 10, 0);
        steps.add(() -> publish(new SessionRequest(
                "cafe",
                "子連れでどうぞ ウィメンズカフェ（託児あり）",
                "Women's Café, children welcome (with childcare)",
                childrenWelcome,
                childrenWelcome.plusHours(2),
                15,
                "NONE",
                venueIds.get("midori"),
                "kidsroom",
                List.of(),
                "女性どなたでも（お子さま連れ歓迎）",
                "Any woman (children welcome)",
                null,
                null,
                null,
                new ChildcareRequest(true, 0, 6, 2, at(today.plusDays(7), 17, 0), 8),
                null,
                new FlyerRequest(
                        "予約なしで、いつでも来て、いつでも帰れるカフェです。託児を使う方だけ、前日17時までにアプリでお子さんの分を予約してください。",
                        "Come and go as you like, no booking. If you want childcare, reserve it for your children in the"
                                + " app by 17:00 the day before.",
                        List.of(),
                        null,
                        null,
                        0))));

        // Three parts, the third at another venue (as Nagaoka's 第3部 met elsewhere): each part shows its own place.
        OffsetDateTime walk = at(today.plusDays(22), 10, 0);
        steps.add(() -> publish(new SessionRequest(
                "workshop",
                "ゆるっとつながる女子部 ―― 話して、歩いて、お茶をする",
                "Loosely connected: talk, walk and tea",
                walk,
                walk.plusHours(4),
                12,
                "FIRST_COME",
                venueIds.get("centre"),
                "hall",
                List.of(
                        new PartRequest("1部", walk, walk.plusMinutes(60)),
                        new PartRequest("2部", walk.plusMinutes(70), walk.plusMinutes(130)),
                        new PartRequest("3部", walk.plusMinutes(180), walk.plusMinutes(240), venueIds.get("soyokaze"))),
                "女性どなたでも",
                "Any woman",
                now,
                walk.minusDays(2),
                null,
                null,
                null,
                new FlyerRequest(
                        "1部・2部はひなた交流センターで自己紹介と街歩き、3部はそよかぜ会館に移ってお茶をしながら振り返ります。",
                        "Parts 1 and 2 at Hinata Community Centre (introductions and a walk); part 3 over tea at"
                                + " Soyokaze Hall.",
                        List.of(),
                        "歩きやすい靴",
                        "Comfortable shoes",
                        0))));

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
                null,
                null)));

        // A course booked as one (全3回, docs/courses.md): three evening dates with childcare, then the course over them.
        List<UUID> courseDates = new ArrayList<>();
        String[][] themes = {
            {"第1回 からだをゆるめる", "Part 1: easing the body"},
            {"第2回 気持ちに名前をつける", "Part 2: naming feelings"},
            {"第3回 これからのわたし", "Part 3: the me ahead"}
        };
        for (int i = 0; i < themes.length; i++) {
            OffsetDateTime start = at(today.plusDays(15 + 7L * i), 18, 30);
            String[] theme = themes[i];
            steps.add(() -> sessions.create(
                            ORGANISATION,
                            new SessionRequest(
                                    "workshop",
                                    "こころとからだのセルフケア講座 " + theme[0],
                                    "Self-care for mind and body, " + theme[1],
                                    start,
                                    start.plusMinutes(90),
                                    12,
                                    "FIRST_COME",
                                    venueIds.get("centre"),
                                    "hall",
                                    List.of(),
                                    "女性どなたでも",
                                    "Any woman",
                                    now,
                                    start.minusDays(1),
                                    null,
                                    new ChildcareRequest(true, 1, 6, 2, start.minusDays(3), 6),
                                    null,
                                    null))
                    .flatMap(created -> sessions.publish(ORGANISATION, created.session().id))
                    .invoke(published -> courseDates.add(published.session().id)));
        }
        steps.add(() -> courses.create(
                ORGANISATION,
                new CourseRequest(
                        "全3回 こころとからだのセルフケア講座",
                        "Self-care for mind and body (3 evenings)",
                        "3回まとめてのお申込みです。託児は回ごとに選べます。都合の悪い回だけ取り消すこともできます。",
                        "One booking for all three evenings; choose childcare per evening; you can cancel a single evening.",
                        10,
                        "FIRST_COME",
                        null,
                        courseDates,
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
            String areaEn,
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
                areaEn,
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
