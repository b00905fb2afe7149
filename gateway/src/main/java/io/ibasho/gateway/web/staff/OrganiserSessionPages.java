package io.ibasho.gateway.web.staff;

import static io.ibasho.gateway.web.PageFlow.errorPage;
import static io.ibasho.gateway.web.PageFlow.uuid;

import io.ibasho.gateway.BrowserSessions;
import io.ibasho.gateway.FormBody;
import io.ibasho.gateway.web.Language;
import io.ibasho.gateway.web.PageFlow;
import io.ibasho.gateway.web.PageFlow.Html;
import io.ibasho.gateway.web.PageFlow.Redirect;
import io.ibasho.gateway.web.PageFlow.Result;
import io.ibasho.gateway.web.PageFlow.Visit;
import io.ibasho.gateway.web.Roles;
import io.ibasho.gateway.web.ServiceCalls;
import io.ibasho.gateway.web.ServiceCalls.Answer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An organiser's sessions (her own organisation's only; the event service decides which those are): the list, a new
 * session, editing one, and publishing, cancelling or completing it. Every problem with what she typed is shown next to
 * its field, whether the gateway found it (syntax) or the event service did (its rules, by stable code).
 */
@ApplicationScoped
public class OrganiserSessionPages {
    private static final List<String> ACTIONS = List.of("publish", "cancel", "complete");

    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    @Inject
    Clock clock;

    void routes(@Observes Router router) {
        router.get("/staff").order(900).handler(ctx -> flow.page(ctx, true, StaffViews::home));
        router.get("/staff/sessions").order(900).handler(ctx -> flow.page(ctx, true, organiser(this::list)));
        router.get("/staff/sessions/new")
                .order(900)
                .handler(ctx ->
                        flow.page(ctx, true, organiser(v -> form(v, null, blankValues(), Map.of(), null, 200))));
        router.post("/staff/sessions/new")
                .order(900)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, organiser(v -> create(v, form)))));
        router.get("/staff/sessions/:id").order(900).handler(ctx -> flow.page(ctx, true, organiser(this::edit)));
        router.get("/staff/sessions/:id/cancel")
                .order(900)
                .handler(ctx -> flow.page(ctx, true, organiser(this::confirmCancel)));
        router.post("/staff/sessions/:id")
                .order(900)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, organiser(v -> update(v, form)))));
        router.post("/staff/sessions/:id/:action")
                .order(901)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, organiser(v -> action(v, form)))));
    }

    /** Only organisers: anyone else signed in gets the forbidden page (the service would refuse them too). */
    static java.util.function.Function<Visit, Uni<Result>> organiser(
            java.util.function.Function<Visit, Uni<Result>> page) {
        return v ->
                v.hasRole(Roles.ORGANISER) ? page.apply(v) : Uni.createFrom().item(PageFlow.notAllowed());
    }

    // ---- the list ----

    /** Sessions per page of the list: each page is one call to the event service. */
    static final int PAGE_SIZE = 50;

    /**
     * Her sessions a page at a time: by default those from today on (drafts among them) by start, the nearest first,
     * from a date she chooses with {@code from}; or ({@code when=past}) those before today, the latest first. Every
     * session can be reached, however many there are.
     */
    private Uni<Result> list(Visit v) {
        ListWindow window = ListWindow.of(
                v.ctx().request().getParam("when"),
                v.ctx().request().getParam("from"),
                v.ctx().request().getParam("page"),
                LocalDate.now(clock.withZone(SessionForm.TOKYO)));
        return services.get("event", window.serviceQuery(), v.token()).map(answer -> {
            if (!answer.ok()) {
                return errorPage(answer.status() == 403 ? 403 : 503);
            }
            List<StaffViews.SessionRow> rows = new ArrayList<>();
            answer.array().stream()
                    .filter(JsonObject.class::isInstance)
                    .map(JsonObject.class::cast)
                    .forEach(s -> rows.add(StaffViews.row(s, v.language())));
            Map<String, Object> data = new HashMap<>();
            data.put("nav", "staff-sessions");
            data.put("st", StaffText.of(v.language()));
            data.put("rows", rows);
            data.put("past", window.past());
            data.put("from", window.past() ? "" : window.from().toString());
            data.put("previousHref", window.page() == 0 ? null : window.href(window.page() - 1));
            // a full page may have more after it; the next page says so when it is empty
            data.put("nextHref", rows.size() < PAGE_SIZE ? null : window.href(window.page() + 1));
            data.put("firstPage", window.page() == 0);
            return new Html(200, "staff/sessions", data);
        });
    }

    /** Which part of her sessions the list shows: upcoming from a day, or past; and which page of it. */
    record ListWindow(boolean past, LocalDate from, LocalDate today, int page) {
        /** At most this many pages deep (10,000 sessions at 50 a page); a deeper page is the last one. */
        static final int MAX_PAGE = 200;

        static ListWindow of(String when, String from, String page, LocalDate today) {
            boolean past = "past".equals(when);
            LocalDate day = today;
            if (!past && from != null) {
                try {
                    day = LocalDate.parse(from.strip());
                } catch (java.time.format.DateTimeParseException e) {
                    day = today;
                }
            }
            int number = 0;
            try {
                number = page == null ? 0 : Math.min(MAX_PAGE, Math.max(0, Integer.parseInt(page.strip())));
            } catch (NumberFormatException e) {
                number = 0;
            }
            return new ListWindow(past, day, today, number);
        }

        /** The event service's page: starting from the day (Tokyo) on, or before today with the latest first. */
        String serviceQuery() {
            String boundary = PageFlow.enc((past ? today : from)
                    .atStartOfDay(SessionForm.TOKYO)
                    .toOffsetDateTime()
                    .toString());
            return "/api/events/sessions/mine?size=" + PAGE_SIZE + "&page=" + page
                    + (past ? "&newestFirst=true&startsBefore=" + boundary : "&startsFrom=" + boundary);
        }

        String href(int toPage) {
            String base = past
                    ? "/staff/sessions?when=past"
                    : from.equals(today) ? "/staff/sessions?when=upcoming" : "/staff/sessions?from=" + from;
            return base + "&page=" + toPage;
        }
    }

    // ---- cancelling, after she has seen what it does ----

    /**
     * What cancelling does, before it is done: it cannot be undone, and every woman booked, waiting or applying is
     * told, so she sees how many first (counts only, as on the dashboard) and confirms with a button of its own.
     */
    private Uni<Result> confirmCancel(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        return manage(v, id).flatMap(session -> {
            if (session == null) {
                return Uni.createFrom().item(errorPage(404));
            }
            String state = session.getString("status", "").toLowerCase(java.util.Locale.ROOT);
            if (!"draft".equals(state) && !"published".equals(state)) {
                return Uni.createFrom().item(new Redirect("/staff/sessions/" + id));
            }
            Uni<JsonObject> counts =
                    "published".equals(state) ? counts(v, id) : Uni.createFrom().nullItem();
            return counts.map(found -> {
                StaffViews.SessionRow row = StaffViews.row(session, v.language());
                Map<String, String> st = StaffText.of(v.language());
                return StaffViews.confirmation(
                        "staff-sessions",
                        v.language(),
                        st.get("cancelConfirmTitle"),
                        row.title() + " ・ " + row.when(),
                        cancelConsequences(state, found, v.language()),
                        "/staff/sessions/" + id + "/cancel",
                        st.get("cancelConfirm"),
                        "/staff/sessions/" + id,
                        st.get("cancelKeep"));
            });
        });
    }

    /** What cancelling tells whom, in words; counts from registration, or a plain sentence when they are unknown. */
    static List<String> cancelConsequences(String state, JsonObject counts, Language language) {
        boolean ja = language == Language.JA;
        List<String> lines = new ArrayList<>();
        if (!"published".equals(state)) {
            lines.add(ja ? "下書きなので、まだだれにも公開していません。お知らせは届きません。" : "It is a draft: nobody has seen it, nobody is told.");
        } else if (counts == null) {
            lines.add(
                    ja
                            ? "予約した方・キャンセル待ちの方・抽選に申し込んだ方の全員に、中止のお知らせが届きます（いまは人数を確かめられませんでした）。"
                            : "Everyone booked, waiting or applying is told (their numbers could not be checked just now).");
        } else {
            long confirmed = counts.getLong("confirmed", 0L);
            long waiting = counts.getLong("waiting", 0L) + counts.getLong("offersOut", 0L);
            long applied = counts.getLong("applied", 0L);
            lines.add(ja ? "予約が確定した方 " + confirmed + "名" : confirmed + " with a confirmed booking");
            lines.add(ja ? "キャンセル待ちの方（ご案内中を含む） " + waiting + "名" : waiting + " waiting (offers out included)");
            if (applied > 0) {
                lines.add(ja ? "抽選に申し込んだ方 " + applied + "名" : applied + " who applied to the lottery");
            }
            lines.add(
                    ja
                            ? "この方たちの予約・申込みはすべて取り消され、中止のお知らせが届きます。"
                            : "All their bookings and applications end, and each of them is told.");
        }
        lines.add(ja ? "中止すると、元に戻せません。" : "Cancelling cannot be undone.");
        return lines;
    }

    /** Registration's counts for one of her sessions (confirmed, waiting, offers out, applied); null when unknown. */
    private Uni<JsonObject> counts(Visit v, UUID id) {
        return services.get("registration", "/api/registrations/waitlist-counts?sessionId=" + id, v.token())
                .map(answer -> answer.ok()
                                && !answer.array().isEmpty()
                                && answer.array().getValue(0) instanceof JsonObject found
                        ? found
                        : null)
                .onFailure()
                .recoverWithNull();
    }

    // ---- new and edit ----

    private Uni<Result> create(Visit v, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        Map<String, String> typed = typed(form);
        SessionForm.Parsed parsed = SessionForm.read(typed, null, v.language());
        // the event service's check in the same submit as the form's own: every mistake at once (EveryMistake)
        return check(v, "/api/events/sessions/check", parsed.request()).flatMap(checked -> {
            if (checked.page() != null) {
                return Uni.createFrom().item(checked.page());
            }
            Map<String, String> errors = EveryMistake.of(parsed.errors(), checked.mistakes());
            if (!errors.isEmpty()) {
                return form(v, null, typed, errors, null, 422);
            }
            return services.post(
                            "event",
                            "/api/events/sessions",
                            v.token(),
                            parsed.request(),
                            null,
                            v.ctx().request())
                    .flatMap(answer -> answer.ok()
                            ? Uni.createFrom()
                                    .item(new Redirect(
                                            "/staff/sessions/" + answer.object().getString("id") + "?done=saved"))
                            : refused(v, null, typed, answer));
        });
    }

    /** What the event service's check found: her mistakes by field, or the error page its answer calls for. */
    record Checked(Map<String, String> mistakes, Result page) {}

    /**
     * Asks the event service what saving {@code request} would refuse (its field syntax and its rules, at once;
     * nothing is stored, so it is no write for the rate limits).
     */
    private Uni<Checked> check(Visit v, String path, JsonObject request) {
        return services.postNotRateLimited("event", path, v.token(), request).map(answer -> {
            if (answer.ok()) {
                return new Checked(Map.of(), null);
            }
            if (answer.status() >= 500 || answer.status() == 401) {
                return new Checked(Map.of(), errorPage(503));
            }
            if (answer.status() == 403 || answer.status() == 404) {
                return new Checked(Map.of(), errorPage(answer.status()));
            }
            return new Checked(SessionForm.refusalOf(answer.object(), answer.problem(), v.language()), null);
        });
    }

    private Uni<Result> edit(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        return manage(v, id)
                .flatMap(session -> session == null
                        ? Uni.createFrom().item(errorPage(404))
                        : form(v, session, SessionForm.valuesOf(session), Map.of(), done(v), 200));
    }

    private Uni<Result> update(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        Map<String, String> typed = typed(form);
        return manage(v, id).flatMap(session -> {
            if (session == null) {
                return Uni.createFrom().item(errorPage(404));
            }
            SessionForm.Parsed parsed = SessionForm.read(typed, session, v.language());
            // the event service's check and the confirmed bookings, in the same submit as the form's own checks
            return check(v, "/api/events/sessions/" + id + "/check", parsed.request())
                    .flatMap(checked -> capacityBelowConfirmed(v, session, parsed.request())
                            .flatMap(below -> {
                                if (checked.page() != null) {
                                    return Uni.createFrom().item(checked.page());
                                }
                                Map<String, String> elsewhere = new java.util.LinkedHashMap<>();
                                if (below != null) {
                                    elsewhere.put("capacity", below);
                                }
                                checked.mistakes().forEach(elsewhere::putIfAbsent);
                                Map<String, String> errors = EveryMistake.of(parsed.errors(), elsewhere);
                                if (!errors.isEmpty()) {
                                    return form(v, session, typed, errors, null, 422);
                                }
                                return put(v, id, session, typed, parsed.request());
                            }));
        });
    }

    /**
     * A capacity lowered below the seats already confirmed removes nobody (registration keeps every confirmed woman and
     * takes no booking until the seats fall below it, docs/staff-screens.md), so the form refuses it rather than
     * showing a door of "2 / 1": the message beside 定員, or null when the capacity may be saved.
     */
    private Uni<String> capacityBelowConfirmed(Visit v, JsonObject session, JsonObject request) {
        Integer wanted = request.getInteger("capacity");
        Integer current = session.getInteger("capacity");
        if (wanted == null
                || (current != null && wanted >= current)
                || !"PUBLISHED".equalsIgnoreCase(session.getString("status", ""))) {
            return Uni.createFrom().nullItem();
        }
        return counts(v, UUID.fromString(session.getString("id")))
                .map(counts -> capacityMessage(wanted, counts, v.language()));
    }

    static String capacityMessage(int wanted, JsonObject counts, Language language) {
        long confirmed = counts == null ? 0 : counts.getLong("confirmed", 0L);
        if (wanted >= confirmed) {
            return null;
        }
        return language == Language.JA
                ? "予約が確定した人数（" + confirmed + "名）より少なくはできません。"
                : "The capacity cannot be below the " + confirmed + " confirmed bookings.";
    }

    private Uni<Result> put(Visit v, UUID id, JsonObject session, Map<String, String> typed, JsonObject request) {
        return services.put(
                        "event",
                        "/api/events/sessions/" + id,
                        v.token(),
                        request,
                        v.ctx().request())
                .flatMap(answer -> answer.ok()
                        ? Uni.createFrom()
                                .item(new Redirect("/staff/sessions/" + id + "?done="
                                        + (deadlineFollowed(request, answer.object()) ? "deadlineMoved" : "saved")))
                        : refused(v, session, typed, answer));
    }

    /**
     * The session was moved and its childcare deadline, left as it was, moved with it (the event service keeps its
     * distance before the start): the deadline saved is not the one she sent.
     */
    static boolean deadlineFollowed(JsonObject sent, JsonObject saved) {
        JsonObject before = sent.getJsonObject("childcare");
        JsonObject after = saved == null ? null : saved.getJsonObject("childcare");
        if (before == null
                || after == null
                || before.getString("deadline") == null
                || after.getString("deadline") == null) {
            return false;
        }
        OffsetDateTime asSent = PageFlow.time(before.getString("deadline"));
        OffsetDateTime asSaved = PageFlow.time(after.getString("deadline"));
        return asSent != null && asSaved != null && !asSent.isEqual(asSaved);
    }

    private Uni<Result> action(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        String action = v.ctx().pathParam("action");
        if (id == null || !ACTIONS.contains(action)) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        return services.post(
                        "event",
                        "/api/events/sessions/" + id + "/" + action,
                        v.token(),
                        null,
                        null,
                        v.ctx().request())
                .flatMap(answer -> {
                    if (answer.ok()) {
                        String done = switch (action) {
                            case "publish" -> "published";
                            case "cancel" -> "cancelled";
                            default -> "completed";
                        };
                        return Uni.createFrom().item(new Redirect("/staff/sessions/" + id + "?done=" + done));
                    }
                    if (answer.status() == 404) {
                        return Uni.createFrom().item(errorPage(404));
                    }
                    if (answer.status() >= 500) {
                        return Uni.createFrom().item(errorPage(503));
                    }
                    // e.g. publishing a draft that breaks a rule: the form again, with the problems beside the fields
                    return manage(v, id)
                            .flatMap(session -> session == null
                                    ? Uni.createFrom().item(errorPage(404))
                                    : refused(v, session, SessionForm.valuesOf(session), answer));
                });
    }

    /** The service refused what she typed: its violations next to her fields, her values kept. */
    private Uni<Result> refused(Visit v, JsonObject session, Map<String, String> typed, Answer answer) {
        if (answer.status() >= 500 || answer.status() == 401) {
            return Uni.createFrom().item(errorPage(503));
        }
        if (answer.status() == 403 || answer.status() == 404) {
            return Uni.createFrom().item(errorPage(answer.status()));
        }
        Map<String, String> errors = SessionForm.refusalOf(answer.object(), answer.problem(), v.language());
        return form(v, session, typed, errors, null, answer.status() == 409 ? 409 : 422);
    }

    private Uni<Result> form(
            Visit v,
            JsonObject session,
            Map<String, String> values,
            Map<String, String> errors,
            String message,
            int status) {
        return services.get("event", "/api/events/venues/mine", v.token())
                .map(a -> a.ok() ? a.array() : new JsonArray())
                .onFailure()
                .recoverWithItem(new JsonArray())
                .map(venues -> {
                    Map<String, Object> data = new HashMap<>();
                    data.put("nav", "staff-sessions");
                    data.put("st", StaffText.of(v.language()));
                    data.put("session", session == null ? null : StaffViews.row(session, v.language()));
                    // a date of a series leads back to it (この日以降をまとめて変更する is there)
                    data.put("seriesId", session == null ? null : session.getString("seriesId"));
                    data.put(
                            "action",
                            session == null ? "/staff/sessions/new" : "/staff/sessions/" + session.getString("id"));
                    List<StaffViews.Field> fields = StaffViews.sessionFields(values, errors, venues, v.language());
                    if (session != null) {
                        // moving a session moves a deadline left as it was (the event service's MovedChildcareDeadline)
                        String help = StaffText.of(v.language()).get("childcareDeadlineHelp");
                        fields = fields.stream()
                                .map(f -> "childcareDeadline".equals(f.name()) ? f.withHelp(help) : f)
                                .toList();
                    }
                    data.put("fields", fields);
                    data.put("formError", errors.get("form"));
                    data.put("hasErrors", !errors.isEmpty());
                    data.put("errorList", StaffViews.errorList(errors, v.language()));
                    data.put("message", message);
                    String state = session == null
                            ? ""
                            : session.getString("status", "").toLowerCase(java.util.Locale.ROOT);
                    data.put("status", state);
                    // cancelled or taken place: nothing to save any more, so her data is shown, not offered to edit
                    data.put("readOnly", "cancelled".equals(state) || "completed".equals(state));
                    data.put("lottery", session != null && "LOTTERY".equals(session.getString("allocation")));
                    // 終了にする only once it began (the event service refuses it before: session-not-started)
                    data.put("started", session != null && hasStarted(session));
                    return (Result) new Html(status, "staff/session-form", data);
                });
    }

    private boolean hasStarted(JsonObject session) {
        String startsAt = session.getString("startsAt");
        return startsAt != null
                && !java.time.OffsetDateTime.parse(startsAt).toInstant().isAfter(clock.instant());
    }

    private Uni<JsonObject> manage(Visit v, UUID id) {
        return services.get("event", "/api/events/sessions/" + id + "/manage", v.token())
                .map(answer -> answer.ok() ? answer.object() : null);
    }

    private static String done(Visit v) {
        String done = v.ctx().request().getParam("done");
        if (done == null
                || !List.of("saved", "deadlineMoved", "published", "cancelled", "completed")
                        .contains(done)) {
            return null;
        }
        return StaffText.of(v.language()).get(done);
    }

    private static Map<String, String> blankValues() {
        Map<String, String> values = new HashMap<>();
        values.put("kind", "cafe");
        values.put("allocation", "FIRST_COME");
        values.put("childcareRequiredToWin", "1"); // the service's default, shown ticked
        return values;
    }

    private static Map<String, String> typed(MultiMap form) {
        Map<String, String> typed = new HashMap<>();
        for (String field : SessionForm.FIELDS) {
            String value = form.get(field);
            if (value != null) {
                typed.put(field, value.length() > 2000 ? value.substring(0, 2000) : value);
            }
        }
        return typed;
    }

    static Language language(Visit v) {
        return v.language();
    }

    static OffsetDateTime parse(String iso) {
        return PageFlow.time(iso);
    }
}
