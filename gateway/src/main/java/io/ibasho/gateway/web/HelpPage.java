package io.ibasho.gateway.web;

import io.ibasho.gateway.web.PageFlow.Result;
import io.ibasho.gateway.web.PageFlow.Visit;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * 相談窓口: the places the organisations point women to, readable without signing in and with the quick exit, so a
 * woman can look without leaving an account's trace. The places come from the event service's public support lines,
 * listed under each organisation's public name from the notification service's public list of organisations, with a
 * link to ask that organisation to talk where its consultation staff read requests now.
 */
@ApplicationScoped
public class HelpPage {
    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    void routes(@Observes Router router) {
        router.get("/help").order(900).handler(ctx -> flow.page(ctx, false, this::help));
    }

    /** One place to turn to, in her language (Japanese where no English was given, marked so). */
    @io.quarkus.qute.TemplateData
    public record Line(
            String name, String nameLang, String phone, String telHref, String hours, String helpsWith, String lang) {}

    /**
     * One organisation's places, under its public name; {@code talkTo} when its consultation staff read requests to
     * talk now (a link to the request form with it chosen). Places of an organisation that has no public name are
     * listed last, under a heading of their own.
     */
    @io.quarkus.qute.TemplateData
    public record Organisation(String id, String name, String nameLang, List<Line> lines, boolean talkTo) {}

    private Uni<Result> help(Visit v) {
        Uni<ServiceCalls.Answer> lines = services.get("event", "/api/events/support-lines", null);
        Uni<ServiceCalls.Answer> organisations = services.get("notification", "/api/notifications/organisations", null);
        return Uni.combine().all().unis(lines, organisations).asTuple().map(all -> {
            if (!all.getItem1().ok()) {
                return PageFlow.errorPage(503);
            }
            // without the names (notification unavailable) the places are still shown: they matter more
            List<JsonObject> named =
                    all.getItem2().ok() ? objects(all.getItem2().array()) : List.of();
            List<Organisation> byName = byOrganisation(objects(all.getItem1().array()), named, v.language());
            Map<String, Object> data = new java.util.HashMap<>();
            data.put("nav", "help");
            data.put("organisations", byName);
            data.put("tt", TalkText.of(v.language()));
            return new PageFlow.Html(200, "help", data);
        });
    }

    private static List<JsonObject> objects(io.vertx.core.json.JsonArray array) {
        return array.stream()
                .filter(JsonObject.class::isInstance)
                .map(JsonObject.class::cast)
                .toList();
    }

    /**
     * The places grouped under their organisation's public name, organisations in the order of the public list, then
     * the places of organisations without a name (id {@code ""}). Several organisations list the same national line:
     * she sees it once, where it first appears. An organisation with no places but whose staff read requests is
     * listed for its request link alone; one with neither is left out.
     */
    static List<Organisation> byOrganisation(List<JsonObject> lines, List<JsonObject> named, Language language) {
        Map<String, List<Line>> linesOf = new java.util.LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.Set<String> namedIds = new java.util.HashSet<>();
        named.forEach(o -> namedIds.add(o.getString("id")));
        List<String> order = new java.util.ArrayList<>(
                named.stream().map(o -> o.getString("id")).toList());
        order.add("");
        for (JsonObject json : lines) {
            Line line = line(json, language);
            if (!seen.add(line.phone() == null ? line.name() : line.phone())) {
                continue;
            }
            String organisation = json.getString("organisationId", "");
            String key = namedIds.contains(organisation) ? organisation : "";
            linesOf.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(line);
        }
        List<Organisation> result = new java.util.ArrayList<>();
        for (String id : order) {
            List<Line> its = linesOf.getOrDefault(id, List.of());
            if (id.isEmpty()) {
                if (!its.isEmpty()) {
                    result.add(new Organisation("", "", "", its, false));
                }
                continue;
            }
            JsonObject o = named.stream()
                    .filter(n -> id.equals(n.getString("id")))
                    .findFirst()
                    .orElseThrow();
            boolean talkTo = o.getBoolean("acceptsRequests", false);
            if (its.isEmpty() && !talkTo) {
                continue;
            }
            String[] name = Pages.title(o.getString("nameJa"), o.getString("nameEn"), language);
            result.add(new Organisation(id, name[0], name[1], its, talkTo));
        }
        return result;
    }

    static Line line(JsonObject line, Language language) {
        boolean en = language == Language.EN;
        String[] name = Pages.title(line.getString("nameJa"), line.getString("nameEn"), language);
        boolean textInEnglish = en && line.getString("hoursEn") != null;
        String phone = line.getString("phone");
        return new Line(
                name[0],
                name[1],
                phone,
                phone == null ? null : "tel:" + URLEncoder.encode(phone.replace(" ", ""), StandardCharsets.UTF_8),
                textInEnglish ? line.getString("hoursEn") : line.getString("hoursJa", line.getString("hoursEn")),
                en && line.getString("helpsWithEn") != null
                        ? line.getString("helpsWithEn")
                        : line.getString("helpsWithJa", line.getString("helpsWithEn")),
                textInEnglish ? "en" : "ja");
    }
}
