package io.ibasho.registration.rest;

import io.ibasho.plumbing.refusal.FieldViolation;
import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.registration.report.Figure;
import io.ibasho.registration.report.SmallCountSuppression;
import io.ibasho.registration.report.YearReport;
import io.ibasho.registration.service.ReportService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The organisation's anonymous report for the city and funders (issue #18): organisers and the organisation's
 * read-only funders read it; organisers set the yearly targets. Always the caller's own organisation (the token's
 * {@code org}), so there is no other organisation's report to ask for.
 */
@Path("/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {
    static final int MAX_TARGET = 1_000_000;

    private final ReportService reports;
    private final JsonWebToken token;

    public ReportResource(ReportService reports, JsonWebToken token) {
        this.reports = reports;
        this.token = token;
    }

    /**
     * The report as served: lines per venue and kind, each figure's twelve months and year (null = hidden because it
     * counts fewer than {@code suppressedBelow} people or would reveal such a count), the total, the targets.
     */
    public record ReportView(
            String organisationId,
            int year,
            int suppressedBelow,
            List<String> figures,
            List<YearReport.Line> lines,
            YearReport.Line total,
            Map<String, Integer> targets) {}

    /** Targets by figure key; a null value removes that figure's target. */
    public record TargetsRequest(Map<String, Integer> targets) {}

    @GET
    @Path("/{year}")
    @RolesAllowed({"organiser", "funder"})
    @Operation(summary = "Organiser or funder: the organisation's anonymous year report, small counts hidden")
    public Uni<ReportView> year(@PathParam("year") int year) {
        String organisation = organisation();
        return reports.year(organisation, checkedYear(year))
                .map(r -> new ReportView(
                        r.organisationId(),
                        r.report().year(),
                        SmallCountSuppression.THRESHOLD,
                        Figure.ALL.stream().map(Figure::key).toList(),
                        r.report().lines(),
                        r.report().total(),
                        r.targets()));
    }

    @PUT
    @Path("/{year}/targets")
    @RolesAllowed("organiser")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Organiser: set the year's target per figure (null removes one), shown beside the result")
    public Uni<Map<String, Integer>> setTargets(@PathParam("year") int year, TargetsRequest request) {
        String organisation = organisation();
        int checkedYear = checkedYear(year);
        if (request == null || request.targets() == null || request.targets().isEmpty()) {
            throw Refusal.badRequest(
                    "invalid-targets",
                    "a JSON body {\"targets\": {\"participants\": 400}} with at least one figure is required.");
        }
        List<FieldViolation> violations = new ArrayList<>();
        Map<String, Integer> targets = new LinkedHashMap<>();
        request.targets().forEach((key, value) -> {
            var figure = Figure.byKey(key);
            if (ReportService.SATISFACTION_PERCENT.equals(key)) {
                if (value != null && (value < 0 || value > 100)) {
                    violations.add(
                            new FieldViolation("targets." + key, "a percentage from 0 to 100", "TARGET_OUT_OF_RANGE"));
                } else {
                    targets.put(key, value);
                }
            } else if (figure.isEmpty()) {
                violations.add(new FieldViolation(
                        "targets." + key,
                        "unknown figure; one of "
                                + String.join(
                                        ", ",
                                        Figure.ALL.stream().map(Figure::key).toList()),
                        "UNKNOWN_FIGURE"));
            } else if (value != null && (value < 0 || value > MAX_TARGET)) {
                violations.add(new FieldViolation(
                        "targets." + key, "a target is a whole number from 0 to " + MAX_TARGET, "TARGET_OUT_OF_RANGE"));
            } else {
                targets.put(figure.get().key(), value);
            }
        });
        if (!violations.isEmpty()) {
            throw Refusal.invalidFields(violations);
        }
        return reports.setTargets(organisation, checkedYear, targets);
    }

    private static int checkedYear(int year) {
        if (year < 2000 || year > 2100) {
            throw Refusal.badRequest("invalid-year", "year is a four-digit year between 2000 and 2100.");
        }
        return year;
    }

    private String organisation() {
        Object org = token.getClaim("org");
        if (org == null || org.toString().isBlank()) {
            throw Refusal.forbidden("no-organisation", "this account belongs to no organisation.");
        }
        return org.toString().replace("\"", "");
    }
}
