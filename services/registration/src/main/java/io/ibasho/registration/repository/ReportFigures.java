package io.ibasho.registration.repository;

/**
 * The SQL that counts a session's report figures from its registrations (alias {@code r}, session copy {@code c}),
 * shared by the live report and by retention, so that a session counts the same before and after it is reduced to
 * totals.
 */
final class ReportFigures {
    private ReportFigures() {}

    /** Lottery applications: everything that came in before the lottery closed (leftover first-come seats are not). */
    static final String APPLICATIONS = "count(*) filter (where c.allocation = 'LOTTERY' "
            + "and (c.application_closes_at is null or r.created_at <= c.application_closes_at))";

    /** One row per booking with its children counted by age band; only confirmed bookings with childcare reserved. */
    static final String CHILDREN_OF_EACH_BOOKING = " left join lateral (select "
            + "count(*) filter (where age <= 2) as band_0_2, "
            + "count(*) filter (where age between 3 and 5) as band_3_5, "
            + "count(*) filter (where age >= 6) as band_6_up "
            + "from unnest(string_to_array(r.children_ages, ',')::int[]) as ages(age)) k "
            + "on r.status = 'CONFIRMED' and r.childcare_status = 'RESERVED' ";

    static final String CHILDREN_BY_BAND =
            "coalesce(sum(k.band_0_2), 0), coalesce(sum(k.band_3_5), 0), coalesce(sum(k.band_6_up), 0)";
}
