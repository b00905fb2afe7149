package io.ibasho.registration.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.YearMonth;
import java.util.Set;
import java.util.UUID;

/** Who already won a lottery seat this month, for the once-a-month rule (docs/lottery.md, "Once a month"). */
public final class MonthWinners {
    private MonthWinners() {}

    /**
     * In one query, the accounts holding a seat, confirmed or offered and not lapsed, in another lottery session of any
     * organisation on Ibasho, of any kind, whose applications closed in the given calendar month (Asia/Tokyo). A
     * cancelled or declined win does not count.
     */
    public static Uni<Set<String>> accountsHoldingASeat(YearMonth month, UUID exceptSession) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select distinct r.attendee_id from registration r join session_copy c on c.id = r.session_id "
                                        + "where r.status in ('CONFIRMED', 'OFFERED') "
                                        + "and c.allocation = 'LOTTERY' and c.id <> :session "
                                        + "and to_char(c.application_closes_at at time zone 'Asia/Tokyo', 'YYYY-MM') = :month",
                                String.class)
                        .setParameter("session", exceptSession)
                        .setParameter("month", month.toString())
                        .getResultList())
                .map(Set::copyOf);
    }
}
