package io.ibasho.gateway.web.staff;

import io.ibasho.gateway.web.Language;
import io.ibasho.gateway.web.PageFlow;
import io.ibasho.gateway.web.PageFlow.Redirect;
import io.ibasho.gateway.web.PageFlow.Result;
import io.ibasho.gateway.web.PageFlow.Visit;
import io.ibasho.gateway.web.Roles;
import io.ibasho.gateway.web.Wording;
import io.quarkus.qute.TemplateData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the staff templates show: words already made, nothing for a template to compute or translate. */
public final class StaffViews {
    private StaffViews() {}

    @TemplateData
    public record Option(String value, String label, boolean selected) {}

    /**
     * One form field: its input type, its value as typed, the message beside it when it needs fixing, and a line of
     * help under it (null for none).
     */
    @TemplateData
    public record Field(
            String name, String label, String type, String value, String error, List<Option> options, String help) {
        public Field(String name, String label, String type, String value, String error, List<Option> options) {
            this(name, label, type, value, error, options, null);
        }

        /** The same field with a line of help under it. */
        public Field withHelp(String line) {
            return new Field(name, label, type, value, error, options, line);
        }

        /** What the input's aria-describedby names: its help and its message, when it has them ("" for neither). */
        public String describedBy() {
            return ((help == null ? "" : name + "-help") + (error == null ? "" : " " + name + "-error")).strip();
        }

        public boolean checked() {
            return "1".equals(value);
        }

        /** The value as read-only pages show it: a date and time as 2026-12-24 13:30, not as the input's 2026-12-24T13:30. */
        public String shown() {
            return value != null && "datetime-local".equals(type) ? value.replace('T', ' ') : value;
        }

        /** A select's chosen option as shown (read-only pages); "" when none is chosen. */
        public String selectedLabel() {
            return options.stream()
                    .filter(Option::selected)
                    .map(Option::label)
                    .findFirst()
                    .orElse("");
        }
    }

    /**
     * A step that cannot be undone, asked before it is done: what it does (each line a consequence), the button that
     * does it and the way back. One page for every staff confirmation (cancelling a session, deleting a venue).
     */
    static PageFlow.Html confirmation(
            String nav,
            Language language,
            String heading,
            String about,
            List<String> consequences,
            String action,
            String confirmLabel,
            String backHref,
            String backLabel) {
        Map<String, Object> data = new java.util.HashMap<>();
        data.put("nav", nav);
        data.put("st", StaffText.of(language));
        data.put("heading", heading);
        data.put("about", about);
        data.put("consequences", consequences);
        data.put("action", action);
        data.put("confirmLabel", confirmLabel);
        data.put("backHref", backHref);
        data.put("backLabel", backLabel);
        return new PageFlow.Html(200, "staff/confirm", data);
    }

    @TemplateData
    public record ErrorLink(String field, String message) {}

    /** A session on the organiser's list (and the heading of its own pages). */
    @TemplateData
    public record SessionRow(
            String id,
            String title,
            String when,
            String kind,
            String status,
            String state,
            String venue,
            boolean lottery) {}

    /** One line of the door's roster: never a contact, only the nickname she chose and her booking code. */
    @TemplateData
    public record RosterLine(
            String id,
            String nickname,
            String bookingCode,
            String status,
            String attendance,
            String attendanceState,
            boolean confirmed) {}

    @TemplateData
    public record Count(String id, String label, String value) {}

    /** A session with childcare on the carers' list: counts only. */
    @TemplateData
    public record CareRow(String id, String title, String when, String children, String carers, boolean isShort) {}

    /** An age band and how many children are in it, both in words: 「1〜2歳」「3人」. */
    @TemplateData
    public record Band(String ages, String children) {
        static Band of(String band, int children, Language language) {
            return new Band(
                    ageBand(band, language), language == Language.JA ? children + "人" : String.valueOf(children));
        }
    }

    /** An age band as the services send it ("0", "1-2", "4-17") in words: 「0歳」「1〜2歳」 / "age 0", "ages 1–2". */
    static String ageBand(String band, Language language) {
        String ages = band == null ? "" : band.strip();
        boolean range = ages.contains("-");
        if (language == Language.JA) {
            return ages.replace("-", "〜") + "歳";
        }
        return (range ? "ages " : "age ") + ages.replace("-", "–");
    }

    /** A child on the care sheet: age and what the mother chose to give (a nickname, notes); no contact, no name. */
    @TemplateData
    public record Child(int family, String age, String band, String nickname, String notes, String dropInCode) {
        /** {@code dropInCode}: the handover code of childcare reserved alone at a drop-in café, else null. */
        public Child(int family, String age, String band, String nickname, String notes) {
            this(family, age, band, nickname, notes, null);
        }
    }

    /** A session on the capacity dashboard: the numbers in words, and the same as a meter's value and maximum. */
    @TemplateData
    public record CapacityLine(
            String id,
            String title,
            String when,
            String venue,
            String seats,
            int value,
            int max,
            String care,
            int careValue,
            int careMax,
            // confirmed bookings against the capacity: first come, or a lottery once drawn (its winners' seats)
            boolean seatsBooked,
            // a lottery not drawn yet: its applications, which are not bookings (0 otherwise)
            int applications,
            String waitlist,
            long waiting,
            long offersOut) {}

    @TemplateData
    public record VenueGroup(String venue, List<CapacityLine> lines) {}

    /**
     * A venue's month on the dashboard, added up: seats booked of the capacity (first come and drawn lotteries), the
     * applications of lotteries not drawn yet apart (they are not bookings), waiting and offers of every booked session.
     */
    @TemplateData
    public record VenueSummary(
            String venue,
            int sessions,
            int seatsTaken,
            int capacity,
            int lotteryApplications,
            long waiting,
            long offersOut) {}

    /** A partner's venue with its public calendar feed. */
    @TemplateData
    public record PartnerVenue(String id, String name, String area, String feedUrl) {}

    /** A session on a partner's schedule: its public face only. */
    @TemplateData
    public record ScheduleLine(
            String id, String title, String when, String venue, String status, String state, String updated) {}

    @TemplateData
    public record Webhook(String id, String url, String venues) {}

    @TemplateData
    public record Delivery(String type, String status, int attempts, String httpStatus, String at) {}

    /** One series made by the repeat form: its rule in words and every date it made. */
    @TemplateData
    /** {@code later}: how far its dates are made and that later ones come as time passes; null when all are made. */
    public record SeriesBlock(
            String id, String title, String venue, String rule, String state, List<ScheduleLine> dates, String later) {}

    /**
     * One series in her list: {@code next} is its next date in words (or that none is left, {@code hasNext} false), and
     * its state (draft, published) in words.
     */
    @TemplateData
    public record SeriesRow(
            String id,
            String title,
            String rule,
            String venue,
            String next,
            boolean hasNext,
            String status,
            String state) {}

    /** Where each staff member starts: the first screen her role allows. */
    static Uni<Result> home(Visit v) {
        String start = v.hasRole(Roles.ORGANISER)
                ? "/staff/sessions"
                : v.hasRole(Roles.CHILDCARE_STAFF)
                        ? "/staff/care"
                        : v.hasRole(Roles.PARTNER)
                                ? "/staff/partner"
                                : v.hasRole(Roles.FUNDER)
                                        ? "/staff/report"
                                        : v.hasRole(Roles.CONSULTATION) ? "/staff/consultation" : null;
        return Uni.createFrom().item(start == null ? PageFlow.notAllowed() : new Redirect(start));
    }

    static SessionRow row(JsonObject s, Language language) {
        String ja = s.getString("titleJa");
        String en = s.getString("titleEn");
        String title = language == Language.EN && en != null && !en.isBlank() ? en : ja == null ? "" : ja;
        String state = s.getString("status", "").toLowerCase(java.util.Locale.ROOT);
        JsonObject venue = s.getValue("venue") instanceof JsonObject o ? o : new JsonObject();
        String venueName = language == Language.EN && venue.getString("nameEn") != null
                ? venue.getString("nameEn")
                : venue.getString("nameJa", "");
        return new SessionRow(
                s.getString("id"),
                title,
                Wording.when(PageFlow.time(s.getString("startsAt")), PageFlow.time(s.getString("endsAt")), language),
                Wording.kind(s.getString("kind"), language),
                status(state, language),
                state,
                venueName,
                "LOTTERY".equals(s.getString("allocation")));
    }

    static String status(String state, Language language) {
        boolean ja = language == Language.JA;
        return switch (state) {
            case "draft" -> ja ? "下書き" : "Draft";
            case "published" -> ja ? "公開中" : "Published";
            case "cancelled" -> ja ? "中止" : "Cancelled";
            case "completed" -> ja ? "終了" : "Taken place";
            default -> state;
        };
    }

    /**
     * {@link SessionForm#ABOUT_FIELDS} as the session form shows them (labels, types): a series' forms show the same.
     */
    static List<Field> aboutFields(Map<String, String> values, Map<String, String> errors, Language language) {
        return sessionFields(values, errors, new JsonArray(), language).stream()
                .filter(f -> SessionForm.ABOUT_FIELDS.contains(f.name()))
                .toList();
    }

    static List<Field> sessionFields(
            Map<String, String> values, Map<String, String> errors, JsonArray venues, Language language) {
        Map<String, String> st = StaffText.of(language);
        List<Field> fields = new ArrayList<>();
        String kind = values.getOrDefault("kind", "");
        fields.add(new Field(
                "kind",
                st.get("kind"),
                "select",
                kind,
                errors.get("kind"),
                SessionForm.KINDS.stream()
                        .map(k -> new Option(k, Wording.kind(k, language), k.equals(kind)))
                        .toList()));
        fields.add(text("titleJa", "text", st, values, errors));
        fields.add(text("titleEn", "text", st, values, errors));
        fields.add(text("targetAudienceJa", "text", st, values, errors));
        // several lines of programme: a textarea (SessionForm keeps its 2,000-character limit)
        fields.add(text("descriptionJa", "textarea", st, values, errors));
        fields.add(text("bringJa", "text", st, values, errors));
        fields.add(text("feeYen", "number", st, values, errors));
        fields.add(text("date", "date", st, values, errors));
        fields.add(text("startTime", "time", st, values, errors));
        fields.add(text("endTime", "time", st, values, errors));
        String venue = values.getOrDefault("venueId", "");
        List<Option> venueOptions = new ArrayList<>();
        venueOptions.add(new Option("", st.get("noVenue"), venue.isEmpty()));
        for (Object o : venues) {
            if (o instanceof JsonObject v && v.getString("id") != null) {
                String name = language == Language.EN && v.getString("nameEn") != null
                        ? v.getString("nameEn")
                        : v.getString("nameJa", "");
                venueOptions.add(
                        new Option(v.getString("id"), name, v.getString("id").equals(venue)));
            }
        }
        fields.add(new Field("venueId", st.get("venueId"), "select", venue, errors.get("venueId"), venueOptions));
        fields.add(roomField(values.getOrDefault("roomId", ""), errors.get("roomId"), venues, language));
        fields.add(text("meetingLink", "url", st, values, errors));
        String allocation = values.getOrDefault("allocation", "");
        fields.add(new Field(
                "allocation",
                st.get("allocation"),
                "select",
                allocation,
                errors.get("allocation"),
                List.of(
                        new Option("NONE", st.get("allocationNone"), "NONE".equals(allocation)),
                        new Option("FIRST_COME", st.get("allocationFirstCome"), "FIRST_COME".equals(allocation)),
                        new Option("LOTTERY", st.get("allocationLottery"), "LOTTERY".equals(allocation)))));
        fields.add(text("capacity", "number", st, values, errors));
        fields.add(text("opens", "datetime-local", st, values, errors));
        fields.add(text("closes", "datetime-local", st, values, errors));
        fields.add(text("priorityTiers", "text", st, values, errors));
        fields.add(checkbox("oneWinPerMonth", st, values, errors));
        fields.add(checkbox("childcareRequiredToWin", st, values, errors));
        fields.add(checkbox("confirmationRequired", st, values, errors));
        fields.add(text("confirmationHours", "number", st, values, errors));
        fields.add(new Field(
                "childcare",
                st.get("childcareOffered"),
                "checkbox",
                "1".equals(values.get("childcare")) ? "1" : "",
                errors.get("childcare"),
                List.of()));
        fields.add(text("childMinAge", "number", st, values, errors));
        fields.add(text("childMaxAge", "number", st, values, errors));
        fields.add(text("carers", "number", st, values, errors));
        fields.add(text("childcareDeadline", "datetime-local", st, values, errors));
        return fields;
    }

    /** Every room of her venues, as "venue ・ room" with the value "venueId/roomId" (a room belongs to one venue). */
    static Field roomField(String chosen, String error, JsonArray venues, Language language) {
        Map<String, String> vt = VenueText.of(language);
        List<Option> options = new ArrayList<>();
        options.add(new Option("", vt.get("noRoom"), chosen.isEmpty()));
        for (Object o : venues) {
            if (o instanceof JsonObject v && v.getString("id") != null) {
                String name = language == Language.EN && v.getString("nameEn") != null
                        ? v.getString("nameEn")
                        : v.getString("nameJa", "");
                for (Object r : v.getJsonArray("rooms", new JsonArray())) {
                    if (r instanceof JsonObject room && room.getString("id") != null) {
                        String value = v.getString("id") + "/" + room.getString("id");
                        options.add(new Option(
                                value,
                                name + " ・ " + room.getString("nameJa", room.getString("id")),
                                value.equals(chosen)));
                    }
                }
            }
        }
        return new Field("roomId", vt.get("roomId"), "select", chosen, error, options);
    }

    /** The summary above a form that needs fixing: each message links to its field. */
    static List<ErrorLink> errorList(Map<String, String> errors, Language language) {
        List<ErrorLink> list = new ArrayList<>();
        for (String field : SessionForm.FIELDS) {
            if (errors.containsKey(field)) {
                list.add(new ErrorLink(field, errors.get(field)));
            }
        }
        return list;
    }

    private static Field checkbox(
            String name, Map<String, String> st, Map<String, String> values, Map<String, String> errors) {
        return new Field(
                name, st.get(name), "checkbox", "1".equals(values.get(name)) ? "1" : "", errors.get(name), List.of());
    }

    private static Field text(
            String name, String type, Map<String, String> st, Map<String, String> values, Map<String, String> errors) {
        return new Field(name, st.get(name), type, values.getOrDefault(name, ""), errors.get(name), List.of());
    }
}
