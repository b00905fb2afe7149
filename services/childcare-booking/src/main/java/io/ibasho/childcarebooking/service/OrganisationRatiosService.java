package io.ibasho.childcarebooking.service;

import io.ibasho.childcarebooking.OrganisationRatioBand;
import io.ibasho.childcarebooking.OrganisationRatios;
import io.ibasho.childcarebooking.SessionOffer;
import io.ibasho.childcarebooking.capacity.BandRatio;
import io.ibasho.childcarebooking.capacity.CarerRatios;
import io.ibasho.childcarebooking.capacity.CarerRecount;
import io.ibasho.childcarebooking.capacity.ChildcareCapacity;
import io.ibasho.childcarebooking.capacity.OrganisationRules;
import io.ibasho.childcarebooking.capacity.RatioTableCheck;
import io.ibasho.childcarebooking.mapping.SessionCapacity;
import io.ibasho.childcarebooking.repository.OrganisationRatioRows;
import io.ibasho.plumbing.refusal.FieldViolation;
import io.ibasho.plumbing.refusal.Refusal;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Each organisation's carer ratio table and cap. The organisation is always the caller's own (the token's
 * {@code org}); there is no way to name another.
 *
 * <p>A change applies to every request decided after it is saved, and to the staff views at once. It never drops a
 * confirmed child: like a change of carers, sessions whose children no longer fit are reported (here and as
 * {@code carersShort} / {@code childrenOverCap} on the session), and new requests for them are refused meanwhile.
 */
@ApplicationScoped
public class OrganisationRatiosService {
    private static final Logger LOG = Logger.getLogger(OrganisationRatiosService.class);

    private final Clock clock;

    public OrganisationRatiosService(Clock clock) {
        this.clock = clock;
    }

    /** The rules that apply to the organisation's sessions: its own if it set any, else the standard. */
    public static Uni<OrganisationRules> rulesOf(String organisationId) {
        return OrganisationRatios.<OrganisationRatios>findById(organisationId)
                .flatMap(settings -> settings == null
                        ? Uni.createFrom().item(OrganisationRules.standard())
                        : OrganisationRatioBand.<OrganisationRatioBand>list(
                                        "organisationId = ?1 order by youngest", organisationId)
                                .map(bands -> new OrganisationRules(
                                        new CarerRatios(bands.stream()
                                                .map(band ->
                                                        BandRatio.of(band.youngest, band.oldest, band.childrenPerCarer))
                                                .toList()),
                                        RatioTableCheck.toCap(settings.maxChildrenPerSession))));
    }

    @WithSession
    public Uni<RatioTableView> read(String organisationId) {
        return view(organisationId);
    }

    @WithTransaction
    public Uni<RatioTableView> replace(String organisationId, RatioTableRequest request) {
        List<RatioTableCheck.BandInput> bands = request.bands() == null
                ? null
                : request.bands().stream()
                        .map(band -> band == null
                                ? null
                                : new RatioTableCheck.BandInput(
                                        band.youngest(), band.oldest(), band.childrenPerCarer()))
                        .toList();
        List<RatioTableCheck.Finding> findings = RatioTableCheck.findings(bands, request.maxChildrenPerSession());
        if (!findings.isEmpty()) {
            return Uni.createFrom()
                    .failure(Refusal.invalidFields(findings.stream()
                            .map(finding -> new FieldViolation(finding.field(), finding.message()))
                            .toList()));
        }
        CarerRatios ratios = RatioTableCheck.toRatios(bands);
        // Create the row if missing, then lock it: two organisers saving at once are applied one after the other
        // (the last one wins whole) instead of one failing on the primary key or mixing bands.
        return OrganisationRatioRows.ensure(organisationId, OffsetDateTime.now(clock))
                .flatMap(ignored ->
                        OrganisationRatios.<OrganisationRatios>findById(organisationId, LockModeType.PESSIMISTIC_WRITE))
                .flatMap(settings -> {
                    settings.maxChildrenPerSession = request.maxChildrenPerSession();
                    settings.updatedAt = OffsetDateTime.now(clock);
                    return OrganisationRatioBand.delete("organisationId", organisationId)
                            // The deletes must reach the database before the new bands (unique organisation+youngest).
                            .call(() -> Panache.flush())
                            .call(() -> OrganisationRatioBand.persist(ratios.bands().stream()
                                    .map(ratio -> band(organisationId, ratio))
                                    .toList()));
                })
                .call(() -> Panache.flush())
                .flatMap(ignored -> view(organisationId))
                .invoke(view -> reportShortfall(organisationId, view));
    }

    /** Back to the standard and no cap of the organisation's own. */
    @WithTransaction
    public Uni<RatioTableView> reset(String organisationId) {
        return OrganisationRatios.delete("organisationId", organisationId)
                .call(() -> Panache.flush())
                .flatMap(ignored -> view(organisationId))
                .invoke(view -> reportShortfall(organisationId, view));
    }

    private static void reportShortfall(String organisationId, RatioTableView view) {
        if (!view.sessionsShort().isEmpty()) {
            // Ids and counts only, like a change of carers.
            LOG.warnf(
                    "organisation %s: %d upcoming session(s) no longer fit the new ratio table or cap; confirmed"
                            + " children are kept",
                    organisationId, view.sessionsShort().size());
        }
    }

    private static OrganisationRatioBand band(String organisationId, BandRatio ratio) {
        OrganisationRatioBand band = new OrganisationRatioBand();
        band.id = UUID.randomUUID();
        band.organisationId = organisationId;
        band.youngest = ratio.band().youngest();
        band.oldest = ratio.band().oldest();
        band.childrenPerCarer = ratio.childrenPerCarer();
        return band;
    }

    private Uni<RatioTableView> view(String organisationId) {
        return OrganisationRatios.<OrganisationRatios>findById(organisationId)
                .flatMap(settings -> rulesOf(organisationId)
                        .flatMap(rules -> sessionsShort(organisationId, rules)
                                .map(short_ -> new RatioTableView(
                                        organisationId,
                                        settings == null,
                                        rules.ratios().bands().stream()
                                                .map(ratio -> new RatioTableView.Band(
                                                        ratio.band().label(),
                                                        ratio.band().youngest(),
                                                        ratio.band().oldest(),
                                                        ratio.childrenPerCarer()))
                                                .toList(),
                                        settings == null ? null : settings.maxChildrenPerSession,
                                        short_))));
    }

    /** The organisation's published sessions that have not ended and whose confirmed children no longer fit. */
    private Uni<List<RatioTableView.SessionShort>> sessionsShort(String organisationId, OrganisationRules rules) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return SessionOffer.<SessionOffer>list(
                        "organisationId = ?1 and status = 'PUBLISHED' and coalesce(endsAt, startsAt) > ?2 order by startsAt",
                        organisationId,
                        now)
                .flatMap(offers -> offers.isEmpty()
                        ? Uni.createFrom().item(List.<RatioTableView.SessionShort>of())
                        : Multi.createFrom()
                                .iterable(offers)
                                .onItem()
                                .transformToUniAndConcatenate(offer -> ChildcareReservationService.reservedChildren(
                                                offer.sessionId)
                                        .map(confirmed -> {
                                            ChildcareCapacity capacity = SessionCapacity.of(offer, rules);
                                            CarerRecount recount = capacity.recountForCarers(confirmed, offer.carers);
                                            int overCap = capacity.childrenOverCap(confirmed);
                                            OptionalInt cap = capacity.maxChildrenPerSession();
                                            return recount.allConfirmedFit() && overCap == 0
                                                    ? java.util.Optional.<RatioTableView.SessionShort>empty()
                                                    : java.util.Optional.of(new RatioTableView.SessionShort(
                                                            offer.sessionId,
                                                            offer.startsAt.toInstant(),
                                                            recount.confirmedChildren(),
                                                            offer.carers,
                                                            recount.carersNeeded(),
                                                            recount.carersShort(),
                                                            cap.isPresent() ? cap.getAsInt() : null,
                                                            overCap));
                                        }))
                                .filter(java.util.Optional::isPresent)
                                .map(java.util.Optional::get)
                                .collect()
                                .asList());
    }
}
