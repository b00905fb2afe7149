package io.ibasho.e2e;

/**
 * What some end-to-end classes share and may not use at the same time, now that the classes run two at a time on one
 * stack (docs/adr/0043-end-to-end-classes-side-by-side.md): the keys of their {@code @ResourceLock}s. Everything else a
 * class needs it makes for itself (its own sessions, venues and attendees, StackAttendees), or only reads.
 */
final class SharedState {
    /**
     * The second replicas of registration and event (SecondReplicas): OrderAcrossReplicasIT starts both, and
     * TwoRegistrationInstancesIT reuses registration's and stops them all when it ends.
     */
    static final String SECOND_REPLICAS = "second replicas of registration and event";

    /**
     * Partner group tsubomi's private feed: the matrix rotates it (as organiser1 and as partner1) while StaffJourneyIT
     * reads the new URL it just rotated to.
     */
    static final String TSUBOMI_FEED = "partner group tsubomi's private feed";

    /**
     * Organisation minato's places to turn to: the matrix saves organiser2's list while PublicPagesIT reads the one it
     * saved on the help page.
     */
    static final String MINATO_SUPPORT_LINES = "organisation minato's places to turn to";

    /**
     * The gateway's write limit per client address (every caller here is 127.0.0.1, raised to 1,000 a minute in
     * deploy/e2e/pom.xml): the matrix and OpenApiNegativeIT each send hundreds of writes in seconds.
     */
    static final String GATEWAY_WRITES = "the gateway's write limit of 127.0.0.1";

    private SharedState() {}
}
