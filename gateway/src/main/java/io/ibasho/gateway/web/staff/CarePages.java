package io.ibasho.gateway.web.staff;

import static io.ibasho.gateway.web.PageFlow.errorPage;
import static io.ibasho.gateway.web.PageFlow.uuid;

import io.ibasho.gateway.web.Language;
import io.ibasho.gateway.web.PageFlow;
import io.ibasho.gateway.web.PageFlow.Html;
import io.ibasho.gateway.web.PageFlow.Result;
import io.ibasho.gateway.web.PageFlow.Visit;
import io.ibasho.gateway.web.Roles;
import io.ibasho.gateway.web.ServiceCalls;
import io.smallrye.mutiny.Uni;
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
import java.util.function.Function;

/**
 * Childcare staff: the sessions of their organisation with childcare, and the care sheet of one (children by age band,
 * carers needed, each child's age, the nickname and notes the mother chose to give). Never a mother's contact or name:
 * the childcare-booking service has none to give, and it records every sheet read (who, when, why).
 */
@ApplicationScoped
public class CarePages {
    /** The reason recorded with every care-sheet read by the childcare-booking service. */
    static final String AUDIT_REASON = "care sheet";
    /** The upcoming sessions with childcare looked at for the list (the next few weeks of a busy organisation). */
    static final int LIST_SIZE = 30;

    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    void routes(@Observes Router router) {
        router.get("/staff/care").order(900).handler(ctx -> flow.page(ctx, true, carer(this::list)));
        router.get("/staff/care/:id").order(900).handler(ctx -> flow.page(ctx, true, carer(this::sheet)));
    }

    static Function<Visit, Uni<Result>> carer(Function<Visit, Uni<Result>> page) {
        return v -> v.hasRole(Roles.CHILDCARE_STAFF)
                ? page.apply(v)
                : Uni.createFrom().item(PageFlow.notAllowed());
    }

    /**
     * The public upcoming sessions with childcare, each asked for its childcare summary: the service answers only for
     * the carer's own organisation, so the others drop out.
     */
    private Uni<Result> list(Visit v) {
        return services.get("event", "/api/events/sessions?childcareOffered=true&size=" + LIST_SIZE, null)
                .flatMap(found -> {
                    if (!found.ok()) {
                        return Uni.createFrom().item(errorPage(503));
                    }
                    List<JsonObject> sessions = found.array().stream()
                            .filter(JsonObject.class::isInstance)
                            .map(JsonObject.class::cast)
                            .toList();
                    if (sessions.isEmpty()) {
                        return Uni.createFrom().item(listPage(v, List.of()));
                    }
                    List<Uni<StaffViews.CareRow>> rows = sessions.stream()
                            .map(s -> services.get(
                                            "childcare-booking",
                                            "/api/childcare/sessions/" + s.getString("id"),
                                            v.token())
                                    .map(a -> a.ok() ? careRow(s, a.object(), v.language()) : null)
                                    .onFailure()
                                    .recoverWithNull())
                            .toList();
                    return Uni.join()
                            .all(rows)
                            .andCollectFailures()
                            .map(all -> listPage(
                                    v,
                                    all.stream()
                                            .filter(java.util.Objects::nonNull)
                                            .toList()));
                });
    }

    private static Result listPage(Visit v, List<StaffViews.CareRow> rows) {
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "staff-care");
        data.put("st", StaffText.of(v.language()));
        data.put("rows", rows);
        return new Html(200, "staff/care", data);
    }

    private Uni<Result> sheet(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        Uni<JsonObject> session =
                services.get("event", "/api/events/sessions/" + id, null).map(a -> a.ok() ? a.object() : null);
        Uni<ServiceCalls.Answer> sheet = services.get(
                "childcare-booking",
                "/api/childcare/sessions/" + id + "/care-sheet?reason=" + PageFlow.enc(AUDIT_REASON),
                v.token());
        return Uni.combine().all().unis(session, sheet).asTuple().map(both -> {
            ServiceCalls.Answer answer = both.getItem2();
            if (both.getItem1() == null || answer.status() == 404 || answer.status() == 400) {
                return errorPage(404);
            }
            if (!answer.ok()) {
                return errorPage(answer.status() == 403 ? 403 : 503);
            }
            JsonObject body = answer.object();
            JsonObject summary = body.getJsonObject("summary", new JsonObject());
            Map<String, Object> data = new HashMap<>();
            data.put("nav", "staff-care");
            data.put("st", StaffText.of(v.language()));
            data.put("session", StaffViews.row(both.getItem1(), v.language()));
            data.put("row", careRow(both.getItem1(), summary, v.language()));
            data.put("bands", bands(summary, v.language()));
            data.put("children", children(body.getJsonArray("children", new JsonArray()), v.language()));
            return (Result) new Html(200, "staff/care-sheet", data);
        });
    }

    static StaffViews.CareRow careRow(JsonObject session, JsonObject summary, Language language) {
        StaffViews.SessionRow row = StaffViews.row(session, language);
        int carers = summary.getInteger("carers", 0);
        int needed = summary.getInteger("carersNeeded", 0);
        boolean ja = language == Language.JA;
        String carersText = ja
                ? "保育者 " + carers + "人（必要 " + needed + "人）"
                : StaffText.count(carers, "carer", "carers") + " (" + needed + " needed)";
        if (summary.getInteger("carersShort", 0) > 0) {
            carersText += ja
                    ? "・" + summary.getInteger("carersShort") + "人不足"
                    : ", " + summary.getInteger("carersShort") + " short";
        }
        return new StaffViews.CareRow(
                row.id(),
                row.title(),
                row.when(),
                ja
                        ? "子ども " + summary.getInteger("totalChildren", 0) + "人"
                        : StaffText.count(summary.getInteger("totalChildren", 0), "child", "children"),
                carersText,
                summary.getInteger("carersShort", 0) > 0 || Boolean.TRUE.equals(summary.getValue("overCapacity")));
    }

    static List<StaffViews.Band> bands(JsonObject summary, Language language) {
        List<StaffViews.Band> bands = new ArrayList<>();
        for (Object o : summary.getJsonArray("childrenByBand", new JsonArray())) {
            if (o instanceof JsonObject b) {
                bands.add(StaffViews.Band.of(b.getString("ages", ""), b.getInteger("children", 0), language));
            }
        }
        return bands;
    }

    /** Each child's age in words (3歳, 3 years), and its band beside it only when the band is wider than the age. */
    static List<StaffViews.Child> children(JsonArray children, Language language) {
        List<StaffViews.Child> list = new ArrayList<>();
        for (Object o : children) {
            if (o instanceof JsonObject c) {
                int age = c.getInteger("ageYears", 0);
                String band = c.getString("ageBand", "");
                list.add(new StaffViews.Child(
                        c.getInteger("family", 0),
                        io.ibasho.gateway.web.Wording.age(age, language),
                        band.isBlank() || band.equals(String.valueOf(age)) ? null : StaffViews.ageBand(band, language),
                        c.getString("childNickname", ""),
                        c.getString("careNotes", ""),
                        c.getString("dropInCode")));
            }
        }
        return list;
    }
}
