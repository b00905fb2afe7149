package io.ibasho.gateway.web.staff;

import static io.ibasho.gateway.web.PageFlow.arr;
import static io.ibasho.gateway.web.PageFlow.errorPage;
import static io.ibasho.gateway.web.PageFlow.uuid;

import io.ibasho.gateway.BrowserSessions;
import io.ibasho.gateway.FormBody;
import io.ibasho.gateway.recovery.KeycloakAccounts;
import io.ibasho.gateway.web.Language;
import io.ibasho.gateway.web.PageFlow;
import io.ibasho.gateway.web.PageFlow.Html;
import io.ibasho.gateway.web.PageFlow.Redirect;
import io.ibasho.gateway.web.PageFlow.Result;
import io.ibasho.gateway.web.PageFlow.Visit;
import io.ibasho.gateway.web.ServiceCalls;
import io.ibasho.gateway.web.ServiceCalls.Answer;
import io.ibasho.gateway.web.Wording;
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
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * An organiser's venues (her organisation's only; the event service decides which those are): the list, a new venue
 * and editing one, with its address and who may see it, rooms, accessibility notes and the partner groups who see its
 * schedule. Every problem is shown next to its field. The session and series forms choose venue and room from these.
 */
@ApplicationScoped
public class VenuePages {
    @Inject
    KeycloakAccounts keycloak;

    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    /** A venue on the list: what the organiser needs to recognise it, the address only as she set it to be shown. */
    @TemplateData
    public record VenueRow(
            String id, String name, String area, String visibility, String rooms, String partners, String address) {}

    void routes(@Observes Router router) {
        router.get("/staff/venues").order(900).handler(ctx -> flow.page(ctx, true, organiser(this::list)));
        router.get("/staff/venues/new")
                .order(900)
                .handler(ctx -> flow.page(
                        ctx,
                        true,
                        organiser(v -> form(
                                v,
                                null,
                                Map.of("addressVisibility", "ATTENDEES_ONLY"),
                                VenueForm.roomRows(null),
                                Map.of(),
                                null,
                                200))));
        router.post("/staff/venues/new")
                .order(900)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, organiser(v -> save(v, null, form)))));
        router.get("/staff/venues/:id").order(900).handler(ctx -> flow.page(ctx, true, organiser(this::edit)));
        router.post("/staff/venues/:id")
                .order(900)
                .handler(ctx -> FormBody.read(
                        ctx,
                        form -> flow.page(
                                ctx, true, organiser(v -> save(v, uuid(v.ctx().pathParam("id")), form)))));
        router.get("/staff/venues/:id/delete")
                .order(900)
                .handler(ctx -> flow.page(ctx, true, organiser(this::confirmDelete)));
        router.get("/staff/venues/:id/in-use").order(900).handler(ctx -> flow.page(ctx, true, organiser(this::inUse)));
        router.post("/staff/venues/:id/delete")
                .order(900)
                .handler(ctx -> FormBody.read(ctx, form -> flow.page(ctx, true, organiser(v -> delete(v, form)))));
    }

    private static java.util.function.Function<Visit, Uni<Result>> organiser(
            java.util.function.Function<Visit, Uni<Result>> page) {
        return OrganiserSessionPages.organiser(page);
    }

    private Uni<Result> list(Visit v) {
        return services.get("event", "/api/events/venues/mine", v.token()).map(answer -> {
            if (!answer.ok()) {
                return errorPage(answer.status() == 403 ? 403 : 503);
            }
            List<VenueRow> rows = new ArrayList<>();
            for (Object o : answer.array()) {
                if (o instanceof JsonObject venue) {
                    rows.add(row(venue, v.language()));
                }
            }
            Map<String, Object> data = page(v);
            data.put("rows", rows);
            String done = v.ctx().request().getParam("done");
            data.put(
                    "message",
                    "deleted".equals(done) ? VenueText.of(v.language()).get("venueDeleted") : null);
            return new Html(200, "staff/venues", data);
        });
    }

    static VenueRow row(JsonObject venue, Language language) {
        Map<String, String> vt = VenueText.of(language);
        String name = language == Language.EN && venue.getString("nameEn") != null
                ? venue.getString("nameEn")
                : venue.getString("nameJa", "");
        List<String> rooms = new ArrayList<>();
        for (Object o : venue.getJsonArray("rooms", new JsonArray())) {
            if (o instanceof JsonObject room) {
                rooms.add(room.getString("nameJa", room.getString("id", "")));
            }
        }
        List<String> partners = new ArrayList<>();
        for (Object g : venue.getJsonArray("partnerGroups", new JsonArray())) {
            partners.add(String.valueOf(g));
        }
        String address = venue.getString("address");
        String area = Wording.area(venue.getString("area"), venue.getString("areaEn"), language);
        return new VenueRow(
                venue.getString("id"),
                name,
                area == null ? "" : area,
                visibility(venue.getString("addressVisibility"), language),
                String.join(language == Language.JA ? "、" : ", ", rooms),
                String.join(" ", partners),
                address == null || address.isBlank() ? vt.get("noAddress") : address);
    }

    static String visibility(String visibility, Language language) {
        Map<String, String> vt = VenueText.of(language);
        return switch (visibility == null ? "" : visibility) {
            case "PUBLIC" -> vt.get("visibilityPublic");
            case "ATTENDEES_ONLY" -> vt.get("visibilityAttendees");
            case "NEVER" -> vt.get("visibilityNever");
            default -> "";
        };
    }

    private Uni<Result> edit(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        return manage(v, id).flatMap(venue -> {
            if (venue == null) {
                return Uni.createFrom().item(errorPage(404));
            }
            String done = v.ctx().request().getParam("done");
            return form(
                    v,
                    venue,
                    VenueForm.valuesOf(venue),
                    VenueForm.roomRows(venue),
                    Map.of(),
                    "saved".equals(done) ? VenueText.of(v.language()).get("venueSaved") : null,
                    200);
        });
    }

    private Uni<Result> save(Visit v, UUID id, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        if (id == null && v.ctx().pathParam("id") != null) {
            return Uni.createFrom().item(errorPage(404));
        }
        Map<String, String> typed = new HashMap<>();
        for (String field : VenueForm.FIELDS) {
            String value = form.get(field);
            if (value != null) {
                typed.put(field, value.length() > 3000 ? value.substring(0, 3000) : value);
            }
        }
        // one checkbox per group she ticked
        typed.put("partnerGroups", VenueForm.ticked(form.getAll("partnerGroups")));
        List<List<String>> rooms = VenueForm.withoutBlankRows(form.getAll("roomId"), form.getAll("roomName"));
        List<String> roomIds = rooms.get(0);
        List<String> roomNames = rooms.get(1);
        Uni<JsonObject> current = id == null ? Uni.createFrom().nullItem() : manage(v, id);
        return current.flatMap(venue -> {
            if (id != null && venue == null) {
                return Uni.createFrom().item(errorPage(404));
            }
            VenueForm.Parsed parsed = VenueForm.read(typed, roomIds, roomNames, v.language());
            // the partner ids are asked of Keycloak in the same submit as the other checks: every mistake at once
            return unknownPartnerGroups(v, venue, VenueForm.partnerGroupsToCheck(parsed))
                    .flatMap(unknown -> {
                        Map<String, String> errors = VenueForm.everyMistake(parsed, unknown);
                        return errors.isEmpty()
                                ? send(v, id, venue, typed, roomIds, roomNames, parsed)
                                : form(
                                        v,
                                        venue,
                                        typed,
                                        VenueForm.roomRows(roomIds, roomNames, errors),
                                        errors,
                                        null,
                                        422);
                    });
        });
    }

    /**
     * The partner group ids new to this venue that no partner account of her organisation carries, as the field's
     * error (empty when all are known): a typo such as tsubomii would link nobody, silently. Ids the venue already has
     * are not asked again, so a group that left does not block editing the rest.
     */
    private Uni<Map<String, String>> unknownPartnerGroups(Visit v, JsonObject venue, JsonArray typed) {
        List<String> stored = venue == null
                ? List.of()
                : venue.getJsonArray("partnerGroups", new JsonArray()).stream()
                        .map(String::valueOf)
                        .toList();
        List<String> fresh = (typed == null ? new JsonArray() : typed)
                .stream()
                        .map(String::valueOf)
                        .filter(group -> !stored.contains(group))
                        .toList();
        if (fresh.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String organisation = organisation(v);
        if (organisation == null) {
            return Uni.createFrom().item(Map.of("partnerGroups", VenueForm.partnerGroupsUnchecked(v.ja())));
        }
        return keycloak.adminToken()
                .flatMap(admin -> Uni.join()
                        .all(fresh.stream()
                                .map(group -> keycloak.partnerGroupExists(admin, organisation, group)
                                        .map(exists -> exists ? "" : group))
                                .toList())
                        .andFailFast())
                .map(answers -> {
                    List<String> unknown =
                            answers.stream().filter(group -> !group.isEmpty()).toList();
                    return unknown.isEmpty()
                            ? Map.<String, String>of()
                            : Map.of("partnerGroups", VenueForm.unknownPartnerGroups(unknown, v.ja()));
                })
                .onFailure()
                .recoverWithItem(() -> Map.of("partnerGroups", VenueForm.partnerGroupsUnchecked(v.ja())));
    }

    private Uni<Result> send(
            Visit v,
            UUID id,
            JsonObject venue,
            Map<String, String> typed,
            List<String> roomIds,
            List<String> roomNames,
            VenueForm.Parsed parsed) {
        Uni<Answer> sent = id == null
                ? services.post(
                        "event",
                        "/api/events/venues",
                        v.token(),
                        parsed.request(),
                        null,
                        v.ctx().request())
                : services.put(
                        "event",
                        "/api/events/venues/" + id,
                        v.token(),
                        parsed.request(),
                        v.ctx().request());
        return sent.flatMap(answer -> {
            if (answer.ok()) {
                return Uni.createFrom()
                        .item(new Redirect("/staff/venues/" + answer.object().getString("id") + "?done=saved"));
            }
            if (answer.status() >= 500 || answer.status() == 401) {
                return Uni.createFrom().item(errorPage(503));
            }
            if (answer.status() == 403 || answer.status() == 404) {
                return Uni.createFrom().item(errorPage(answer.status()));
            }
            Map<String, String> errors = new LinkedHashMap<>();
            for (Object o : arr(answer.object(), "violations")) {
                if (o instanceof JsonObject violation) {
                    // worded by its code (ADR 0080); the service's English only for a code newer than this form
                    String words = VenueForm.message(
                            violation.getString("code"), violation.getString("message", ""), v.language());
                    errors.merge(
                            VenueForm.fieldOf(violation.getString("field")),
                            words,
                            (a, b) -> a.equals(b) ? a : a + " " + b);
                }
            }
            if (errors.isEmpty()) {
                errors.put("form", answer.object().getString("detail", "HTTP " + answer.status()));
            }
            return form(v, venue, typed, VenueForm.roomRows(roomIds, roomNames, errors), errors, null, 422);
        });
    }

    /** Deleting cannot be undone: what it does is shown first, with a button of its own to do it. */
    private Uni<Result> confirmDelete(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        return manage(v, id).map(venue -> {
            if (venue == null) {
                return errorPage(404);
            }
            Map<String, String> vt = VenueText.of(v.language());
            return StaffViews.confirmation(
                    "staff-venues",
                    v.language(),
                    vt.get("deleteVenueTitle"),
                    row(venue, v.language()).name(),
                    List.of(vt.get("deleteVenueWhat"), vt.get("deleteVenueInUse"), vt.get("deleteVenueUndo")),
                    "/staff/venues/" + id + "/delete",
                    vt.get("deleteVenueConfirm"),
                    "/staff/venues/" + id,
                    vt.get("deleteVenueKeep"));
        });
    }

    private Uni<Result> delete(Visit v, MultiMap form) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        return services.delete(
                        "event", "/api/events/venues/" + id, v.token(), v.ctx().request())
                .flatMap(answer -> {
                    if (answer.ok()) {
                        return Uni.createFrom().item(new Redirect("/staff/venues?done=deleted"));
                    }
                    if (answer.status() != 409) {
                        return Uni.createFrom().item(errorPage(answer.status() == 404 ? 404 : 503));
                    }
                    // still used by sessions or series: nothing deleted, and the answer is a page of its own after a
                    // redirect (post-redirect-get), so a reload does not send the deletion again
                    return Uni.createFrom().item(new Redirect("/staff/venues/" + id + "/in-use"));
                });
    }

    /** At most this many of the sessions that keep a venue from being deleted are named, the latest first. */
    static final int BLOCKING_SHOWN = 10;

    /** Her sessions are read this many pages of 200 at most (newest first) to find those at the venue. */
    static final int BLOCKING_PAGES = 5;

    /** Why a venue was not deleted: the sessions that use it, each with a link to its page. */
    private Uni<Result> inUse(Visit v) {
        UUID id = uuid(v.ctx().pathParam("id"));
        if (id == null) {
            return Uni.createFrom().item(errorPage(404));
        }
        return manage(v, id).flatMap(venue -> {
            if (venue == null) {
                return Uni.createFrom().item(errorPage(404));
            }
            return sessionsAt(v, id.toString()).map(found -> {
                Map<String, Object> data = page(v);
                data.put("venue", row(venue, v.language()));
                data.put(
                        "sessions",
                        found.stream()
                                .limit(BLOCKING_SHOWN)
                                .map(s -> StaffViews.row(s, v.language()))
                                .toList());
                data.put(
                        "more",
                        found.size() > BLOCKING_SHOWN
                                ? VenueText.of(v.language())
                                        .get("venueInUseMore")
                                        .replace("{n}", String.valueOf(BLOCKING_SHOWN))
                                : null);
                return (Result) new Html(200, "staff/venue-in-use", data);
            });
        });
    }

    /** Her sessions at the venue, the latest first (what a failed page leaves out is not listed). */
    private Uni<List<JsonObject>> sessionsAt(Visit v, String venueId) {
        return PagedRead.all(
                        page -> services.get(
                                "event",
                                "/api/events/sessions/mine?newestFirst=true&size=" + PagedRead.LARGEST_PAGE + "&page="
                                        + page,
                                v.token()),
                        PagedRead.LARGEST_PAGE,
                        BLOCKING_PAGES)
                .map(read -> atVenue(read.items(), venueId));
    }

    /** The sessions held at the venue (the event service keeps a venue while any session points at it). */
    static List<JsonObject> atVenue(JsonArray sessions, String venueId) {
        return sessions.stream()
                .filter(JsonObject.class::isInstance)
                .map(JsonObject.class::cast)
                .filter(s -> s.getValue("venue") instanceof JsonObject venue && venueId.equals(venue.getString("id")))
                .toList();
    }

    private Uni<Result> form(
            Visit v,
            JsonObject venue,
            Map<String, String> values,
            List<VenueForm.RoomRow> rooms,
            Map<String, String> errors,
            String message,
            int status) {
        return partnerGroupsOfHerOrganisation(v)
                .map(known -> formPage(v, venue, values, rooms, errors, message, status, known));
    }

    /**
     * Her organisation's partner groups, to choose from (null when they cannot be listed just now: the form then offers
     * the venue's own links only, and saving still checks every new one). Another organisation's never: Keycloak is
     * asked for the accounts of the organisation in her token, and each account's organisation is checked again.
     */
    private Uni<List<String>> partnerGroupsOfHerOrganisation(Visit v) {
        String organisation = organisation(v);
        if (organisation == null) {
            return Uni.createFrom().nullItem();
        }
        return keycloak.adminToken()
                .flatMap(admin -> keycloak.partnerGroupsOf(admin, organisation))
                .onFailure()
                .recoverWithNull();
    }

    /** The organisation in her token (the event service's own check of the same claim decides what she may change). */
    private static String organisation(Visit v) {
        return v.identity().getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("org") != null
                ? String.valueOf((Object) jwt.getClaim("org")).replace("\"", "")
                : null;
    }

    private Result formPage(
            Visit v,
            JsonObject venue,
            Map<String, String> values,
            List<VenueForm.RoomRow> rooms,
            Map<String, String> errors,
            String message,
            int status,
            List<String> knownPartnerGroups) {
        Language language = v.language();
        Map<String, String> vt = VenueText.of(language);
        Map<String, Object> data = page(v);
        data.put("venue", venue == null ? null : row(venue, language));
        data.put("action", venue == null ? "/staff/venues/new" : "/staff/venues/" + venue.getString("id"));
        List<StaffViews.Field> fields = new ArrayList<>();
        for (String name : List.of("nameJa", "nameEn", "area", "areaEn", "address")) {
            fields.add(field(name, "text", vt, values, errors));
        }
        data.put("fields", fields);
        String visibility = values.getOrDefault("addressVisibility", "");
        data.put(
                "visibilities",
                VenueForm.VISIBILITIES.stream()
                        .map(value ->
                                new StaffViews.Option(value, visibility(value, language), value.equals(visibility)))
                        .toList());
        data.put("visibilityError", errors.get("addressVisibility"));
        data.put(
                "notes",
                List.of(
                        field("accessibilityJa", "textarea", vt, values, errors),
                        field("accessibilityEn", "textarea", vt, values, errors),
                        field("capacityCeiling", "number", vt, values, errors),
                        field("canHostChildcare", "checkbox", vt, values, errors)));
        data.put(
                "partnerChoices",
                VenueForm.partnerChoices(
                        knownPartnerGroups, VenueForm.linked(venue), values.get("partnerGroups"), language));
        data.put("partnerGroupsUnlisted", knownPartnerGroups == null);
        data.put("partnerGroupsError", errors.get("partnerGroups"));
        data.put("rooms", rooms);
        data.put("roomsError", errors.get("rooms"));
        List<StaffViews.ErrorLink> list = new ArrayList<>();
        for (String field : VenueForm.FIELDS) {
            if (errors.containsKey(field)) {
                list.add(new StaffViews.ErrorLink(field, errors.get(field)));
            }
        }
        for (VenueForm.RoomRow room : rooms) {
            if (room.error() != null) {
                list.add(new StaffViews.ErrorLink("roomName" + room.index(), room.error()));
            }
        }
        data.put("errorList", list);
        data.put("formError", errors.get("form"));
        data.put("hasErrors", !errors.isEmpty());
        data.put("message", message);
        return new Html(status, "staff/venue-form", data);
    }

    private Map<String, Object> page(Visit v) {
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "staff-venues");
        data.put("st", StaffText.of(v.language()));
        data.put("vt", VenueText.of(v.language()));
        return data;
    }

    private Uni<JsonObject> manage(Visit v, UUID id) {
        return services.get("event", "/api/events/venues/" + id + "/manage", v.token())
                .map(answer -> answer.ok() ? answer.object() : null);
    }

    private static StaffViews.Field field(
            String name, String type, Map<String, String> vt, Map<String, String> values, Map<String, String> errors) {
        return new StaffViews.Field(
                name, vt.get(name), type, values.getOrDefault(name, ""), errors.get(name), List.of());
    }
}
