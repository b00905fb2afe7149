package io.ibasho.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * What the gateway reads from a bearer token: whom it speaks for ({@code sub}), her organisation, her realm roles and
 * when it expires. Read once per request: from the verified-token memory when the token was verified before, else from
 * the token's payload (AuditLog.claimsOf, one JSON parse).
 */
record TokenClaims(String subject, String org, List<String> roles, long expiresAtSeconds) {
    TokenClaims {
        roles = List.copyOf(roles);
    }

    /** The claims of a JWT's payload as they stand (not verified), or null for something that is not a JWT. */
    static TokenClaims read(String jwt) {
        if (jwt == null) {
            return null;
        }
        JsonObject claims = AuditLog.claimsOf(jwt);
        if (claims == null) {
            return null;
        }
        try {
            JsonArray roles = Optional.ofNullable(claims.getJsonObject("realm_access"))
                    .map(r -> r.getJsonArray("roles"))
                    .orElse(new JsonArray());
            Object exp = claims.getValue("exp");
            return new TokenClaims(
                    claims.getValue("sub") instanceof String sub ? sub : null,
                    claims.getValue("org") instanceof String org ? org : null,
                    roles.stream()
                            .filter(String.class::isInstance)
                            .map(String.class::cast)
                            .toList(),
                    exp instanceof Number n ? n.longValue() : 0);
        } catch (ClassCastException notTheShapeExpected) {
            return null;
        }
    }

    Optional<String> verifiedSubject() {
        return subject == null || subject.isBlank() ? Optional.empty() : Optional.of(subject);
    }
}
