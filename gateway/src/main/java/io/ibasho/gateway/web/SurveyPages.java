package io.ibasho.gateway.web;

import io.ibasho.gateway.BrowserSessions;
import io.ibasho.gateway.FormBody;
import io.quarkus.qute.TemplateData;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The anonymous survey in her app (issue #18): My bookings offers it for a session she attended; {@code
 * /app/surveys/{registrationId}} asks the organisation's questions (satisfaction 1–5, would she come again, and its own
 * scale or yes/no questions; no free text); after her one answer, thanks. The invitation's token stays between the
 * gateway and registration (never in a URL or a page: its call carries it in the JSON body), and the answer is stored without anything that links it to her.
 */
@ApplicationScoped
public class SurveyPages {
    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    /** One survey she can answer, for My bookings. */
    @TemplateData
    public record OpenSurvey(String registrationId, String title, String titleLang) {}

    /** A question on the page: its form field, wording, and whether it is a 1–5 scale (else yes / no). */
    @TemplateData
    public record Question(String field, String text, boolean scale, String chosen) {
        /** Whether she had chosen {@code n} on this scale (the form comes back after a missing answer). */
        public boolean chose(int n) {
            return chosen.equals(Integer.toString(n));
        }
    }

    void routes(@Observes Router router) {
        router.get("/app/surveys/:registrationId")
                .order(900)
                .handler(ctx -> flow.page(ctx, true, v -> form(v, Map.of(), 200, "")));
        router.post("/app/surveys/:registrationId")
                .order(900)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, v -> answer(v, form))));
    }

    /** Her open invitations (none when the service cannot say: My bookings still shows). */
    public Uni<JsonArray> invitations(PageFlow.Visit v) {
        return services.get("registration", "/api/registrations/surveys/mine", v.token())
                .map(answer -> answer.ok() ? answer.array() : new JsonArray())
                .onFailure()
                .recoverWithItem(new JsonArray());
    }

    /** The surveys to offer beside her bookings, titled by their sessions. */
    public static List<OpenSurvey> offered(JsonArray invitations, Map<String, JsonObject> sessions, Language language) {
        List<OpenSurvey> open = new ArrayList<>();
        for (Object o : invitations) {
            if (o instanceof JsonObject invitation && invitation.getString("registrationId") != null) {
                JsonObject session = sessions.getOrDefault(invitation.getString("sessionId"), new JsonObject());
                String[] title = Pages.title(session.getString("titleJa"), session.getString("titleEn"), language);
                open.add(new OpenSurvey(invitation.getString("registrationId"), title[0], title[1]));
            }
        }
        return open;
    }

    private Uni<JsonObject> invitationOf(PageFlow.Visit v) {
        String registrationId = v.ctx().pathParam("registrationId");
        return invitations(v)
                .map(all -> all.stream()
                        .filter(JsonObject.class::isInstance)
                        .map(JsonObject.class::cast)
                        .filter(i -> registrationId.equals(i.getString("registrationId")))
                        .findFirst()
                        .orElse(null));
    }

    private Uni<PageFlow.Result> form(PageFlow.Visit v, Map<String, String> chosen, int status, String error) {
        return invitationOf(v).flatMap(invitation -> {
            if (invitation == null) {
                // answered already, or not hers: one page for both
                return PageFlow.html(404, "survey", Map.of("nav", "bookings", "state", "gone"));
            }
            return services.get("event", "/api/events/sessions/" + invitation.getString("sessionId"), null)
                    .map(a -> a.ok() ? a.object() : new JsonObject())
                    .onFailure()
                    .recoverWithItem(new JsonObject())
                    .map(session -> {
                        String[] title =
                                Pages.title(session.getString("titleJa"), session.getString("titleEn"), v.language());
                        Map<String, Object> data = new HashMap<>();
                        data.put("nav", "bookings");
                        data.put("state", "form");
                        data.put("registrationId", v.ctx().pathParam("registrationId"));
                        data.put("title", title[0]);
                        data.put("titleLang", title[1]);
                        data.put("questions", questions(invitation, chosen, v.ja()));
                        data.put("error", error);
                        return (PageFlow.Result) new PageFlow.Html(status, "survey", data);
                    });
        });
    }

    /** Satisfaction and come again first, then the organisation's own, in its order. */
    static List<Question> questions(JsonObject invitation, Map<String, String> chosen, boolean ja) {
        List<Question> questions = new ArrayList<>();
        questions.add(new Question(
                "satisfaction",
                ja ? "この回の満足度を教えてください" : "How satisfied were you with the session?",
                true,
                chosen.getOrDefault("satisfaction", "")));
        questions.add(new Question(
                "comeAgain",
                ja ? "また参加したいと思いますか" : "Would you come again?",
                false,
                chosen.getOrDefault("comeAgain", "")));
        for (Object o : invitation.getJsonArray("questions", new JsonArray())) {
            if (o instanceof JsonObject q && q.getString("key") != null) {
                String text = !ja
                                && q.getString("textEn") != null
                                && !q.getString("textEn").isBlank()
                        ? q.getString("textEn")
                        : q.getString("textJa");
                questions.add(new Question(
                        "q-" + q.getString("key"),
                        text,
                        "SCALE".equals(q.getString("kind")),
                        chosen.getOrDefault("q-" + q.getString("key"), "")));
            }
        }
        return questions;
    }

    private Uni<PageFlow.Result> answer(PageFlow.Visit v, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(PageFlow.errorPage(403));
        }
        Map<String, String> chosen = new LinkedHashMap<>();
        form.names().stream()
                .filter(name -> name.equals("satisfaction") || name.equals("comeAgain") || name.startsWith("q-"))
                .forEach(name -> chosen.put(name, form.get(name)));
        Integer satisfaction = scale(chosen.get("satisfaction"));
        Boolean comeAgain = yesNo(chosen.get("comeAgain"));
        if (satisfaction == null || comeAgain == null) {
            return form(
                    v,
                    chosen,
                    422,
                    v.ja()
                            ? "満足度と「また参加したいか」を選んでください。"
                            : "Choose how satisfied you were and whether you would come again.");
        }
        return invitationOf(v).flatMap(invitation -> {
            if (invitation == null) {
                return PageFlow.html(404, "survey", Map.of("nav", "bookings", "state", "gone"));
            }
            Map<String, Integer> extra = new LinkedHashMap<>();
            for (Object o : invitation.getJsonArray("questions", new JsonArray())) {
                if (o instanceof JsonObject q && q.getString("key") != null) {
                    String value = chosen.get("q-" + q.getString("key"));
                    Integer number = "SCALE".equals(q.getString("kind"))
                            ? scale(value)
                            : yesNo(value) == null ? null : yesNo(value) ? 1 : 0;
                    if (number != null) {
                        extra.put(q.getString("key"), number);
                    }
                }
            }
            // the one-time token in the body, never in the path: paths reach access logs, proxies and spans
            JsonObject body = new JsonObject()
                    .put("token", invitation.getString("token"))
                    .put("satisfaction", satisfaction)
                    .put("comeAgain", comeAgain)
                    .put("extra", new JsonObject(new LinkedHashMap<>(extra)));
            return services.post(
                            "registration",
                            "/api/registrations/surveys/answer",
                            v.token(),
                            body,
                            null,
                            v.ctx().request())
                    .flatMap(answer -> {
                        if (answer.ok()) {
                            return PageFlow.html(200, "survey", Map.of("nav", "bookings", "state", "thanks"));
                        }
                        if (answer.status() == 404) {
                            return PageFlow.html(404, "survey", Map.of("nav", "bookings", "state", "gone"));
                        }
                        if (answer.status() == 400 || answer.status() == 422) {
                            return form(
                                    v, chosen, 422, v.ja() ? "選んだ答えを確かめてください。" : "Please check the answers you chose.");
                        }
                        return Uni.createFrom().item(PageFlow.errorPage(answer.status() == 429 ? 429 : 503));
                    });
        });
    }

    static Integer scale(String value) {
        return value != null && value.matches("[1-5]") ? Integer.valueOf(value) : null;
    }

    static Boolean yesNo(String value) {
        return "yes".equals(value) ? Boolean.TRUE : "no".equals(value) ? Boolean.FALSE : null;
    }
}
