package io.ibasho.gateway.recovery;

import io.ibasho.gateway.BearerIdentities;
import io.ibasho.gateway.BrowserSessions;
import io.ibasho.gateway.FormBody;
import io.ibasho.gateway.Gateway;
import io.ibasho.gateway.web.PageFlow;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Account recovery in the web app (issue #18, docs/adr/0019):
 *
 * <ul>
 *   <li>{@code /app/recover}: no sign-in, with the quick exit like every page; her username, one recovery code and a
 *       new password. A wrong, used or unknown code and an unknown username get one and the same answer.
 *   <li>{@code /app/settings/recovery}: how many codes she has left, and new ones (shown once, replacing the old) after
 *       a sign-in within the last minutes.
 *   <li>{@code POST /api/me/recovery-codes}: the same new codes for a verified bearer token with a recent
 *       {@code auth_time}.
 * </ul>
 */
@ApplicationScoped
public class RecoveryPages {
    static final Duration MAX_SIGN_IN_AGE = Duration.ofMinutes(10);

    @Inject
    PageFlow flow;

    @Inject
    AccountRecovery recovery;

    @Inject
    BearerIdentities identities;

    @Inject
    Gateway gateway;

    @Inject
    Clock clock;

    void routes(@Observes Router router) {
        router.get("/app/recover").order(899).handler(ctx -> flow.page(ctx, false, v -> form(null, 200)));
        router.post("/app/recover")
                .order(899)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, false, v -> recover(v, form))));
        router.get("/app/settings/recovery").order(899).handler(ctx -> flow.page(ctx, true, this::settings));
        router.post("/app/settings/recovery")
                .order(899)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, v -> issue(v, form))));
        router.post("/api/me/recovery-codes").order(900).handler(this::issueByApi);
    }

    private static Uni<PageFlow.Result> form(String error, int status) {
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "");
        data.put("done", false);
        data.put("error", error == null ? "" : error);
        return Uni.createFrom().item(new PageFlow.Html(status, "recover", data));
    }

    private Uni<PageFlow.Result> recover(PageFlow.Visit v, MultiMap form) {
        String password = form.get("password");
        if (password == null || !password.equals(form.get("password2"))) {
            return form(v.ja() ? "新しいパスワードが2回とも同じになるように入力してください。" : "Type the same new password twice.", 422);
        }
        return gateway.rateLimit("POST", "/app/recover", null, v.ctx().request())
                .flatMap(wait -> {
                    if (wait.isPresent()) {
                        v.ctx()
                                .response()
                                .putHeader(
                                        "Retry-After",
                                        Long.toString(Math.max(1, wait.get().toSeconds())));
                        return form(v.ja() ? "回数が多すぎます。しばらくしてからお試しください。" : "Too many tries. Please wait a while.", 429);
                    }
                    return recovery.recover(form.get("username"), form.get("code"), password)
                            .flatMap(outcome -> switch (outcome) {
                                case RECOVERED -> {
                                    Map<String, Object> data = new HashMap<>();
                                    data.put("nav", "");
                                    data.put("done", true);
                                    data.put("error", "");
                                    yield Uni.createFrom()
                                            .item((PageFlow.Result) new PageFlow.Html(200, "recover", data));
                                }
                                case WRONG_CODE ->
                                    form(
                                            v.ja()
                                                    ? "ニックネームか回復コードが違うか、そのコードはもう使われています。" + "まだ使っていない別のコードでお試しください。"
                                                    : "The nickname or the recovery code is not right, or the code was"
                                                            + " already used. Try another code you have not used.",
                                            422);
                                case PASSWORD_REFUSED ->
                                    form(
                                            v.ja()
                                                    ? "新しいパスワードは10文字以上で、ニックネームと違うものにしてください。コードはまだ使えます。"
                                                    : "The new password needs at least 10 characters and must differ from"
                                                            + " your nickname. Your code is still valid.",
                                            422);
                                case UNAVAILABLE ->
                                    form(
                                            v.ja()
                                                    ? "いまは設定できませんでした。しばらくしてからお試しください。"
                                                    : "This could not be done just now; please try again later.",
                                            503);
                            });
                });
    }

    private Uni<PageFlow.Result> settings(PageFlow.Visit v) {
        String userId = subject(v);
        return recovery.remaining(userId)
                .map(count -> (PageFlow.Result) new PageFlow.Html(200, "recovery", view(v, count, List.of(), "")))
                .onFailure()
                .recoverWithItem(failure -> PageFlow.errorPage(503));
    }

    private Uni<PageFlow.Result> issue(PageFlow.Visit v, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(PageFlow.errorPage(403));
        }
        if (!recent(v.identity().getPrincipal() instanceof JsonWebToken jwt ? jwt : null)) {
            return recovery.remaining(subject(v)).map(count ->
                    (PageFlow.Result) new PageFlow.Html(403, "recovery", view(v, count, List.of(), "")));
        }
        return recovery.issue(subject(v))
                .map(codes -> {
                    v.ctx().response().putHeader("Cache-Control", "no-store");
                    return (PageFlow.Result) new PageFlow.Html(200, "recovery", view(v, codes.size(), codes, ""));
                })
                .onFailure()
                .recoverWithItem(failure -> PageFlow.errorPage(503));
    }

    private Map<String, Object> view(PageFlow.Visit v, int remaining, List<String> codes, String error) {
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "settings");
        data.put("remaining", remaining);
        data.put("codes", codes);
        data.put("recentSignIn", recent(v.identity().getPrincipal() instanceof JsonWebToken jwt ? jwt : null));
        data.put("maxMinutes", MAX_SIGN_IN_AGE.toMinutes());
        data.put("error", error);
        return data;
    }

    private void issueByApi(RoutingContext ctx) {
        String token = BearerIdentities.bearerToken(ctx.request().getHeader("Authorization"));
        identities.verifiedToken(token).subscribe().with(jwt -> {
            if (jwt.isEmpty()) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
                problem(ctx, 401, "unauthorized", "Sign in: only she can make her recovery codes.");
                return;
            }
            if (!recent(jwt.get())) {
                problem(
                        ctx,
                        403,
                        "reauthentication-required",
                        "Sign in again (with your password) and make new codes within " + MAX_SIGN_IN_AGE.toMinutes()
                                + " minutes.");
                return;
            }
            recovery.issue(jwt.get().getSubject())
                    .subscribe()
                    .with(
                            codes -> ctx.response()
                                    .putHeader("Content-Type", "application/json")
                                    .putHeader("Cache-Control", "no-store")
                                    .end(new JsonObject()
                                            .put("codes", new JsonArray(codes))
                                            .encode()),
                            failure -> problem(
                                    ctx,
                                    503,
                                    "service-unavailable",
                                    "No codes could be made just now; please try again."));
        });
    }

    /** A phone left signed in must not be enough to replace her codes: her sign-in itself must be recent. */
    private boolean recent(JsonWebToken jwt) {
        if (jwt == null) {
            return false;
        }
        Object authTime = jwt.getClaim("auth_time");
        if (authTime == null || !authTime.toString().matches("\\d{1,12}")) {
            return false;
        }
        return !Instant.ofEpochSecond(Long.parseLong(authTime.toString()))
                .isBefore(clock.instant().minus(MAX_SIGN_IN_AGE));
    }

    private static String subject(PageFlow.Visit v) {
        return v.identity().getPrincipal() instanceof JsonWebToken jwt ? jwt.getSubject() : null;
    }

    private static void problem(RoutingContext ctx, int status, String type, String detail) {
        if (ctx.response().headWritten()) {
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject()
                        .put("type", "https://ibasho.example/problems/" + type)
                        .put("title", status == 401 ? "Unauthorized" : status == 403 ? "Forbidden" : "Unavailable")
                        .put("status", status)
                        .put("detail", detail)
                        .put("instance", ctx.normalizedPath())
                        .encode());
    }
}
