package io.ibasho.gateway.web;

/** The realm roles the pages tell apart (deploy/keycloak/ibasho-realm.json). */
public final class Roles {
    public static final String ORGANISER = "organiser";
    public static final String CHILDCARE_STAFF = "childcare-staff";
    public static final String PARTNER = "partner";
    /** A funder or city office of one organisation: its anonymous reports, read-only. */
    public static final String FUNDER = "funder";
    /** Consultation staff of one organisation: its requests to talk, nothing else (docs/consultation.md). */
    public static final String CONSULTATION = "consultation";

    private Roles() {}
}
