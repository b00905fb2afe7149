package io.ibasho.registration.repository;

import io.ibasho.registration.report.SessionFigures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's figures per session held, and the targets an organisation sets per year. A session already reduced by
 * retention counts from its totals, any other from its (possibly anonymised) registrations with the same SQL
 * ({@link ReportFigures}), so neither retention nor her erasure changes a figure.
 */
public final class ReportStore {
    private ReportStore() {}

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

    /** The organisation's sessions held (not cancelled, ended before {@code now}) that started in [from, to). */
    public static Uni<List<SessionFigures>> heldSessions(
            String organisationId, OffsetDateTime now, OffsetDateTime from, OffsetDateTime to) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(HELD_SESSIONS, Object[].class)
                        .setParameter("org", organisationId)
                        .setParameter("now", now)
                        .setParameter("from", from)
                        .setParameter("to", to)
                        .getResultList())
                .map(rows -> rows.stream().map(ReportStore::figures).toList());
    }

    /** The year's targets by figure key. */
    public static Uni<Map<String, Integer>> targets(String organisationId, int year) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select figure, target from report_target where organisation_id = :org and year = :year",
                                Object[].class)
                        .setParameter("org", organisationId)
                        .setParameter("year", year)
                        .getResultList())
                .map(rows -> {
                    Map<String, Integer> targets = new HashMap<>();
                    rows.forEach(row -> targets.put((String) row[0], ((Number) row[1]).intValue()));
                    return targets;
                });
    }

    public static Uni<Integer> setTarget(
            String organisationId, int year, String figure, int target, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "insert into report_target (organisation_id, year, figure, target, set_at) "
                                        + "values (:org, :year, :figure, :target, :now) on conflict (organisation_id, year, figure) "
                                        + "do update set target = excluded.target, set_at = excluded.set_at")
                        .setParameter("org", organisationId)
                        .setParameter("year", year)
                        .setParameter("figure", figure)
                        .setParameter("target", target)
                        .setParameter("now", now)
                        .executeUpdate());
    }

    public static Uni<Integer> removeTarget(String organisationId, int year, String figure) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "delete from report_target where organisation_id = :org and year = :year and figure = :figure")
                        .setParameter("org", organisationId)
                        .setParameter("year", year)
                        .setParameter("figure", figure)
                        .executeUpdate());
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
