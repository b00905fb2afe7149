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
 * woman can look without leaving an account's trace. The list comes from the event service's public support lines.
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

    private Uni<Result> help(Visit v) {
        return services.get("event", "/api/events/support-lines", null).map(found -> {
            if (!found.ok()) {
                return PageFlow.errorPage(503);
            }
            // Several organisations list the same national line: she sees it once, where it first appears.
            Map<String, Line> byNumber = new java.util.LinkedHashMap<>();
            found.array().stream()
                    .filter(JsonObject.class::isInstance)
                    .map(JsonObject.class::cast)
                    .map(line -> line(line, v.language()))
                    .forEach(line -> byNumber.putIfAbsent(line.phone() == null ? line.name() : line.phone(), line));
            List<Line> lines = List.copyOf(byNumber.values());
            return new PageFlow.Html(200, "help", Map.of("nav", "help", "lines", lines));
        });
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
