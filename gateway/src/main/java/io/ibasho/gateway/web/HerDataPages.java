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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
                .map(export -> {
                    Map<String, Object> data = view(sections(export, v.ja()), recentSignIn(v), false, error);
                    data.put("consents", consents(export, v.ja()));
                    data.put("done", done == null ? "" : done);
                    return (PageFlow.Result) new PageFlow.Html(status, "mydata", data);
                })
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
    static List<Consent> consents(JsonObject export, boolean ja) {
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
                        c.getString("givenAt"),
                        c.getString("withdrawnAt")));
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
                yield Uni.createFrom().item((PageFlow.Result) new PageFlow.Html(
                        200, "erased", Map.of("counts", counts(done.receipt().getJsonObject("erased"), v.ja()))));
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

    static List<Section> sections(JsonObject export, boolean ja) {
        List<Section> sections = new ArrayList<>();
        List<Item> bookings = new ArrayList<>();
        for (Object o :
                export.getJsonObject("registration", new JsonObject()).getJsonArray("registrations", new JsonArray())) {
            JsonObject r = (JsonObject) o;
            List<Line> lines = new ArrayList<>();
            add(lines, ja ? "ニックネーム" : "Nickname", r.getString("nickname"));
            add(lines, ja ? "状態" : "Status", r.getString("status"));
            add(lines, ja ? "予約コード" : "Booking code", r.getString("bookingCode"));
            JsonArray ages = r.getJsonArray("childrenAges");
            add(lines, ja ? "託児（子どもの年齢）" : "Childcare (children's ages)", ages == null ? null : ages.encode());
            add(lines, ja ? "託児の状態" : "Childcare status", r.getString("childcareStatus"));
            add(lines, ja ? "出欠" : "Attendance", r.getString("attendance"));
            add(lines, ja ? "申し込んだ日時" : "Made at", r.getString("createdAt"));
            bookings.add(new Item((ja ? "回の日時: " : "Session: ") + r.getString("sessionStartsAt", "-"), lines));
        }
        sections.add(new Section(ja ? "予約・抽選の申込み・キャンセル待ち" : "Bookings, lottery applications, waitlist", bookings));

        List<Item> childcare = new ArrayList<>();
        for (Object o : export.getJsonObject("childcareBooking", new JsonObject())
                .getJsonArray("childcareBookings", new JsonArray())) {
            JsonObject b = (JsonObject) o;
            List<Line> lines = new ArrayList<>();
            add(lines, ja ? "状態" : "Status", b.getString("status"));
            for (Object c : b.getJsonArray("children", new JsonArray())) {
                JsonObject child = (JsonObject) c;
                String who = (ja ? "子ども " : "Child ") + child.getValue("position");
                add(lines, who + (ja ? " 年齢" : " age"), String.valueOf(child.getValue("ageYears")));
                add(lines, who + (ja ? " 呼び名" : " nickname"), child.getString("nickname"));
                add(lines, who + (ja ? " 保育者への連絡" : " notes for the carers"), child.getString("careNotes"));
            }
            childcare.add(new Item(ja ? "託児の予約" : "Childcare booking", lines));
        }
        sections.add(new Section(ja ? "託児" : "Childcare", childcare));

        JsonObject notification = export.getJsonObject("notification", new JsonObject());
        List<Item> contact = new ArrayList<>();
        JsonObject settings = notification.getJsonObject("settings");
        if (settings != null) {
            List<Line> lines = new ArrayList<>();
            add(lines, ja ? "言語" : "Language", settings.getString("language"));
            add(lines, ja ? "メールアドレス" : "E-mail address", settings.getString("emailAddress"));
            add(lines, ja ? "確認中のメールアドレス" : "E-mail address being confirmed", settings.getString("pendingEmail"));
            add(lines, ja ? "メールで受け取る" : "Messages by e-mail", String.valueOf(settings.getValue("emailEnabled")));
            add(lines, ja ? "連絡しない時間帯（開始）" : "Quiet hours from", settings.getString("quietStart"));
            add(lines, ja ? "連絡しない時間帯（終了）" : "Quiet hours until", settings.getString("quietEnd"));
            contact.add(new Item(ja ? "設定" : "Settings", lines));
        }
        JsonArray messages = notification.getJsonArray("messages", new JsonArray());
        List<Line> messageLines = new ArrayList<>();
        for (Object o : messages) {
            JsonObject m = (JsonObject) o;
            add(messageLines, m.getString("createdAt", ""), m.getString("kind"));
        }
        contact.add(new Item((ja ? "お知らせ " : "Messages ") + messages.size(), messageLines));
        // her requests to talk, as she sent them (docs/consultation.md)
        JsonArray talks = notification.getJsonArray("talkRequests", new JsonArray());
        if (!talks.isEmpty()) {
            List<Line> talkLines = new ArrayList<>();
            for (Object o : talks) {
                JsonObject t = (JsonObject) o;
                add(
                        talkLines,
                        t.getString("createdAt", ""),
                        String.join(
                                " / ",
                                java.util.stream.Stream.of(
                                                t.getString("organisationId"),
                                                t.getString("channel"),
                                                t.getString("callbackPhone"),
                                                t.getString("timeWindow"),
                                                t.getString("days"),
                                                t.getString("note"),
                                                t.getString("status"))
                                        .filter(java.util.Objects::nonNull)
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

    private static void add(List<Line> lines, String label, String value) {
        if (value != null && !value.isBlank()) {
            lines.add(new Line(label, value));
        }
    }

    static List<Line> counts(JsonObject erased, boolean ja) {
        Map<String, String> names = ja
                ? Map.ofEntries(
                        Map.entry("bookings", "予約"),
                        Map.entry("lotteryApplications", "抽選の申込み"),
                        Map.entry("waitlistPlaces", "キャンセル待ち"),
                        Map.entry("pastOrCancelledRegistrations", "過去・キャンセル済みの予約"),
                        Map.entry("childcareRequests", "託児の申込み"),
                        Map.entry("storedAnswers", "一時保存された応答"),
                        Map.entry("childcareBookings", "託児の予約"),
                        Map.entry("children", "子どもの記録"),
                        Map.entry("childrenWithNicknameOrNotes", "子どもの呼び名・メモ"),
                        Map.entry("messages", "お知らせ"),
                        Map.entry("settings", "設定"),
                        Map.entry("emailAddresses", "メールアドレス"),
                        Map.entry("talkRequests", "話したいことの連絡"),
                        Map.entry("attendeeConfirmations", "会場案内の記録"),
                        Map.entry("consentRecords", "同意の記録"))
                : Map.of();
        List<Line> lines = new ArrayList<>();
        for (String service : List.of("registration", "childcare-booking", "notification", "event")) {
            JsonObject kinds = erased == null ? null : erased.getJsonObject(service);
            if (kinds == null) {
                continue;
            }
            for (String kind : kinds.fieldNames()) {
                Object count = kinds.getValue(kind);
                if (count instanceof Number n && n.intValue() > 0) {
                    lines.add(new Line(names.getOrDefault(kind, kind), String.valueOf(n.intValue())));
                }
            }
        }
        lines.add(new Line(ja ? "アカウント" : "Account", "1"));
        return lines;
    }
}
