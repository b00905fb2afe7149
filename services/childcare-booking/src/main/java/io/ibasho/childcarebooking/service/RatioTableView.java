package io.ibasho.childcarebooking.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An organisation's ratio table and cap as they apply now, and its upcoming sessions whose confirmed children no
 * longer fit them. Those children are never dropped: the organiser sees the shortfall here and on each session's
 * summary, and new requests for those sessions are refused until it is resolved.
 *
 * @param standard true when the organisation set nothing of its own and the April 2024 standard applies
 * @param sessionsShort upcoming published sessions that are short of carers or over the cap under these settings
 */
public record RatioTableView(
        String organisationId,
        boolean standard,
        List<Band> bands,
        Integer maxChildrenPerSession,
        List<SessionShort> sessionsShort) {

    public record Band(String ages, int youngest, int oldest, int childrenPerCarer) {}

    /** Counts only: which session, how many children, how many carers missing, how many children above the cap. */
    public record SessionShort(
            UUID sessionId,
            Instant startsAt,
            int totalChildren,
            int carers,
            int carersNeeded,
            int carersShort,
            Integer maxChildren,
            int childrenOverCap) {}
}
