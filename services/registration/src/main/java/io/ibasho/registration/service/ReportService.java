package io.ibasho.registration.service;

import io.ibasho.registration.report.Figure;
import io.ibasho.registration.report.YearReport;
import io.ibasho.registration.repository.ReportStore;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An organisation's anonymous report (issue #18, docs/adr/0021): per venue, kind and month, the sessions held and what
 * happened at them ({@link ReportStore#heldSessions}), with the targets set for the year.
 */
@ApplicationScoped
public class ReportService {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /** A target that is no count: 満足度 in per cent (satisfied / survey answers), e.g. 80. */
    public static final String SATISFACTION_PERCENT = "satisfactionPercent";

    private final Clock clock;

    public ReportService(Clock clock) {
        this.clock = clock;
    }

    /** The year's report with small counts hidden, and the targets set for it. */
    public record ReportWithTargets(String organisationId, YearReport report, Map<String, Integer> targets) {}

    @WithSession
    public Uni<ReportWithTargets> year(String organisationId, int year) {
        OffsetDateTime from =
                java.time.LocalDate.of(year, 1, 1).atStartOfDay(TOKYO).toOffsetDateTime();
        OffsetDateTime to = from.atZoneSameInstant(TOKYO).plusYears(1).toOffsetDateTime();
        return ReportStore.heldSessions(organisationId, OffsetDateTime.now(clock), from, to)
                .map(sessions -> YearReport.of(year, sessions))
                .flatMap(report -> targets(organisationId, year)
                        .map(targets -> new ReportWithTargets(organisationId, report, targets)));
    }

    /** Sets (or, with null, removes) the year's targets given; the others stay. Unknown figures are refused earlier. */
    @WithTransaction
    public Uni<Map<String, Integer>> setTargets(String organisationId, int year, Map<String, Integer> targets) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Uni<Integer> all = Uni.createFrom().item(0);
        for (Map.Entry<String, Integer> target : targets.entrySet()) {
            all = all.flatMap(ignored -> target.getValue() == null
                    ? ReportStore.removeTarget(organisationId, year, target.getKey())
                    : ReportStore.setTarget(organisationId, year, target.getKey(), target.getValue(), now));
        }
        return all.flatMap(ignored -> targets(organisationId, year));
    }

    /** The targets set, in the order of the report's figures, satisfaction last. */
    private static Uni<Map<String, Integer>> targets(String organisationId, int year) {
        return ReportStore.targets(organisationId, year).map(set -> {
            Map<String, Integer> targets = new LinkedHashMap<>();
            List<String> keys = new java.util.ArrayList<>(
                    Figure.ALL.stream().map(Figure::key).toList());
            keys.add(SATISFACTION_PERCENT);
            for (String key : keys) {
                if (set.containsKey(key)) {
                    targets.put(key, set.get(key));
                }
            }
            return targets;
        });
    }
}
