package io.ibasho.gateway;

/** What Keycloak said about the SSO session behind a browser's access token. */
public enum SessionAtKeycloak {
    /** Keycloak still has the session. */
    OPEN,
    /** Keycloak refused the token: the session was ended (by another gateway replica, an admin, a password reset). */
    ENDED,
    /** No answer in time, or one that says nothing about the session: the local checks decide alone. */
    NO_ANSWER
}
