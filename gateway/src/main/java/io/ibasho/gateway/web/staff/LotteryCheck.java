package io.ibasho.gateway.web.staff;

import io.ibasho.gateway.web.PageFlow.Result;
import io.ibasho.gateway.web.PageFlow.Visit;
import io.ibasho.gateway.web.ServiceCalls;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * この抽選を確かめる, the same for a session's lottery and a course's: the published draw is fetched and handed to
 * registration's verifier, and its answer is put on the lottery page in words ({@link LotteryPages#verdict}).
 */
final class LotteryCheck {
    private LotteryCheck() {}

    /** Draws a lottery page again: with a message (a refusal), extra values (the verdict) and the status. */
    @FunctionalInterface
    interface LotteryPage {
        Uni<Result> show(String message, Map<String, Object> extra, int status);
    }

    /**
     * @param base    the lottery's registration path, e.g. {@code /api/registrations/sessions/{id}/lottery}
     * @param problem a refusal of registration in the page's words
     */
    static Uni<Result> run(
            ServiceCalls services,
            Visit v,
            String base,
            Function<ServiceCalls.Answer, String> problem,
            LotteryPage page) {
        return services.get("registration", base + "/published", v.token()).flatMap(published -> {
            if (!published.ok()) {
                return page.show(problem.apply(published), null, published.status() >= 500 ? 503 : 409);
            }
            return services.post(
                            "registration",
                            "/api/registrations/lottery/verify",
                            v.token(),
                            published.object(),
                            null,
                            v.ctx().request())
                    .flatMap(result -> {
                        if (!result.ok()) {
                            return page.show(problem.apply(result), null, result.status() >= 500 ? 503 : 422);
                        }
                        JsonObject r = result.object();
                        boolean ok = Boolean.TRUE.equals(r.getValue("ok"));
                        Map<String, Object> extra = new HashMap<>();
                        extra.put(
                                "check",
                                LotteryPages.verdict(
                                        ok, r.getString("failedCheck"), r.getString("message"), v.language()));
                        extra.put("checkOk", ok);
                        return page.show(null, extra, 200);
                    });
        });
    }
}
