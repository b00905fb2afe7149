package io.ibasho.gateway.web.staff;

import static io.ibasho.gateway.web.PageFlow.errorPage;

import io.ibasho.gateway.BrowserSessions;
import io.ibasho.gateway.FormBody;
import io.ibasho.gateway.web.Language;
import io.ibasho.gateway.web.PageFlow;
import io.ibasho.gateway.web.PageFlow.Html;
import io.ibasho.gateway.web.PageFlow.Raw;
import io.ibasho.gateway.web.PageFlow.Result;
import io.ibasho.gateway.web.PageFlow.Visit;
import io.ibasho.gateway.web.Roles;
import io.ibasho.gateway.web.ServiceCalls;
import io.ibasho.gateway.web.Wording;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * 組織のレポート: the organisation's anonymous year report from the registration service (already with small counts
 * hidden there), as tables, a month chart drawn on the server, targets beside results and a CSV download. Organisers
 * and the organisation's read-only funders see it; only organisers set targets.
 */
@ApplicationScoped
public class ReportPages {
    /** What a hidden cell shows on the page and in the chart; the CSV writes {@link #CSV_HIDDEN}. */
    static final String HIDDEN = "—";
    /** As Japanese statistical tables mark a cell kept secret (秘匿). */
    static final String CSV_HIDDEN = "x";

    @Inject
    PageFlow flow;

    @Inject
    ServiceCalls services;

    @Inject
    Clock clock;

    void routes(@Observes Router router) {
        router.get("/staff/report").order(900).handler(ctx -> flow.page(ctx, true, reader(this::report)));
        router.get("/staff/report.csv").order(900).handler(ctx -> flow.page(ctx, true, reader(this::csv)));
        router.post("/staff/report/targets")
                .order(900)
                .handler(ctx -> FormBody.read(
                        ctx, form -> flow.page(ctx, true, OrganiserSessionPages.organiser(v -> targets(v, form)))));
    }

    static Function<Visit, Uni<Result>> reader(Function<Visit, Uni<Result>> page) {
        return v -> v.hasRole(Roles.ORGANISER) || v.hasRole(Roles.FUNDER)
                ? page.apply(v)
                : Uni.createFrom().item(PageFlow.notAllowed());
    }

    /** The figures in the order the tables show them, with their words. */
    static Map<String, String> figureNames(Language language) {
        boolean ja = language == Language.JA;
        Map<String, String> names = new LinkedHashMap<>();
        names.put("sessions", ja ? "開催回数" : "Sessions held");
        names.put("seats", ja ? "定員（延べ）" : "Seats offered");
        names.put("participants", ja ? "延べ参加者（出席＋飛び入り）" : "Participants (attended + drop-ins)");
        names.put("bookings", ja ? "予約" : "Bookings");
        names.put("attended", ja ? "出席" : "Attended");
        names.put("noShows", ja ? "欠席" : "No-shows");
        names.put("dropIns", ja ? "飛び入り" : "Drop-ins");
        names.put("applications", ja ? "抽選の申込" : "Lottery applications");
        names.put("children0to2", ja ? "託児延べ 0〜2歳" : "Childcare, ages 0-2");
        names.put("children3to5", ja ? "託児延べ 3〜5歳" : "Childcare, ages 3-5");
        names.put("children6up", ja ? "託児延べ 6歳以上" : "Childcare, ages 6+");
        names.put("surveyAnswers", ja ? "アンケートの回答" : "Survey answers");
        names.put("satisfied", ja ? "満足（5段階の4・5）" : "Satisfied (4 or 5 of 5)");
        names.put("comeAgain", ja ? "また来たい" : "Would come again");
        return names;
    }

    public record YearRow(String key, String label, String result, String target, String rate, String targetValue) {}

    public record MonthRow(String label, List<String> cells, String year) {}

    public record LineRow(String venue, String kind, List<String> cells) {}

    private int year(Visit v) {
        String asked = v.ctx().request().getParam("year");
        int now = Year.now(clock.withZone(SessionForm.TOKYO)).getValue();
        if (asked == null || !asked.matches("\\d{4}")) {
            return now;
        }
        int year = Integer.parseInt(asked);
        return year < 2000 || year > 2100 ? now : year;
    }

    private Uni<ServiceCalls.Answer> fetch(Visit v, int year) {
        return services.get("registration", "/api/registrations/reports/" + year, v.token());
    }

    private Uni<Result> report(Visit v) {
        return page(v, year(v), null, 200);
    }

    private Uni<Result> page(Visit v, int year, String message, int status) {
        return fetch(v, year).map(answer -> {
            if (!answer.ok()) {
                return errorPage(answer.status() == 403 ? 403 : 503);
            }
            JsonObject report = answer.object();
            Language language = v.language();
            boolean ja = v.ja();
            Map<String, String> names = figureNames(language);
            JsonObject total = report.getJsonObject("total", new JsonObject());
            JsonObject yearTotals = total.getJsonObject("year", new JsonObject());
            JsonObject monthTotals = total.getJsonObject("months", new JsonObject());
            JsonObject targets = report.getJsonObject("targets", new JsonObject());

            List<YearRow> yearRows = new ArrayList<>();
            names.forEach((key, label) -> {
                Integer result = yearTotals.getInteger(key);
                Integer target = targets.getInteger(key);
                String rate = target == null || target == 0 || result == null
                        ? ""
                        : Math.round(result * 1000.0 / target) / 10.0 + " %";
                yearRows.add(new YearRow(
                        key,
                        label,
                        cell(result),
                        target == null ? "" : target.toString(),
                        rate,
                        target == null ? "" : target.toString()));
            });
            // 満足度: the seeds' headline figure, satisfied of the answers, beside its target in per cent
            Integer answers = yearTotals.getInteger("surveyAnswers");
            Integer satisfied = yearTotals.getInteger("satisfied");
            Integer satisfactionTarget = targets.getInteger("satisfactionPercent");
            yearRows.add(new YearRow(
                    "satisfactionPercent",
                    ja ? "満足度（%）" : "Satisfaction (%)",
                    answers == null || satisfied == null || answers == 0
                            ? HIDDEN
                            : Math.round(satisfied * 1000.0 / answers) / 10.0 + " %",
                    satisfactionTarget == null ? "" : satisfactionTarget + " %",
                    "",
                    satisfactionTarget == null ? "" : satisfactionTarget.toString()));
            List<MonthRow> monthRows = new ArrayList<>();
            names.forEach((key, label) -> monthRows.add(new MonthRow(
                    label, cells(monthTotals.getJsonArray(key, new JsonArray())), cell(yearTotals.getInteger(key)))));
            List<LineRow> lineRows = new ArrayList<>();
            for (Object o : report.getJsonArray("lines", new JsonArray())) {
                if (o instanceof JsonObject line) {
                    JsonObject lineYear = line.getJsonObject("year", new JsonObject());
                    List<String> cells = new ArrayList<>();
                    names.keySet().forEach(key -> cells.add(cell(lineYear.getInteger(key))));
                    lineRows.add(
                            new LineRow(venue(line, language), Wording.kind(line.getString("kind"), language), cells));
                }
            }
            List<String> monthLabels = new ArrayList<>();
            for (int m = 1; m <= 12; m++) {
                monthLabels.add(
                        ja
                                ? m + "月"
                                : java.time.Month.of(m)
                                        .getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH));
            }
            List<Integer> participants = new ArrayList<>();
            JsonArray monthly = monthTotals.getJsonArray("participants", new JsonArray());
            for (int m = 0; m < 12; m++) {
                participants.add(m < monthly.size() ? monthly.getInteger(m) : Integer.valueOf(0));
            }
            Map<String, Object> data = new HashMap<>();
            data.put("nav", "staff-report");
            data.put("st", StaffText.of(language));
            data.put("heading", ja ? year + "年" : String.valueOf(year));
            data.put("year", year);
            data.put("prevHref", "/staff/report?year=" + (year - 1));
            data.put("nextHref", "/staff/report?year=" + (year + 1));
            data.put("csvHref", "/staff/report.csv?year=" + year);
            data.put("yearRows", yearRows);
            data.put("monthLabels", monthLabels);
            data.put("monthRows", monthRows);
            data.put("figureLabels", new ArrayList<>(names.values()));
            data.put("lineRows", lineRows);
            data.put("empty", lineRows.isEmpty());
            data.put("canSetTargets", v.hasRole(Roles.ORGANISER));
            data.put("message", message);
            data.put(
                    "chart",
                    ReportChart.bars(
                            participants,
                            monthLabels,
                            ja ? year + "年の月ごとの延べ参加者（— は非表示）" : "Participants per month in " + year + " (— hidden)",
                            HIDDEN,
                            "report-chart-title"));
            return (Result) new Html(status, "staff/report", data);
        });
    }

    private Uni<Result> csv(Visit v) {
        int year = year(v);
        return fetch(v, year).map(answer -> {
            if (!answer.ok()) {
                return errorPage(answer.status() == 403 ? 403 : 503);
            }
            v.ctx()
                    .response()
                    .putHeader("Content-Disposition", "attachment; filename=\"ibasho-report-" + year + ".csv\"")
                    .putHeader("Cache-Control", "no-store");
            return (Result) new Raw(200, "text/csv; charset=utf-8", Buffer.buffer(csv(answer.object(), v.language())));
        });
    }

    /**
     * One row per venue, kind and figure (the organisation's total last, venue 「合計」), the twelve months, the year and
     * the target; a hidden cell is {@value #CSV_HIDDEN}. A BOM first, so that Excel in Japan reads it as UTF-8.
     */
    static String csv(JsonObject report, Language language) {
        boolean ja = language == Language.JA;
        Map<String, String> names = figureNames(language);
        StringBuilder out = new StringBuilder("\uFEFF");
        List<String> header = new ArrayList<>(List.of(
                ja ? "年" : "year",
                ja ? "会場" : "venue",
                ja ? "種類" : "kind",
                ja ? "項目" : "figure",
                // the column's values stay the same stable keys in both languages (for formulas); only its name is said
                ja ? "項目キー" : "figure_key"));
        for (int m = 1; m <= 12; m++) {
            header.add(ja ? m + "月" : "month_" + m);
        }
        header.add(ja ? "年間" : "year_total");
        header.add(ja ? "目標" : "target");
        row(out, header);
        List<JsonObject> lines = new ArrayList<>();
        for (Object o : report.getJsonArray("lines", new JsonArray())) {
            if (o instanceof JsonObject line) {
                lines.add(line);
            }
        }
        JsonObject targets = report.getJsonObject("targets", new JsonObject());
        String year = String.valueOf(report.getInteger("year"));
        for (JsonObject line : lines) {
            names.forEach((key, label) -> row(
                    out,
                    lineCells(
                            year,
                            venue(line, language),
                            Wording.kind(line.getString("kind"), language),
                            key,
                            label,
                            line,
                            null)));
        }
        JsonObject total = report.getJsonObject("total", new JsonObject());
        names.forEach((key, label) ->
                row(out, lineCells(year, ja ? "合計" : "Total", "", key, label, total, targets.getInteger(key))));
        return out.toString();
    }

    private static List<String> lineCells(
            String year, String venue, String kind, String key, String label, JsonObject line, Integer target) {
        List<String> cells = new ArrayList<>(List.of(year, venue, kind, label, key));
        JsonArray months = line.getJsonObject("months", new JsonObject()).getJsonArray(key, new JsonArray());
        for (int m = 0; m < 12; m++) {
            Integer value = m < months.size() ? months.getInteger(m) : null;
            cells.add(value == null ? CSV_HIDDEN : value.toString());
        }
        Integer yearValue = line.getJsonObject("year", new JsonObject()).getInteger(key);
        cells.add(yearValue == null ? CSV_HIDDEN : yearValue.toString());
        cells.add(target == null ? "" : target.toString());
        return cells;
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(csvCell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** Quoted, and a venue name that starts like a formula is defused, so a spreadsheet never runs it. */
    static String csvCell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private Uni<Result> targets(Visit v, MultiMap form) {
        if (!BrowserSessions.csrfValid(v.ctx(), form.get(BrowserSessions.CSRF_FORM_FIELD))) {
            return Uni.createFrom().item(errorPage(403));
        }
        String yearText = form.get("year");
        if (yearText == null || !yearText.matches("\\d{4}")) {
            return Uni.createFrom().item(errorPage(400));
        }
        int year = Integer.parseInt(yearText);
        boolean ja = v.ja();
        Map<String, Object> targets = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(figureNames(v.language()).keySet());
        keys.add("satisfactionPercent");
        for (String key : keys) {
            String value = form.get("target-" + key);
            if (value == null) {
                continue;
            }
            String trimmed = value.strip();
            if (trimmed.isEmpty()) {
                targets.put(key, null);
            } else if (trimmed.matches("\\d{1,7}")) {
                targets.put(key, Integer.parseInt(trimmed));
            } else {
                return page(v, year, ja ? "目標は 0 以上の整数で入力してください。" : "A target is a whole number, 0 or more.", 400);
            }
        }
        if (targets.isEmpty()) {
            return page(v, year, null, 200);
        }
        return services.put(
                        "registration",
                        "/api/registrations/reports/" + year + "/targets",
                        v.token(),
                        Map.of("targets", targets),
                        v.ctx().request())
                .flatMap(answer -> answer.ok()
                        ? page(v, year, ja ? "目標を保存しました。" : "Targets saved.", 200)
                        : page(
                                v,
                                year,
                                ja ? "目標を保存できませんでした。" : "The targets could not be saved.",
                                answer.status() >= 500 ? 503 : 400));
    }

    private static String venue(JsonObject line, Language language) {
        String ja = line.getString("venueNameJa");
        String en = line.getString("venueNameEn");
        String name = language == Language.EN && en != null && !en.isBlank() ? en : ja;
        if (name == null || name.isBlank()) {
            return language == Language.JA ? "会場なし" : "No venue";
        }
        return name;
    }

    private static String cell(Integer value) {
        return value == null ? HIDDEN : value.toString();
    }

    private static List<String> cells(JsonArray values) {
        List<String> cells = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            cells.add(m < values.size() ? cell(values.getInteger(m)) : "0");
        }
        return cells;
    }
}
