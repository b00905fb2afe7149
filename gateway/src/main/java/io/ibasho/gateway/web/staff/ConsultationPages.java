package io.ibasho.gateway.web.staff;

import io.ibasho.gateway.BrowserSessions;
import io.ibasho.gateway.FormBody;
import io.ibasho.gateway.web.PageFlow;
import io.ibasho.gateway.web.PageFlow.Html;
import io.ibasho.gateway.web.PageFlow.Redirect;
import io.ibasho.gateway.web.PageFlow.Result;
import io.ibasho.gateway.web.PageFlow.Visit;
import io.ibasho.gateway.web.Roles;
import io.ibasho.gateway.web.ServiceCalls;
import io.ibasho.gateway.web.TalkPages;
import io.ibasho.gateway.web.TalkText;
import io.ibasho.gateway.web.Wording;
import io.quarkus.qute.TemplateData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The consultation staff's list of their organisation's requests to talk: how and when to reach each woman, her short
 * note, acknowledge (she is told neutrally) and close. The notification service decides who may see what and audits
 * every read; this page shows only what it answers. Only for the consultation role: organisers and carers get 403.
 */
@ApplicationScoped
public class ConsultationPages {
    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    @TemplateData
    public record Request(
            String id,
            String reference,
            String received,
            String how,
            String when,
            String note,
            String status,
            boolean open) {}

    void routes(@Observes Router router) {
        router.get("/staff/consultation").order(900).handler(ctx -> flow.page(ctx, true, this::list));
        router.post("/staff/consultation/organisation")
                .order(899)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, v -> describe(v, form))));
        router.post("/staff/consultation/:id/:action")
                .order(900)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, v -> act(v, form))));
    }

    private Uni<Result> list(Visit v) {
        if (!v.hasRole(Roles.CONSULTATION)) {
            return Uni.createFrom().item(PageFlow.notAllowed());
        }
        Map<String, String> tt = TalkText.of(v.language());
        Uni<ServiceCalls.Answer> requests =
                services.get("notification", "/api/notifications/consultation/requests", v.token());
        Uni<ServiceCalls.Answer> listing =
                services.get("notification", "/api/notifications/consultation/organisation", v.token());
        return Uni.combine().all().unis(requests, listing).asTuple().map(both -> {
            ServiceCalls.Answer answer = both.getItem1();
            if (!answer.ok()) {
                return PageFlow.errorPage(answer.status() == 403 ? 403 : 503);
            }
            List<Request> list = answer.array().stream()
                    .filter(JsonObject.class::isInstance)
                    .map(JsonObject.class::cast)
                    .map(r -> request(r, tt, v))
                    .toList();
            String done = v.ctx().request().getParam("done");
            Map<String, Object> data = new HashMap<>();
            data.put("nav", "staff-consultation");
            data.put("tt", tt);
            data.put("requests", list);
            JsonObject own = both.getItem2().ok() ? both.getItem2().object() : new JsonObject();
            data.put(
                    "listing",
                    Map.of(
                            "nameJa", own.getString("nameJa", ""),
                            "nameEn", own.getString("nameEn", ""),
                            "accepting", own.getBoolean("acceptsRequests", false),
                            "listed", own.getString("nameJa") != null));
            data.put(
                    "message",
                    "acknowledged".equals(done)
                                    || "closed".equals(done)
                                    || "failed".equals(done)
                                    || "saved".equals(done)
                            ? tt.get(done)
                            : "");
            return (Result) new Html(200, "staff/consultation", data);
        });
    }

    private static Request request(JsonObject r, Map<String, String> tt, Visit v) {
        String status = r.getString("status", "");
        return new Request(
                r.getString("id"),
                r.getString("reference", ""),
                Wording.when(PageFlow.time(r.getString("createdAt")), null, v.language()),
                // LINE: only that she chose it; her LINE account is never in what the service answers
                "line".equals(r.getString("channel")) ? tt.get("howLineStaff") : TalkPages.how(r, tt),
                TalkPages.when(r, tt),
                r.getString("note", ""),
                tt.getOrDefault("staff" + status, status),
                "OPEN".equals(status));
    }

    /** Their organisation's public names and whether requests are read now (the list she picks from). */
    private Uni<Result> describe(Visit v, MultiMap form) {
        if (!v.hasRole(Roles.CONSULTATION)) {
            return Uni.createFrom().item(PageFlow.notAllowed());
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(PageFlow.errorPage(403));
        }
        Map<String, Object> body = new HashMap<>();
        body.put("nameJa", PageFlow.trimmed(form.get("nameJa"), 200));
        body.put("nameEn", PageFlow.trimmed(form.get("nameEn"), 200));
        body.put("accepting", "on".equals(form.get("accepting")));
        return services.put(
                        "notification",
                        "/api/notifications/consultation/organisation",
                        v.token(),
                        body,
                        v.ctx().request())
                .map(answer -> (Result) new Redirect("/staff/consultation?done=" + (answer.ok() ? "saved" : "failed")));
    }

    private Uni<Result> act(Visit v, MultiMap form) {
        if (!v.hasRole(Roles.CONSULTATION)) {
            return Uni.createFrom().item(PageFlow.notAllowed());
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(PageFlow.errorPage(403));
        }
        UUID id = PageFlow.uuid(v.ctx().pathParam("id"));
        String action = v.ctx().pathParam("action");
        if (id == null || !("acknowledge".equals(action) || "close".equals(action))) {
            return Uni.createFrom().item(PageFlow.errorPage(404));
        }
        return services.post(
                        "notification",
                        "/api/notifications/consultation/requests/" + id + "/" + action,
                        v.token(),
                        null,
                        null,
                        v.ctx().request())
                .map(answer -> {
                    if (answer.status() == 404) {
                        return PageFlow.errorPage(404);
                    }
                    String done = !answer.ok() ? "failed" : "acknowledge".equals(action) ? "acknowledged" : "closed";
                    return (Result) new Redirect("/staff/consultation?done=" + done);
                });
    }
}
