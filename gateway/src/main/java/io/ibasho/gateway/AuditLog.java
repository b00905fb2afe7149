package io.ibasho.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Who (sub, organisation, roles) read or changed what (method, path) when, why if the person said so, and what came of
 * it (status): one JSON line per proxied request of an organiser or childcare staff member to a path with personal data
 * (rosters, childcare notes), on the logger category {@code ibasho.audit}. Never a body, never a query string (it may
 * carry search terms), never a token. The token is decoded without verification (the service verifies it): the
 * recorded status shows whether the service accepted it, so a forged token shows up as 401, not as a read.
 */
final class AuditLog {
    static final String CATEGORY = "ibasho.audit";
    static final String REASON_HEADER = "X-Access-Reason";
    private static final Logger AUDIT = Logger.getLogger(CATEGORY);
    private static final int MAX_REASON = 200;

    private final boolean enabled;
    private final List<String> pathPrefixes;
    private final Set<String> roles;

    private final Clock clock;

    AuditLog(GatewayConfig.Audit config, Clock clock) {
        this.clock = clock;
        this.enabled = config.enabled();
        this.pathPrefixes = config.pathPrefixes().stream()
                .map(p -> p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p)
                .toList();
        this.roles = Set.copyOf(config.roles());
    }

    /** The entry to write once the answer is known, or empty when this request is not audited. */
    Optional<JsonObject> begin(String method, String path, String accessToken, String reason) {
        return begin(method, path, BearerToken.of(accessToken), reason);
    }

    /**
     * As above, with the request's token whose claims are read at most once per request (the verified ones when the
     * rate limit or an earlier request verified it, else its payload as it stands) and only for an audited path.
     */
    Optional<JsonObject> begin(String method, String path, BearerToken token, String reason) {
        if (!enabled
                || token == null
                || pathPrefixes.stream().noneMatch(p -> path.equals(p) || path.startsWith(p + "/"))) {
            return Optional.empty();
        }
        TokenClaims claims = token.claims();
        if (claims == null) {
            return Optional.empty();
        }
        JsonArray audited = new JsonArray(claims.roles().stream()
                .filter(roles::contains)
                .map(Object.class::cast)
                .toList());
        if (audited.isEmpty()) {
            return Optional.empty();
        }
        JsonObject entry = new JsonObject()
                .put("at", Instant.now(clock).toString())
                .put("actor", claims.subject())
                .put("org", claims.org())
                .put("roles", audited)
                .put("method", method)
                .put("path", path);
        if (reason != null && !reason.isBlank()) {
            entry.put("reason", sanitise(reason));
        }
        return Optional.of(entry);
    }

    void record(JsonObject entry, int status) {
        AUDIT.info(entry.put("status", status).encode());
    }

    /**
     * The reason header is percent-encoded UTF-8 (HTTP header values are Latin-1; staff write Japanese). Printable,
     * single line, bounded: it is free text typed by staff, and must not be able to forge log lines.
     */
    static String sanitise(String header) {
        String reason;
        try {
            reason = java.net.URLDecoder.decode(header, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            reason = header;
        }
        String cleaned = reason.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .strip();
        return cleaned.length() > MAX_REASON ? cleaned.substring(0, MAX_REASON) : cleaned;
    }

    static JsonObject claimsOf(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
