package io.ibasho.gateway.web;

import io.ibasho.gateway.BrowserSessions;
import io.ibasho.gateway.FormBody;
import io.ibasho.gateway.herdata.ErasureConfig;
import io.ibasho.gateway.herdata.HerDataCollector;
import io.ibasho.gateway.herdata.HerDataErasure;
import io.quarkus.qute.TemplateData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Her data in the web app (issue #18), a sub-page of her settings: everything Ibasho holds about her, readable and as
 * a JSON download, and the deletion of her account, which needs a ticked confirmation and a sign-in within the last
 * minutes (a phone left signed in must not be enough). After it her session ends here and she sees what was deleted
 * (counts and kinds, never content).
 */
@ApplicationScoped
public class HerDataPages {
    @Inject
    PageFlow flow;

    @Inject
    HerDataCollector collector;

    @Inject
    HerDataErasure erasure;

    @Inject
    ErasureConfig erasureConfig;

    @Inject
    ServiceCalls services;

    @Inject
    Clock clock;

    @Inject
    Pages pages;

    @Inject
    TalkPages talks;

    /** A readable block of the export: a heading and label/value lines. */
    @TemplateData
    public record Item(String heading, List<Line> lines) {}

    @TemplateData
    public record Line(String label, String value) {}

    @TemplateData
    public record Section(String title, List<Item> items) {}

    /**
     * One of her consents as she gave it: what for, the words she was shown (in the language of the page then), when,
     * and whether it still holds (then a button withdraws it).
     */
    @TemplateData
    public record Consent(
            String purpose,
            String title,
            String wording,
            String language,
            String version,
            String givenAt,
            String withdrawnAt) {
        public boolean inForce() {
            return withdrawnAt == null;
        }
    }

    /** The purposes she can withdraw here, each with the service that holds it and the path that withdraws it. */
    static final Map<String, String[]> WITHDRAWALS = Map.of(
            "childcare-notes",
            new String[] {"childcare-booking", "/api/childcare/me/consents/childcare-notes/withdrawal"},
            "email-channel",
            new String[] {"notification", "/api/notifications/me/consents/email-channel/withdrawal"},
            "line-channel",
            new String[] {"notification", "/api/notifications/me/consents/line-channel/withdrawal"});

    @Inject
    io.ibasho.gateway.recovery.ConfirmedEmailSync confirmedEmails;

    void routes(@Observes Router router) {
        router.get("/app/settings/data").order(899).handler(ctx -> flow.page(ctx, true, v -> page(v, null, 200)));
        router.get("/app/settings/data.json").order(899).handler(ctx -> flow.page(ctx, true, this::download));
        router.post("/app/settings/data/consents")
                .order(899)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, v -> withdraw(v, form))));
        router.post("/app/settings/data/erase")
                .order(899)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, v -> erase(v, form))));
    }

    private Uni<PageFlow.Result> page(PageFlow.Visit v, String error, int status) {
        return page(v, error, null, status);
    }

    private Uni<PageFlow.Result> page(PageFlow.Visit v, String error, String done, int status) {
        return collector
                .collect(v.token(), subject(v))
                .flatMap(export -> Uni.combine()
                        .all()
                        .unis(pages.sessionsOf(sessionIds(export)), talks.organisationNames(v.language()))
                        .asTuple()
                        .map(found -> {
                            Map<String, Object> data = view(
                                    sections(export, found.getItem1(), found.getItem2(), v.language()),
                                    recentSignIn(v),
                                    false,
                                    error);
                            data.put("consents", consents(export, v.language()));
                            data.put("done", done == null ? "" : done);
                            return (PageFlow.Result) new PageFlow.Html(status, "mydata", data);
                        }))
                .onFailure(HerDataCollector.Incomplete.class)
                .recoverWithItem(failure -> ((HerDataCollector.Incomplete) failure).status == 403
                        ? new PageFlow.Html(200, "mydata", view(null, false, true, null))
                        : new PageFlow.Html(503, "error", Map.of("kind", "unavailable")));
    }

    /** Withdraws one of her consents in the service that holds it, then shows her data again with what changed. */
    private Uni<PageFlow.Result> withdraw(PageFlow.Visit v, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(new PageFlow.Html(403, "error", Map.of("kind", "forbidden")));
        }
        String[] target = WITHDRAWALS.get(String.valueOf(form.get("purpose")));
        if (target == null) {
            return page(v, v.ja() ? "取り消す同意を選んでください。" : "Choose a consent to withdraw.", 422);
        }
        return services.post(
                        target[0],
                        target[1],
                        v.token(),
                        new JsonObject(),
                        null,
                        v.ctx().request())
                .flatMap(answer -> answer.ok() && "email-channel".equals(form.get("purpose"))
                        // her address is gone from notification: Keycloak's reset must not mail it (docs/adr/0027)
                        ? confirmedEmails.sync(subject(v)).replaceWith(answer)
                        : Uni.createFrom().item(answer))
                .flatMap(answer -> answer.ok()
                        ? page(
                                v,
                                null,
                                "childcare-notes".equals(form.get("purpose"))
                                        ? (v.ja()
                                                ? "同意を取り消しました。お子さんの呼び名とメモは削除しました。"
                                                : "Consent withdrawn. Your children's nicknames and notes are deleted.")
                                        : "line-channel".equals(form.get("purpose"))
                                                ? (v.ja()
                                                        ? "同意を取り消しました。LINEとのつながりを解除し、もう送りません。"
                                                        : "Consent withdrawn. LINE is unlinked and nothing more is sent there.")
                                                : (v.ja()
                                                        ? "同意を取り消しました。メールアドレスは削除し、メールはもう送りません。"
                                                        : "Consent withdrawn. The address is removed and nothing more is mailed."),
                                200)
                        : page(
                                v,
                                v.ja()
                                        ? "いまは取り消せませんでした。しばらくしてからお試しください。"
                                        : "This could not be done just now; please try again later.",
                                answer.status() == 429 ? 429 : 503));
    }

    /** Her consents from every service that holds one, oldest first per service. */
    static List<Consent> consents(JsonObject export, Language language) {
        boolean ja = language == Language.JA;
        List<Consent> consents = new ArrayList<>();
        for (String key : List.of("childcareBooking", "notification")) {
            for (Object o : export.getJsonObject(key, new JsonObject()).getJsonArray("consents", new JsonArray())) {
                JsonObject c = (JsonObject) o;
                String purpose = c.getString("purpose", "");
                consents.add(new Consent(
                        purpose,
                        switch (purpose) {
                            case "childcare-notes" -> ja ? "お子さんの呼び名と保育者への連絡" : "Children's nicknames and care notes";
                            case "email-channel" -> ja ? "メールでのお知らせ" : "Messages by e-mail";
                            case "line-channel" -> ja ? "LINEでのお知らせ" : "Notices through LINE";
                            default -> purpose;
                        },
                        c.getString("wording"),
                        c.getString("language"),
                        c.getString("wordingVersion"),
                        at(c.getString("givenAt"), language),
                        at(c.getString("withdrawnAt"), language)));
            }
        }
        return consents;
    }

    /** Every name the template asks for, always (Qute renders strictly: a missing one is an error). */
    private Map<String, Object> view(List<Section> sections, boolean recentSignIn, boolean notAttendee, String error) {
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "settings");
        data.put("sections", sections);
        data.put("recentSignIn", recentSignIn);
        data.put("notAttendee", notAttendee);
        data.put("maxMinutes", erasureConfig.maxSignInAge().toMinutes());
        data.put("error", error == null ? "" : error);
        data.put("consents", List.of());
        data.put("done", "");
        return data;
    }

    private Uni<PageFlow.Result> download(PageFlow.Visit v) {
        return collector
                .collect(v.token(), subject(v))
                .map(export -> {
                    v.ctx()
                            .response()
                            .putHeader("Content-Disposition", "attachment; filename=\"ibasho-my-data.json\"")
                            .putHeader("Cache-Control", "no-store");
                    return (PageFlow.Result) new PageFlow.Raw(
                            200, "application/json; charset=utf-8", Buffer.buffer(export.encodePrettily()));
                })
                .onFailure(HerDataCollector.Incomplete.class)
                .recoverWithItem(failure -> new PageFlow.Html(
                        ((HerDataCollector.Incomplete) failure).status == 403 ? 403 : 503,
                        "error",
                        Map.of(
                                "kind",
                                ((HerDataCollector.Incomplete) failure).status == 403 ? "forbidden" : "unavailable")));
    }

    private Uni<PageFlow.Result> erase(PageFlow.Visit v, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(new PageFlow.Html(403, "error", Map.of("kind", "forbidden")));
        }
        return erasure.erase(v.token(), subject(v), form.get("confirm")).flatMap(outcome -> switch (outcome) {
            case HerDataErasure.Done done -> {
                // her account is gone: so is this browser's session with it
                BrowserSessions.clearCookies(v.ctx());
                v.ctx().response().putHeader("Clear-Site-Data", "\"cookies\", \"storage\"");
                // shown signed out, and in her language: Clear-Site-Data also takes the lang cookie, so the header's
                // links carry it
                yield Uni.createFrom().item((PageFlow.Result) new PageFlow.Html(
                        200,
                        "erased",
                        Map.of(
                                "counts",
                                counts(done.receipt().getJsonObject("erased"), v.ja()),
                                "signedIn",
                                false,
                                "csrf",
                                "",
                                "langQuery",
                                "?lang=" + v.language().tag(),
                                "nextParam",
                                "%2F",
                                // this page has no address of its own to show in the other language (a POST's answer)
                                "langHref",
                                "/?lang=" + v.language().other().tag())));
            }
            case HerDataErasure.Refused refused -> {
                String problem = refused.answer().problem();
                String message = switch (problem) {
                    case "erasure-not-confirmed" ->
                        v.ja() ? "削除するには、確認のチェックを入れてください。" : "Tick the confirmation to delete.";
                    case "reauthentication-required" ->
                        v.ja()
                                ? "安全のため、ログインし直してから "
                                        + erasureConfig.maxSignInAge().toMinutes() + " 分以内に削除してください。"
                                : "For your safety, sign in again and delete within "
                                        + erasureConfig.maxSignInAge().toMinutes() + " minutes.";
                    case "account-not-deleted" ->
                        v.ja()
                                ? "データは削除しましたが、アカウントの削除ができませんでした。もう一度お試しください。"
                                : "Your data was deleted, but the account could not be; please try again.";
                    default ->
                        v.ja()
                                ? "いまは削除できませんでした。しばらくしてからお試しください。"
                                : "This could not be done just now; please try again later.";
                };
                yield "account-not-deleted".equals(problem)
                        ? Uni.createFrom().item((PageFlow.Result)
                                new PageFlow.Html(502, "mydata", view(null, false, false, message)))
                        : page(v, message, refused.answer().status() == 403 ? 403 : 422);
            }
        });
    }

    private static String subject(PageFlow.Visit v) {
        return v.identity().getPrincipal() instanceof JsonWebToken jwt ? jwt.getSubject() : null;
    }

    /** From her ID token's auth_time: whether the delete button is offered, or "sign in again" first. */
    private boolean recentSignIn(PageFlow.Visit v) {
        if (!(v.identity().getPrincipal() instanceof JsonWebToken jwt)) {
            return false;
        }
        Object authTime = jwt.getClaim("auth_time");
        if (authTime == null || !authTime.toString().matches("\\d{1,12}")) {
            return false;
        }
        return !Instant.ofEpochSecond(Long.parseLong(authTime.toString()))
                .isBefore(clock.instant().minus(erasureConfig.maxSignInAge()));
    }

    /**
     * Her data in words: times in Tokyo time as every page writes them, states as the booking pages say them, and
     * each booking under its session's title (the public session by id; one no longer public is said to be so). The
     * JSON download stays the services' own words. Her requests to talk name their organisation as the talk page does
     * ({@code organisations}: public names by id), never by its id.
     */
    static List<Section> sections(
            JsonObject export, Map<String, JsonObject> sessions, Map<String, String> organisations, Language language) {
        boolean ja = language == Language.JA;
        List<Section> sections = new ArrayList<>();
        List<Item> bookings = new ArrayList<>();
        for (Object o :
                export.getJsonObject("registration", new JsonObject()).getJsonArray("registrations", new JsonArray())) {
            JsonObject r = (JsonObject) o;
            List<Line> lines = new ArrayList<>();
            add(lines, ja ? "ニックネーム" : "Nickname", r.getString("nickname"));
            add(
                    lines,
                    ja ? "状態" : "Status",
                    Wording.status(r.getString("status"), null, null, r.getString("cancelledBy"), language));
            add(lines, ja ? "予約コード" : "Booking code", r.getString("bookingCode"));
            add(lines, ja ? "託児（お子さんの年齢）" : "Childcare (children's ages)", ages(r.getJsonArray("childrenAges"), ja));
            add(
                    lines,
                    ja ? "託児の状態" : "Childcare status",
                    Wording.childcareStatus(r.getString("childcareStatus"), language));
            add(lines, ja ? "出欠" : "Attendance", attendance(r.getString("attendance"), ja));
            add(lines, ja ? "申し込んだ日時" : "Made at", at(r.getString("createdAt"), language));
            bookings.add(new Item(
                    heading(sessions, r.getString("sessionId"), r.getString("sessionStartsAt"), language), lines));
        }
        sections.add(new Section(ja ? "予約・抽選の申込み・キャンセル待ち" : "Bookings, lottery applications, waitlist", bookings));

        List<Item> childcare = new ArrayList<>();
        for (Object o : export.getJsonObject("childcareBooking", new JsonObject())
                .getJsonArray("childcareBookings", new JsonArray())) {
            JsonObject b = (JsonObject) o;
            List<Line> lines = new ArrayList<>();
            String status = b.getString("status");
            add(
                    lines,
                    ja ? "状態" : "Status",
                    Wording.childcareStatus(status == null ? null : status.toLowerCase(Locale.ROOT), language));
            add(lines, ja ? "受け渡しコード" : "Handover code", b.getString("handoverCode"));
            for (Object c : b.getJsonArray("children", new JsonArray())) {
                JsonObject child = (JsonObject) c;
                String who = (ja ? "お子さん " : "Child ") + child.getValue("position");
                add(lines, who + (ja ? " 年齢" : " age"), age(child.getInteger("ageYears"), ja));
                add(lines, who + (ja ? " 呼び名" : " nickname"), child.getString("nickname"));
                add(lines, who + (ja ? " 保育者への連絡" : " notes for the carers"), child.getString("careNotes"));
            }
            add(lines, ja ? "申し込んだ日時" : "Made at", at(b.getString("createdAt"), language));
            String session = heading(sessions, b.getString("sessionId"), null, language);
            childcare.add(new Item((ja ? "託児の予約: " : "Childcare booking: ") + session, lines));
        }
        sections.add(new Section(ja ? "託児" : "Childcare", childcare));

        JsonObject notification = export.getJsonObject("notification", new JsonObject());
        List<Item> contact = new ArrayList<>();
        JsonObject settings = notification.getJsonObject("settings");
        if (settings != null) {
            List<Line> lines = new ArrayList<>();
            Language chosen = Language.ofTag(settings.getString("language"));
            add(
                    lines,
                    ja ? "言語" : "Language",
                    chosen == null ? settings.getString("language") : chosen == Language.JA ? "日本語" : "English");
            // no: the language above is only the default, which her messages outside the app are written in
            add(lines, ja ? "言語を自分で選んだ" : "Language chosen by you", yesNo(settings.getValue("languageChosen"), ja));
            add(lines, ja ? "メールアドレス" : "E-mail address", settings.getString("emailAddress"));
            add(lines, ja ? "確認中のメールアドレス" : "E-mail address being confirmed", settings.getString("pendingEmail"));
            add(lines, ja ? "メールで受け取る" : "Messages by e-mail", yesNo(settings.getValue("emailEnabled"), ja));
            add(lines, ja ? "お知らせに詳しい内容を書く" : "Full detail in messages", yesNo(settings.getValue("fullDetail"), ja));
            add(lines, ja ? "連絡しない時間帯（開始）" : "Quiet hours from", hourMinute(settings.getString("quietStart")));
            add(lines, ja ? "連絡しない時間帯（終了）" : "Quiet hours until", hourMinute(settings.getString("quietEnd")));
            contact.add(new Item(ja ? "設定" : "Settings", lines));
        }
        JsonArray messages = notification.getJsonArray("messages", new JsonArray());
        List<Line> messageLines = new ArrayList<>();
        for (Object o : messages) {
            JsonObject m = (JsonObject) o;
            add(messageLines, at(m.getString("createdAt"), language), messageKind(m.getString("kind"), ja));
        }
        contact.add(new Item((ja ? "お知らせ " : "Messages ") + messages.size(), messageLines));
        // her requests to talk, as she sent them (docs/consultation.md), in the words of the talk page
        JsonArray talks = notification.getJsonArray("talkRequests", new JsonArray());
        if (!talks.isEmpty()) {
            Map<String, String> tt = TalkText.of(language);
            List<Line> talkLines = new ArrayList<>();
            for (Object o : talks) {
                JsonObject t = (JsonObject) o;
                JsonObject asSent = t.copy();
                if (t.getString("days") != null) {
                    // the export keeps the days as the service stores them: "MON,WED"
                    asSent.put("days", new JsonArray(List.of((Object[])
                            t.getString("days").split(","))));
                }
                add(
                        talkLines,
                        at(t.getString("createdAt"), language),
                        String.join(
                                " / ",
                                java.util.stream.Stream.of(
                                                TalkPages.organisationName(
                                                        t.getString("organisationId"), organisations, tt),
                                                TalkPages.how(asSent, tt),
                                                TalkPages.when(asSent, tt),
                                                t.getString("note"),
                                                tt.getOrDefault(t.getString("status", ""), t.getString("status")))
                                        .filter(x -> x != null && !x.isBlank())
                                        .toList()));
            }
            contact.add(new Item((ja ? "話したいことの連絡 " : "Requests to talk ") + talks.size(), talkLines));
        }
        sections.add(new Section(ja ? "連絡先とお知らせ" : "Contact and messages", contact));

        int confirmations = export.getJsonObject("event", new JsonObject())
                .getJsonArray("attendeeConfirmations", new JsonArray())
                .size();
        sections.add(new Section(
                ja ? "会場の案内" : "Venue details",
                List.of(new Item(
                        ja
                                ? "会場の詳しい案内やオンラインのリンクを見られる予約の記録: " + confirmations
                                : "Records that let you see a venue's directions or meeting link: " + confirmations,
                        List.of()))));
        return sections;
    }

    /** The sessions of her bookings (also drop-in childcare's), for their titles. */
    static JsonArray sessionIds(JsonObject export) {
        JsonArray all = new JsonArray();
        export.getJsonObject("registration", new JsonObject())
                .getJsonArray("registrations", new JsonArray())
                .forEach(all::add);
        export.getJsonObject("childcareBooking", new JsonObject())
                .getJsonArray("childcareBookings", new JsonArray())
                .forEach(all::add);
        return all;
    }

    /** 「ひだまりカフェ ・ 12月18日(金) 13:30」, "Hidamari Café · Fri 18 Dec 13:30"; a session no longer public is said to be so. */
    private static String heading(
            Map<String, JsonObject> sessions, String sessionId, String startsAt, Language language) {
        JsonObject session = sessionId == null ? null : sessions.get(sessionId);
        String when = at(
                session != null && session.getString("startsAt") != null ? session.getString("startsAt") : startsAt,
                language);
        String title = session == null || session.isEmpty()
                ? (language == Language.JA ? "（公開が終わった回）" : "(a session no longer published)")
                : Pages.title(session.getString("titleJa"), session.getString("titleEn"), language)[0];
        return when == null ? title : title + UiText.of(language).get("separator") + when;
    }

    private static String at(String instant, Language language) {
        OffsetDateTime at = PageFlow.time(instant);
        return at == null ? null : Wording.at(at, language);
    }

    private static String ages(JsonArray ages, boolean ja) {
        if (ages == null || ages.isEmpty()) {
            return null;
        }
        return String.join(
                ja ? "、" : ", ",
                ages.stream()
                        .map(a -> a instanceof Number n ? age(n.intValue(), ja) : String.valueOf(a))
                        .toList());
    }

    private static String age(Integer years, boolean ja) {
        if (years == null) {
            return null;
        }
        return Wording.age(years, ja ? Language.JA : Language.EN);
    }

    private static String attendance(String attendance, boolean ja) {
        if (attendance == null) {
            return null;
        }
        return switch (attendance) {
            case "ATTENDED" -> ja ? "参加しました" : "Attended";
            case "NO_SHOW" -> ja ? "欠席でした" : "Did not come";
            default -> attendance;
        };
    }

    private static String yesNo(Object value, boolean ja) {
        if (!(value instanceof Boolean b)) {
            return null;
        }
        return b ? (ja ? "はい" : "Yes") : (ja ? "いいえ" : "No");
    }

    /** "22:00:00" as 22:00. */
    private static String hourMinute(String time) {
        return time != null && time.length() > 5 ? time.substring(0, 5) : time;
    }

    /** What a message was about; its words are in her inbox, the export keeps only its kind. */
    static String messageKind(String kind, boolean ja) {
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case "BOOKING_CONFIRMED" -> ja ? "予約が確定しました" : "Booking confirmed";
            case "APPLICATION_RECEIVED", "COURSE_APPLICATION_RECEIVED" ->
                ja ? "抽選の申込みを受け付けました" : "Lottery application received";
            case "LOTTERY_WON", "LOTTERY_WON_CONFIRM", "COURSE_LOTTERY_WON" ->
                ja ? "抽選に当選しました" : "Drawn in the lottery";
            case "LOTTERY_RESERVE", "COURSE_LOTTERY_RESERVE" -> ja ? "抽選の補欠になりました" : "On the lottery's reserve list";
            case "WAITLISTED", "COURSE_WAITLISTED" -> ja ? "キャンセル待ちになりました" : "On the waitlist";
            case "SEAT_OFFERED", "COURSE_OFFERED" ->
                ja ? "席が空きました（お返事の期限つき）" : "A seat was offered (answer by a deadline)";
            case "OFFER_EXPIRED", "COURSE_OFFER_EXPIRED" -> ja ? "お返事の期限が過ぎました" : "The offer expired";
            case "OFFER_DECLINED", "COURSE_OFFER_DECLINED" -> ja ? "お席のご案内をお断りしました" : "You declined the offered seat";
            case "CANCELLED_BY_ATTENDEE", "COURSE_CANCELLED_BY_ATTENDEE" -> ja ? "キャンセルしました" : "You cancelled";
            case "CANCELLED_BY_ORGANISER" -> ja ? "主催者がキャンセルしました" : "Cancelled by the organiser";
            case "SESSION_CHANGED" -> ja ? "回の内容が変わりました" : "The session changed";
            case "SESSION_CANCELLED" -> ja ? "回が中止になりました" : "The session was cancelled";
            case "CHILDCARE_RESERVED" -> ja ? "託児を確保しました" : "Childcare reserved";
            case "CHILDCARE_REJECTED" -> ja ? "託児の空きがありませんでした" : "No childcare place was free";
            case "REMINDER" -> ja ? "前日のお知らせ" : "Reminder";
            case "MEETING_LINK" -> ja ? "オンラインのリンクの準備ができました" : "Meeting link ready";
            case "TALK_ACKNOWLEDGED" -> ja ? "連絡を受け取りました" : "Request received";
            case "COURSE_BOOKED" -> ja ? "連続講座の予約が確定しました" : "Course booked";
            case "COURSE_ENDED" -> ja ? "連続講座の予約が終わりました" : "Course booking ended";
            default -> kind;
        };
    }

    private static void add(List<Line> lines, String label, String value) {
        if (value != null && !value.isBlank()) {
            lines.add(new Line(label, value));
        }
    }

    /**
     * What was deleted, as counts per kind in her words. Kinds more than one service holds (her consent records) are one
     * line with their sum; childcare's own kinds are named as childcare.
     */
    static List<Line> counts(JsonObject erased, boolean ja) {
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (String service : List.of("registration", "childcare-booking", "notification", "event")) {
            JsonObject kinds = erased == null ? null : erased.getJsonObject(service);
            if (kinds == null) {
                continue;
            }
            for (String kind : kinds.fieldNames()) {
                Object count = kinds.getValue(kind);
                if (count instanceof Number n && n.intValue() > 0) {
                    byName.merge(erasedKind(service, kind, ja), n.intValue(), Integer::sum);
                }
            }
        }
        List<Line> lines = new ArrayList<>();
        byName.forEach((name, count) -> lines.add(new Line(name, String.valueOf(count))));
        lines.add(new Line(ja ? "アカウント" : "Account", "1"));
        return lines;
    }

    private static String erasedKind(String service, String kind, boolean ja) {
        if ("childcare-booking".equals(service)) {
            switch (kind) {
                case "bookings", "childcareBookings" -> {
                    return ja ? "託児の予約" : "Childcare bookings";
                }
                case "released" -> {
                    return ja ? "これからの回で空けた託児の枠" : "Childcare places given back for sessions to come";
                }
                default -> {}
            }
        }
        return switch (kind) {
            case "bookings" -> ja ? "予約" : "Bookings";
            case "lotteryApplications" -> ja ? "抽選の申込み" : "Lottery applications";
            case "waitlistPlaces" -> ja ? "キャンセル待ち" : "Waitlist places";
            case "pastOrCancelledRegistrations" -> ja ? "過去・キャンセル済みの予約" : "Past or cancelled bookings";
            case "childcareRequests" -> ja ? "託児の申込み" : "Childcare requests";
            // the answers kept so that a form sent twice books only once (idempotency records)
            case "storedAnswers" -> ja ? "二重の申込みを防ぐための一時的な記録" : "Temporary records that stop a form being sent twice";
            case "children" -> ja ? "お子さんの記録" : "Children's records";
            case "childrenWithNicknameOrNotes" -> ja ? "お子さんの呼び名・メモ" : "Children's nicknames and notes";
            case "messages" -> ja ? "お知らせ" : "Messages";
            case "settings" -> ja ? "設定" : "Settings";
            case "emailAddresses" -> ja ? "メールアドレス" : "E-mail addresses";
            case "talkRequests" -> ja ? "話したいことの連絡" : "Requests to talk";
            case "attendeeConfirmations" -> ja ? "会場案内の記録" : "Venue detail records";
            case "consentRecords" -> ja ? "同意の記録" : "Consent records";
            default -> kind;
        };
    }
}
