package io.ibasho.gateway.web.staff;

import static io.ibasho.gateway.web.PageFlow.errorPage;
import static io.ibasho.gateway.web.PageFlow.uuid;

import io.ibasho.gateway.BrowserSessions;
import io.ibasho.gateway.FormBody;
import io.ibasho.gateway.web.Language;
import io.ibasho.gateway.web.PageFlow;
import io.ibasho.gateway.web.PageFlow.Html;
import io.ibasho.gateway.web.PageFlow.Redirect;
import io.ibasho.gateway.web.PageFlow.Result;
import io.ibasho.gateway.web.PageFlow.Visit;
import io.ibasho.gateway.web.ServiceCalls;
import io.ibasho.gateway.web.Wording;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A lottery from the organiser's screen: the policy and the seed commitment (public from the moment applications
 * open), the number of applications, a dry run with a throwaway seed, the draw, its audit record and results, and
 * "check this draw", which runs registration's verifier on the published file and says the result in words.
 */
@ApplicationScoped
public class LotteryPages {
    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    void routes(@Observes Router router) {
        router.get("/staff/sessions/:id/lottery")
                .order(900)
                .handler(ctx -> flow.page(ctx, true, OrganiserSessionPages.organiser(this::lotteryAfterRedirect)));
        router.post("/staff/sessions/:id/lottery/:action")
                .order(900)
                .handler(ctx -> FormBody.read(
                        ctx, form -> flow.page(ctx, true, OrganiserSessionPages.organiser(v -> action(v, form)))));
    }

    /**
     * The page, with what a redirected form left in the query: {@code done=drawn}, a refusal's problem type, or a dry
     * run's counts ({@code preview=3.2}: winners and reserve, numbers only, nothing about who applied).
     */
    private Uni<Result> lotteryAfterRedirect(Visit v) {
        var request = v.ctx().request();
        String message = null;
        if ("drawn".equals(request.getParam("done"))) {
            message = v.ja() ? "抽選しました。" : "Drawn.";
        } else if (request.getParam("problem") != null) {
            message = StaffProblems.say(StaffProblems.LOTTERY, request.getParam("problem"), 409, v.language());
        }
        String preview = previewWords(request.getParam("preview"), v.language());
        return lottery(v, message, preview == null ? null : Map.of("preview", preview), 200);
    }

    /** A dry run's counts carried across the redirect as {@code winners.reserve}, in words; null when not one. */
    static String previewWords(String counts, Language language) {
        if (counts == null || !counts.matches("\\d{1,6}\\.\\d{1,6}")) {
            return null;
        }
        String winners = counts.substring(0, counts.indexOf('.'));
        String reserve = counts.substring(counts.indexOf('.') + 1);
        return language == Language.JA
                ? "試しの抽選（本番ではありません）: 当選 " + winners + "人、補欠 " + reserve + "人。本番の抽選は、公開した種で行います。"
                : "Dry run (not the real draw): " + winners + " would win, " + reserve
                        + " on the reserve list. The real draw uses the committed seed.";
    }

    private Uni<Result> lottery(Visit v, String message, Map<String, Object> extra, int status) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        String base = "/api/registrations/sessions/" + id + "/lottery";
        Uni<JsonObject> session = services.get("event", "/api/events/sessions/" + id + "/manage", v.token())
                .map(a -> a.ok() ? a.object() : null);
        Uni<ServiceCalls.Answer> info = services.get("registration", base, v.token());
        Uni<ServiceCalls.Answer> record = services.get("registration", base + "/draw", v.token());
        // how many applied so far is hers alone to read (the public lottery facts leave it out: docs/adr/0086)
        Uni<JsonObject> counts = services.get(
                        "registration", "/api/registrations/seat-counts?sessionId=" + id, v.token())
                .map(a -> a.ok() && a.array().size() == 1 ? a.array().getJsonObject(0) : null)
                .onFailure()
                .recoverWithNull();
        return Uni.combine().all().unis(session, info, record, counts).asTuple().map(all -> {
            JsonObject s = all.getItem1();
            ServiceCalls.Answer lottery = all.getItem2();
            if (s == null || lottery.status() == 404) {
                return errorPage(404);
            }
            if (!lottery.ok()) {
                return errorPage(lottery.status() == 403 ? 403 : 503);
            }
            Map<String, Object> data = new HashMap<>();
            data.put("nav", "staff-sessions");
            data.put("st", StaffText.of(v.language()));
            data.put("session", StaffViews.row(s, v.language()));
            JsonObject l = lottery.object();
            data.put(
                    "facts",
                    facts(l, all.getItem3().ok() ? all.getItem3().object() : null, all.getItem4(), v.language()));
            data.put("commitment", l.getString("commitment", ""));
            data.put("drawn", Boolean.TRUE.equals(l.getValue("drawn")));
            data.put("message", message);
            data.put("preview", null);
            data.put("check", null);
            data.put("checkOk", false);
            if (extra != null) {
                data.putAll(extra);
            }
            return (Result) new Html(status, "staff/lottery", data);
        });
    }

    private Uni<Result> action(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        String action = v.ctx().pathParam("action");
        if (id == null || !List.of("preview", "draw", "check").contains(action)) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        String base = "/api/registrations/sessions/" + id + "/lottery";
        return switch (action) {
            // post-redirect-get: Back and reload never send a dry run or the draw again
            case "preview" ->
                services.get("registration", base + "/preview", v.token())
                        .map(answer -> answer.ok()
                                ? redirect(
                                        id,
                                        "preview=" + size(answer.object(), "provisionalWinners") + "."
                                                + size(answer.object(), "provisionalReserve"))
                                : refused(id, answer));
            case "draw" ->
                services.post(
                                "registration",
                                base + "/draw",
                                v.token(),
                                null,
                                UUID.randomUUID().toString(),
                                v.ctx().request())
                        .map(answer -> answer.ok() || "already-drawn".equals(answer.problem())
                                ? redirect(id, "done=drawn")
                                : refused(id, answer));
            default ->
                LotteryCheck.run(
                        services,
                        v,
                        base,
                        answer -> StaffProblems.say(StaffProblems.LOTTERY, answer, v.language()),
                        (message, extra, status) -> lottery(v, message, extra, status));
        };
    }

    private static Result redirect(UUID session, String query) {
        return new Redirect("/staff/sessions/" + session + "/lottery?" + query);
    }

    private static Result refused(UUID session, ServiceCalls.Answer answer) {
        String type = StaffProblems.LOTTERY.containsKey(answer.problem())
                ? answer.problem()
                : answer.status() >= 500 || answer.status() == 429 ? "upstream-unavailable" : "validation";
        return redirect(session, "problem=" + type);
    }

    /** The verifier's answer in words an organiser can repeat to an applicant who asks. */
    static String verdict(boolean ok, String failedCheck, String message, Language language) {
        boolean ja = language == Language.JA;
        if (ok) {
            return ja
                    ? "確かめました。公開された種は最初に公開したコミットメントと一致し、申込の内容も締切時のままで、その種から同じ当選順が出ました。この抽選は正しく行われています。"
                    : "Checked. The revealed seed matches the commitment published at the start, the applications are those"
                            + " fingerprinted at the deadline, and the seed gives the same order. This draw is sound.";
        }
        String what = switch (failedCheck == null ? "" : failedCheck) {
            case "COMMITMENT" -> ja ? "種が、最初に公開したコミットメントと一致しません。" : "The seed does not match the commitment.";
            case "INPUT_DIGEST" -> ja ? "申込の内容が、締切時の記録と違います。" : "The applications differ from those at the deadline.";
            case "ORDER" -> ja ? "公開された当選順が、種から出る順番と違います。" : "The published order is not the order the seed gives.";
            default -> ja ? "公開されたファイルを確かめられませんでした。" : "The published file could not be checked.";
        };
        return (ja ? "確かめた結果、問題がありました: " : "The check failed: ") + what + (message == null ? "" : " (" + message + ")");
    }

    /** {@code counts}: her seat-counts of this session (its applications before the draw), or null when unknown. */
    static List<StaffViews.Count> facts(JsonObject lottery, JsonObject record, JsonObject counts, Language language) {
        boolean ja = language == Language.JA;
        List<StaffViews.Count> facts = new ArrayList<>();
        JsonObject policy = lottery.getJsonObject("policy", new JsonObject());
        facts.add(new StaffViews.Count(
                "deadline",
                ja ? "申込締切" : "Applications close",
                Wording.when(PageFlow.time(lottery.getString("applicationClosesAt")), null, language)));
        boolean drawn = Boolean.TRUE.equals(lottery.getValue("drawn"));
        if (!drawn) { // after the draw the results say it; the service counts applications until then
            facts.add(new StaffViews.Count(
                    "applications",
                    ja ? "申込 / 定員" : "Applications / seats",
                    (counts != null && counts.getValue("applications") instanceof Number n ? n.toString() : "—") + " / "
                            + policy.getValue("seats")));
        }
        String state = !drawn
                ? (ja ? "未抽選" : "Not drawn yet")
                : "DONE".equals(lottery.getString("allocation"))
                        // the winners are decided; seats may stay empty when fewer applied than there are seats
                        ? (ja ? "抽選済み（当選者決定）" : "Drawn; winners decided")
                        : (ja ? "抽選済み（託児の確認中）" : "Drawn; childcare still being asked");
        facts.add(new StaffViews.Count("state", ja ? "状態" : "State", state));
        if (record != null && record.getString("drawnAt") != null) {
            facts.add(new StaffViews.Count(
                    "drawn-at",
                    ja ? "抽選日時" : "Drawn at",
                    Wording.when(PageFlow.time(record.getString("drawnAt")), null, language)));
            facts.add(new StaffViews.Count(
                    "results",
                    ja ? "結果" : "Results",
                    ja
                            ? "当選 " + record.getValue("winners") + "人・補欠 " + record.getValue("reserve") + "人"
                            : record.getValue("winners") + " won, " + record.getValue("reserve")
                                    + " on the reserve list"));
            facts.add(new StaffViews.Count("seed", ja ? "公開した種" : "Revealed seed", record.getString("seed", "")));
            facts.add(new StaffViews.Count(
                    "input-digest", ja ? "申込内容の指紋" : "Input digest", record.getString("inputDigest", "")));
        }
        return facts;
    }

    private static int size(JsonObject o, String key) {
        return o.getValue(key) instanceof JsonArray a ? a.size() : 0;
    }
}
