package io.ibasho.registration.service;

import io.ibasho.registration.report.Figure;
import io.ibasho.registration.report.SessionFigures;
import io.ibasho.registration.report.YearReport;
import io.quarkus.hibernate.reactive.panache.Panache;
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
 * happened at them. A session already reduced by retention counts from its totals, any other from its (possibly
 * anonymised) registrations with the same SQL, so neither retention nor her erasure changes a figure.
 */
@ApplicationScoped
public class ReportService {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private static final String HELD_SESSIONS = "select "
            + "cast(extract(month from c.starts_at at time zone 'Asia/Tokyo') as integer), "
            + "c.venue_id, c.venue_name_ja, c.venue_name_en, c.kind, "
            + "case when c.allocation = 'NONE' then 0 else coalesce(c.capacity, 0) end, "
            + "coalesce(t.confirmed, l.confirmed), coalesce(t.attended, l.attended), coalesce(t.no_show, l.no_show), "
            + "coalesce(t.drop_ins, c.drop_in_count), coalesce(t.applications, l.applications), "
            + "coalesce(t.children_0_2, l.children_0_2), coalesce(t.children_3_5, l.children_3_5), "
            + "coalesce(t.children_6_up, l.children_6_up), "
            + "sv.answers, sv.satisfied, sv.come_again "
            + "from session_copy c "
            + "left join session_registration_total t on t.session_id = c.id "
            + "left join lateral (select "
            + "count(*) filter (where r.status = 'CONFIRMED') as confirmed, "
            + "count(*) filter (where r.status = 'CONFIRMED' and r.attendance = 'ATTENDED') as attended, "
            + "count(*) filter (where r.status = 'CONFIRMED' and r.attendance = 'NO_SHOW') as no_show, "
            + ReportFigures.APPLICATIONS + " as applications, "
            + "coalesce(sum(k.band_0_2), 0) as children_0_2, coalesce(sum(k.band_3_5), 0) as children_3_5, "
            + "coalesce(sum(k.band_6_up), 0) as children_6_up "
            + "from registration r " + ReportFigures.CHILDREN_OF_EACH_BOOKING
            + "where r.session_id = c.id) l on t.session_id is null "
            // survey answers name no registration: they stay through retention and erasure as they are
            + "left join lateral (select count(*) as answers, count(*) filter (where a.satisfaction >= 4) as satisfied, "
            + "count(*) filter (where a.come_again) as come_again from survey_answer a where a.session_id = c.id) sv on true "
            + "where c.organisation_id = :org and c.status <> 'CANCELLED' "
            + "and coalesce(c.ends_at, c.starts_at) < :now and c.starts_at >= :from and c.starts_at < :to";

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
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(HELD_SESSIONS, Object[].class)
                        .setParameter("org", organisationId)
                        .setParameter("now", OffsetDateTime.now(clock))
                        .setParameter("from", from)
                        .setParameter("to", to)
                        .getResultList())
                .map(rows -> rows.stream().map(ReportService::figures).toList())
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
            all = all.flatMap(ignored -> Panache.getSession()
                    .flatMap(s -> target.getValue() == null
                            ? s.createNativeQuery(
                                            "delete from report_target where organisation_id = :org and year = :year "
                                                    + "and figure = :figure")
                                    .setParameter("org", organisationId)
                                    .setParameter("year", year)
                                    .setParameter("figure", target.getKey())
                                    .executeUpdate()
                            : s.createNativeQuery(
                                            "insert into report_target (organisation_id, year, figure, target, set_at) "
                                                    + "values (:org, :year, :figure, :target, :now) on conflict (organisation_id, year, figure) "
                                                    + "do update set target = excluded.target, set_at = excluded.set_at")
                                    .setParameter("org", organisationId)
                                    .setParameter("year", year)
                                    .setParameter("figure", target.getKey())
                                    .setParameter("target", target.getValue())
                                    .setParameter("now", now)
                                    .executeUpdate()));
        }
        return all.flatMap(ignored -> targets(organisationId, year));
    }

    private static Uni<Map<String, Integer>> targets(String organisationId, int year) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select figure, target from report_target where organisation_id = :org and year = :year",
                                Object[].class)
                        .setParameter("org", organisationId)
                        .setParameter("year", year)
                        .getResultList())
                .map(rows -> {
                    Map<String, Integer> targets = new LinkedHashMap<>();
                    List<String> keys = new java.util.ArrayList<>(
                            Figure.ALL.stream().map(Figure::key).toList());
                    keys.add(SATISFACTION_PERCENT);
                    for (String key : keys) {
                        rows.stream()
                                .filter(row -> key.equals(row[0]))
                                .findFirst()
                                .ifPresent(row -> targets.put(key, ((Number) row[1]).intValue()));
                    }
                    return targets;
                });
    }

    private static SessionFigures figures(Object[] row) {
        return new SessionFigures(
                number(row[0]),
                (String) row[1],
                (String) row[2],
                (String) row[3],
                (String) row[4],
                number(row[5]),
                number(row[6]),
                number(row[7]),
                number(row[8]),
                number(row[9]),
                number(row[10]),
                number(row[11]),
                number(row[12]),
                number(row[13]),
                number(row[14]),
                number(row[15]),
                number(row[16]));
    }

    private static int number(Object value) {
        return value == null ? 0 : ((Number) value).intValue();
    }
}
