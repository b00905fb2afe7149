package io.ibasho.gateway;

import io.ibasho.tokenmemory.VerifiedTokenMemory;

/**
 * One request's bearer token, with what the gateway works out about it kept for the rest of the request: its
 * SHA-256 (the verified-token memory's key) is computed once, its claims are read once, and whether it was verified
 * is asked once, whoever asks (rate limit, audit log).
 */
final class BearerToken {
    private final String value;
    private String key;
    private TokenClaims claims;
    private boolean claimsRead;
    private boolean verificationAsked;
    private TokenClaims verified;

    private BearerToken(String value) {
        this.value = value;
    }

    /** @return null for a missing or blank token */
    static BearerToken of(String value) {
        return value == null || value.isBlank() ? null : new BearerToken(value);
    }

    String value() {
        return value;
    }

    String key() {
        if (key == null) {
            key = VerifiedTokenMemory.key(value);
        }
        return key;
    }

    /** Verified claims once known (null: not verified, or not asked yet). */
    TokenClaims verified() {
        return verified;
    }

    boolean verificationAsked() {
        return verificationAsked;
    }

    void verified(TokenClaims claims) {
        this.verificationAsked = true;
        this.verified = claims;
    }

    /**
     * The claims: the verified ones when known, else the payload as it stands (the services verify it; the audit log
     * records their status, so a forged token shows as a 401).
     */
    TokenClaims claims() {
        if (verified != null) {
            return verified;
        }
        if (!claimsRead) {
            claims = TokenClaims.read(value);
            claimsRead = true;
        }
        return claims;
    }
}
