package io.ibasho.gateway;

import io.smallrye.mutiny.Uni;

/** Asks Keycloak whether the SSO session behind an access token is still open. Never fails: NO_ANSWER instead. */
public interface KeycloakSessionCheck {
    Uni<SessionAtKeycloak> check(String accessToken);
}
