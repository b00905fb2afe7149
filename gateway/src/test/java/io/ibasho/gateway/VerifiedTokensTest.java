package io.ibasho.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

    @Test
    void aVerifiedTokenIsRememberedUntilItsOwnExpiryAndNoLonger() {
        VerifiedTokens tokens = new VerifiedTokens(10, now::get);
        String key = VerifiedTokens.key("header.payload.signature");
        long exp = now.get() / 1000 + 60;
        tokens.remember(key, "hana", exp);
        assertEquals(Optional.of("hana"), tokens.subject(key));
        now.set(exp * 1000 - 1);
        assertEquals(Optional.of("hana"), tokens.subject(key));
        now.set(exp * 1000);
        assertEquals(Optional.empty(), tokens.subject(key));
        assertEquals(0, tokens.size());
    }

    @Test
    void anAlteredTokenIsAnotherKeyAndTheTokenItselfIsNotKept() {
        String key = VerifiedTokens.key("header.payload.signature");
        assertNotEquals(key, VerifiedTokens.key("header.payload.signaturf"));
        assertFalse(key.contains("payload"));
        VerifiedTokens tokens = new VerifiedTokens(10, now::get);
        tokens.remember(key, "hana", now.get() / 1000 + 60);
        assertTrue(
                tokens.subject(VerifiedTokens.key("header.payload.signaturf")).isEmpty());
    }

    @Test
    void whenFullTheExpiredGoAndOtherwiseNothingNewIsRemembered() {
        VerifiedTokens tokens = new VerifiedTokens(2, now::get);
        long soon = now.get() / 1000 + 1;
        long later = now.get() / 1000 + 600;
        tokens.remember("a", "a", soon);
        tokens.remember("b", "b", later);
        tokens.remember("c", "c", later); // full, nothing expired: not remembered
        assertTrue(tokens.subject("c").isEmpty());
        now.addAndGet(2000);
        tokens.remember("c", "c", later); // "a" expired and made room
        assertEquals(Optional.of("c"), tokens.subject("c"));
        assertEquals(Optional.of("b"), tokens.subject("b"));
        tokens.remember("d", "d", 0); // no exp: never remembered
        assertTrue(tokens.subject("d").isEmpty());
    }
}
