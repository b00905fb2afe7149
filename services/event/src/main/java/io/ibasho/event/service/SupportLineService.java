package io.ibasho.event.service;

import io.ibasho.event.SupportLine;
import io.ibasho.event.mapping.VenueMapper;
import io.ibasho.event.repository.TransactionLocks;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The places each organisation points women to (相談窓口): public, replaced as a whole list by its organisers. */
@ApplicationScoped
public class SupportLineService {
    private final Clock clock;

    public SupportLineService(Clock clock) {
        this.clock = clock;
    }

    /** Every organisation's lines, or one organisation's, in each organisation's own order. */
    @WithSession
    public Uni<List<SupportLine>> lines(String organisationId) {
        return organisationId == null || organisationId.isBlank()
                ? SupportLine.list("order by organisationId, position")
                : SupportLine.list("organisationId = ?1 order by position", organisationId);
    }

    @WithTransaction
    public Uni<List<SupportLine>> replace(String organisationId, SupportLinesRequest request) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<SupportLine> lines = new ArrayList<>();
        for (int i = 0; i < request.lines().size(); i++) {
            var given = request.lines().get(i);
            SupportLine line = new SupportLine();
            line.id = UUID.randomUUID();
            line.organisationId = organisationId;
            line.position = i + 1;
            line.nameJa = given.nameJa().strip();
            line.nameEn = VenueMapper.blankToNull(given.nameEn());
            line.phone = VenueMapper.blankToNull(given.phone());
            line.hoursJa = VenueMapper.blankToNull(given.hoursJa());
            line.hoursEn = VenueMapper.blankToNull(given.hoursEn());
            line.helpsWithJa = VenueMapper.blankToNull(given.helpsWithJa());
            line.helpsWithEn = VenueMapper.blankToNull(given.helpsWithEn());
            line.updatedAt = now;
            lines.add(line);
        }
        // One replacement per organisation at a time (two organisers saving at once would otherwise both delete
        // the old list and collide on the positions); deleted and flushed before the new rows take the positions.
        return TransactionLocks.take("support-lines:" + organisationId)
                .call(ignored -> SupportLine.delete("organisationId", organisationId))
                .call(ignored -> Panache.getSession().flatMap(session -> session.flush()))
                .call(ignored -> lines.isEmpty() ? Uni.createFrom().voidItem() : SupportLine.persist(lines))
                .replaceWith(lines);
    }
}
