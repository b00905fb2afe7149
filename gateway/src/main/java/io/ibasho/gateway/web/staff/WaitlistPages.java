package io.ibasho.gateway.web.staff;

import static io.ibasho.gateway.web.PageFlow.errorPage;
import static io.ibasho.gateway.web.PageFlow.uuid;

import io.ibasho.gateway.web.Language;
import io.ibasho.gateway.web.PageFlow;
import io.ibasho.gateway.web.PageFlow.Html;
import io.ibasho.gateway.web.PageFlow.Result;
import io.ibasho.gateway.web.PageFlow.Visit;
import io.ibasho.gateway.web.ServiceCalls;
import io.ibasho.gateway.web.Wording;
import io.quarkus.qute.TemplateData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who waits for a session (nickname and place, a lottery's reserve list by its published numbers) and the offers out
 * with their deadlines. Read from registration's roster, which audits every read (reason {@value #AUDIT_REASON}): it
 * holds nicknames.
 */
@ApplicationScoped
public class WaitlistPages {
    static final String AUDIT_REASON = "waitlist";

    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    @TemplateData
    public record Waiting(String place, String nickname) {}

    @TemplateData
    public record Offer(String nickname, String until) {}

    void routes(@Observes Router router) {
        router.get("/staff/sessions/:id/waitlist")
                .order(900)
                .handler(ctx -> flow.page(ctx, true, OrganiserSessionPages.organiser(this::waitlist)));
    }

    private Uni<Result> waitlist(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        Uni<JsonObject> session = services.get("event", "/api/events/sessions/" + id + "/manage", v.token())
                .map(a -> a.ok() ? a.object() : null);
        Uni<ServiceCalls.Answer> roster = services.get(
                "registration", "/api/registrations/sessions/" + id + "/roster?reason=" + AUDIT_REASON, v.token());
        return Uni.combine().all().unis(session, roster).asTuple().map(both -> {
            JsonObject s = both.getItem1();
            ServiceCalls.Answer answer = both.getItem2();
            if (s == null || answer.status() == 404) {
                return errorPage(404);
            }
            if (!answer.ok()) {
                return errorPage(answer.status() == 403 ? 403 : 503);
            }
            JsonArray entries = answer.object().getJsonArray("entries", new JsonArray());
            Map<String, Object> data = new HashMap<>();
            data.put("nav", "staff-sessions");
            data.put("st", StaffText.of(v.language()));
            data.put("session", StaffViews.row(s, v.language()));
            data.put("waiting", waiting(entries));
            data.put("offers", offers(entries, v.language()));
            return (Result) new Html(200, "staff/waitlist", data);
        });
    }

    static List<Waiting> waiting(JsonArray entries) {
        return entries.stream()
                .map(JsonObject.class::cast)
                .filter(e -> "waitlisted".equals(e.getString("status")))
                .sorted(Comparator.comparing(e -> e.getInteger("position", Integer.MAX_VALUE)))
                .map(e -> new Waiting(
                        e.getValue("position") == null ? "" : String.valueOf(e.getValue("position")),
                        e.getString("nickname", "")))
                .toList();
    }

    static List<Offer> offers(JsonArray entries, Language language) {
        return entries.stream()
                .map(JsonObject.class::cast)
                .filter(e -> "offered".equals(e.getString("status")))
                .sorted(Comparator.comparing(e -> e.getString("offerExpiresAt", "")))
                .map(e -> {
                    OffsetDateTime until = PageFlow.time(e.getString("offerExpiresAt"));
                    return new Offer(
                            e.getString("nickname", ""), until == null ? "" : Wording.when(until, null, language));
                })
                .toList();
    }
}
