package io.ibasho.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ibasho.tokenmemory.VerifiedTokenMemory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

    private static TokenClaims claims(String sub, long exp) {
        return new TokenClaims(sub, "hinata", List.of("attendee"), exp);
    }

    private static Optional<String> subject(VerifiedTokenMemory<TokenClaims> tokens, String key) {
        return Optional.ofNullable(tokens.recall(key)).map(TokenClaims::subject);
    }

    /** As BearerIdentities remembers a verified token: until the claims' own {@code exp}. */
    private static void remember(VerifiedTokenMemory<TokenClaims> tokens, String key, TokenClaims claims) {
        tokens.remember(key, claims, claims.expiresAtSeconds());
    }

    @Test
    void aVerifiedTokenIsRememberedUntilItsOwnExpiryAndNoLonger() {
        VerifiedTokenMemory<TokenClaims> tokens = new VerifiedTokenMemory<>(10, now::get);
        String key = VerifiedTokenMemory.key("header.payload.signature");
        long exp = now.get() / 1000 + 60;
        remember(tokens, key, claims("hana", exp));
        assertEquals(Optional.of("hana"), subject(tokens, key));
        now.set(exp * 1000 - 1);
        assertEquals(Optional.of("hana"), subject(tokens, key));
        now.set(exp * 1000);
        assertEquals(Optional.empty(), subject(tokens, key));
        assertEquals(0, tokens.size());
    }

    @Test
    void anAlteredTokenIsAnotherKeyAndTheTokenItselfIsNotKept() {
        String key = VerifiedTokenMemory.key("header.payload.signature");
        assertNotEquals(key, VerifiedTokenMemory.key("header.payload.signaturf"));
        assertEquals(key, VerifiedTokenMemory.key("header.payload.signature"));
        assertFalse(key.contains("payload"));
        VerifiedTokenMemory<TokenClaims> tokens = new VerifiedTokenMemory<>(10, now::get);
        remember(tokens, key, claims("hana", now.get() / 1000 + 60));
        assertTrue(subject(tokens, VerifiedTokenMemory.key("header.payload.signaturf"))
                .isEmpty());
    }

    @Test
    void whenFullTheExpiredGoAndOtherwiseNothingNewIsRemembered() {
        VerifiedTokenMemory<TokenClaims> tokens = new VerifiedTokenMemory<>(2, now::get);
        long soon = now.get() / 1000 + 1;
        long later = now.get() / 1000 + 600;
        remember(tokens, "a", claims("a", soon));
        remember(tokens, "b", claims("b", later));
        remember(tokens, "c", claims("c", later)); // full, nothing expired: not remembered
        assertTrue(subject(tokens, "c").isEmpty());
        now.addAndGet(2000);
        remember(tokens, "c", claims("c", later)); // "a" expired and made room
        assertEquals(Optional.of("c"), subject(tokens, "c"));
        assertEquals(Optional.of("b"), subject(tokens, "b"));
        remember(tokens, "d", claims("d", 0)); // no exp: never remembered
        assertTrue(subject(tokens, "d").isEmpty());
    }

    @Test
    void lookUpsAreCountedAsHitsAndMisses() {
        VerifiedTokenMemory<TokenClaims> tokens = new VerifiedTokenMemory<>(10, now::get);
        assertNull(tokens.recall("k"));
        remember(tokens, "k", claims("hana", now.get() / 1000 + 60));
        assertEquals("hana", tokens.recall("k").subject());
        assertEquals("hana", tokens.recall("k").subject());
        assertEquals(2, tokens.hits());
        assertEquals(1, tokens.misses());
    }

    @Test
    void aRequestsTokenIsHashedAndReadOnce() {
        String payload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        "{\"sub\":\"s-1\",\"org\":\"hinata\",\"exp\":2000000000,\"realm_access\":{\"roles\":[\"organiser\",7]}}"
                                .getBytes(StandardCharsets.UTF_8));
        BearerToken token = BearerToken.of("e30." + payload + ".sig");
        assertTrue(token.key() == token.key(), "the SHA-256 is computed once");
        TokenClaims read = token.claims();
        assertTrue(read == token.claims(), "the payload is parsed once");
        assertEquals("s-1", read.subject());
        assertEquals("hinata", read.org());
        assertEquals(List.of("organiser"), read.roles());
        assertEquals(2_000_000_000L, read.expiresAtSeconds());
        assertFalse(token.verificationAsked());
        TokenClaims verified = claims("s-1", 2_000_000_000L);
        token.verified(verified);
        assertTrue(token.verificationAsked());
        assertTrue(verified == token.claims(), "once verified, the verified claims are the ones used");
        assertNull(BearerToken.of(" "));
        assertNull(BearerToken.of("not-a-jwt").claims());
    }
}
