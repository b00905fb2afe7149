package io.ibasho.registration.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The sequence numbering this service's outgoing events, so consumers can tell a late event from a newer one. */
public final class EventSequence {
    private EventSequence() {}

    /**
     * Drawn in the transaction that writes the event: a registration's changes happen one after the other under its
     * row lock, so a later change of the same registration always carries a larger number, whichever replica's relay
     * publishes it first. Consumers drop an event older than the one they applied (issue #14).
     */
    public static Uni<Long> next() {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("select nextval('registration_event_sequence')", Long.class)
                        .getSingleResult());
    }
}
