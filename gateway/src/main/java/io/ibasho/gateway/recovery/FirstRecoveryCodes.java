package io.ibasho.gateway.recovery;

import io.ibasho.gateway.BrowserSessions;
import io.ibasho.gateway.FormBody;
import io.ibasho.gateway.web.PageFlow;
import io.ibasho.gateway.web.Wording;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Her recovery codes, shown once right after she registered (issue #18, docs/adr/0019): when she lands back from
 * Keycloak and her account was never given codes, ten are made (the sign-in is seconds old) and shown in place of
 * the page she was going to, with a confirmation that she noted them; then on to that page. Never again: later she
 * makes new ones in settings, which voids these.
 */
@ApplicationScoped
public class FirstRecoveryCodes {
    static final String ATTENDEE = "attendee";

    @Inject
    PageFlow flow;

    @Inject
    AccountRecovery recovery;

    void routes(@Observes Router router) {
        router.post("/app/welcome/codes")
                .order(899)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, v -> confirmed(v, form))));
    }

    /** Back from Keycloak: her first codes if she never had any, else straight on to {@code next}. */
    public void landed(RoutingContext ctx, String next) {
        flow.page(ctx, false, v -> {
            String userId = v.identity() != null && v.identity().getPrincipal() instanceof JsonWebToken jwt
                    ? jwt.getSubject()
                    : null;
            // staff, partners and admins are not attendees (ADR 0008): their accounts are managed by their organisation
            if (!v.signedIn() || userId == null || !v.hasRole(ATTENDEE) || v.staff()) {
                return Uni.createFrom().item(new PageFlow.Redirect(next));
            }
            return recovery.issueFirst(userId)
                    .map(codes -> {
                        if (codes.isEmpty()) {
                            return (PageFlow.Result) new PageFlow.Redirect(next);
                        }
                        v.ctx().response().putHeader("Cache-Control", "no-store");
                        return (PageFlow.Result) new PageFlow.Html(200, "welcome-codes", view(codes, next, ""));
                    })
                    // Keycloak unreachable: her sign-in is not held up; she can make codes in settings later
                    .onFailure()
                    .recoverWithItem(failure -> new PageFlow.Redirect(next));
        });
    }

    private Uni<PageFlow.Result> confirmed(PageFlow.Visit v, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(PageFlow.errorPage(403));
        }
        String next = Wording.isLocalPath(form.get("next")) ? form.get("next") : "/";
        if (!"yes".equals(form.get("noted"))) {
            // the codes are not shown again (only their hashes are kept): she can make new ones in settings
            return Uni.createFrom()
                    .item(new PageFlow.Html(
                            422,
                            "welcome-codes",
                            view(
                                    List.of(),
                                    next,
                                    v.ja()
                                            ? "控えていない場合は、設定の「回復コード」で新しいコードを作ってください（このコードは使えなくなります）。"
                                            : "If you have not noted them, make new codes in settings (Recovery codes);"
                                                    + " these then stop working.")));
        }
        return Uni.createFrom().item(new PageFlow.Redirect(next));
    }

    private static Map<String, Object> view(List<String> codes, String next, String error) {
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "");
        data.put("codes", codes);
        data.put("next", next);
        data.put("error", error);
        return data;
    }
}
