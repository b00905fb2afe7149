package io.ibasho.gateway.web.staff;

import static io.ibasho.gateway.web.PageFlow.errorPage;

import io.ibasho.gateway.BrowserSessions;
import io.ibasho.gateway.FormBody;
import io.ibasho.gateway.web.PageFlow;
import io.ibasho.gateway.web.PageFlow.Html;
import io.ibasho.gateway.web.PageFlow.Redirect;
import io.ibasho.gateway.web.PageFlow.Result;
import io.ibasho.gateway.web.PageFlow.Visit;
import io.ibasho.gateway.web.ServiceCalls;
import io.ibasho.gateway.web.ServiceCalls.Answer;
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

/**
 * A partner group's contact for the weekly digest of its venues' schedule: the address (shown masked by the
 * notification service), proven with a 6-digit code, then the digest on or off and its language. The group comes from
 * the partner's token, so she only ever sees and sets her own group's contact.
 */
@ApplicationScoped
public class PartnerDigestPages {
    private static final List<String> DONE = List.of("code-sent", "verified", "saved");

    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    void routes(@Observes Router router) {
        router.get("/staff/partner/digest")
                .order(899)
                .handler(ctx -> flow.page(ctx, true, PartnerPages.partner(v -> page(v, Map.of(), 200))));
        router.post("/staff/partner/digest/:step")
                .order(899)
                .handler(ctx ->
                        FormBody.read(ctx, form -> flow.page(ctx, true, PartnerPages.partner(v -> step(v, form)))));
    }

    private Uni<Result> page(Visit v, Map<String, String> errors, int status) {
        return services.get("notification", "/api/notifications/partner-contact", v.token())
                .map(answer -> {
                    if (!answer.ok()) {
                        return errorPage(answer.status() == 403 ? 403 : 503);
                    }
                    JsonObject contact = answer.object();
                    Map<String, String> vt = VenueText.of(v.language());
                    Map<String, Object> data = new HashMap<>();
                    data.put("nav", "staff-partner");
                    data.put("st", StaffText.of(v.language()));
                    data.put("vt", vt);
                    data.put("address", contact.getString("emailAddress"));
                    data.put("verified", contact.getBoolean("emailVerified", false));
                    data.put("pending", contact.getString("pendingEmailAddress"));
                    data.put("wanted", contact.getBoolean("weeklyDigest", false));
                    String language = contact.getString("language", "ja");
                    data.put(
                            "languages",
                            List.of(
                                    new StaffViews.Option("ja", "日本語", "ja".equals(language)),
                                    new StaffViews.Option("en", "English", "en".equals(language))));
                    data.put("errors", errors);
                    data.put("addressError", errors.get("address"));
                    data.put("codeError", errors.get("code"));
                    data.put("wantedError", errors.get("weeklyDigest"));
                    String done = v.ctx().request().getParam("done");
                    data.put(
                            "message",
                            done == null || !DONE.contains(done)
                                    ? null
                                    : vt.get(
                                            switch (done) {
                                                case "code-sent" -> "digestCodeSent";
                                                case "verified" -> "digestVerified";
                                                default -> "digestSaved";
                                            }));
                    return (Result) new Html(status, "staff/partner-digest", data);
                });
    }

    private Uni<Result> step(Visit v, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        Map<String, String> vt = VenueText.of(v.language());
        String step = v.ctx().pathParam("step");
        return switch (step) {
            case "email" -> {
                String address = PageFlow.trimmed(form.get("address"), 254);
                if (address == null || !address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    yield page(v, Map.of("address", vt.get("digestBadAddress")), 422);
                }
                yield services.post(
                                "notification",
                                "/api/notifications/partner-contact/email",
                                v.token(),
                                new JsonObject().put("address", address),
                                null,
                                v.ctx().request())
                        .flatMap(answer -> answer.ok()
                                ? done("code-sent")
                                : answer.status() == 503
                                        ? page(v, Map.of("address", vt.get("digestMailDown")), 503)
                                        : refused(v, answer, "address", vt.get("digestBadAddress")));
            }
            case "verify" -> {
                String code = form.get("code") == null ? "" : form.get("code").strip();
                if (!code.matches("\\d{6}")) {
                    yield page(v, Map.of("code", vt.get("digestBadCode")), 422);
                }
                yield services.post(
                                "notification",
                                "/api/notifications/partner-contact/email/verify",
                                v.token(),
                                new JsonObject().put("code", code),
                                null,
                                v.ctx().request())
                        .flatMap(answer ->
                                answer.ok() ? done("verified") : refused(v, answer, "code", vt.get("digestBadCode")));
            }
            case "settings" -> {
                String language = "en".equals(form.get("language")) ? "en" : "ja";
                boolean wanted = "1".equals(form.get("weeklyDigest"));
                yield services.put(
                                "notification",
                                "/api/notifications/partner-contact",
                                v.token(),
                                new JsonObject().put("language", language).put("weeklyDigest", wanted),
                                v.ctx().request())
                        .flatMap(answer -> answer.ok()
                                ? done("saved")
                                : refused(v, answer, "weeklyDigest", vt.get("digestNeedsAddress")));
            }
            default -> Uni.createFrom().item(errorPage(404));
        };
    }

    private static Uni<Result> done(String what) {
        return Uni.createFrom().item(new Redirect("/staff/partner/digest?done=" + what));
    }

    /** A refusal she can act on is said beside the field; anything else is the error page. */
    private Uni<Result> refused(Visit v, Answer answer, String field, String message) {
        if (answer.status() == 403 || answer.status() == 404) {
            return Uni.createFrom().item(errorPage(answer.status()));
        }
        if (answer.status() == 429) {
            return Uni.createFrom().item(errorPage(429));
        }
        if (answer.status() >= 500 || answer.status() == 401) {
            return Uni.createFrom().item(errorPage(503));
        }
        return page(v, Map.of(field, message), 422);
    }
}
