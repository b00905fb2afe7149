package io.ibasho.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The gateway's copy of the public list (docs/adr/0055), with the clock moved instead of waiting. */
class PublicListCopiesTest {
    private final AtomicLong now = new AtomicLong(1_000_000L);
    private final PublicListCopies copies = new PublicListCopies(3, 1024, now::get);
    private static final String JSON = "application/json;charset=UTF-8";

    @Test
    void aCopyIsUsedForTheMaxAgeTheEventServiceGaveAndNeverLonger() {
        var stored = copies.store("", Buffer.buffer("[1]"), "\"a\"", JSON, "public, max-age=5", copies.changesSeen());
        assertNotNull(stored);
        assertEquals(5, copies.secondsLeft(stored));
        now.addAndGet(1_500);
        // 3.5 s left: answered as max-age=3, so a browser that keeps it stops before the event service's 5 s
        assertEquals(3, copies.secondsLeft(copies.fresh("")));
        now.addAndGet(3_499);
        assertNotNull(copies.fresh(""));
        assertEquals(0, copies.secondsLeft(copies.fresh("")));
        now.addAndGet(1);
        assertNull(copies.fresh(""), "5 s after it arrived the copy is stale");
        assertNotNull(copies.any(""), "a stale copy stays, to be asked about with its ETag");
        assertEquals(3, copies.freshAnswers());
    }

    @Test
    void aStaleCopyConfirmedBy304IsFreshAgainForThe304sMaxAge() {
        var stored =
                copies.store("page=1", Buffer.buffer("[1]"), "\"a\"", JSON, "public, max-age=2", copies.changesSeen());
        now.addAndGet(2_000);
        assertNull(copies.fresh("page=1"));
        var again = copies.revalidated("page=1", stored, "\"a\"", "public, max-age=4", copies.changesSeen());
        assertNotNull(again);
        assertEquals("[1]", again.body().toString());
        assertEquals(4, copies.secondsLeft(copies.fresh("page=1")));
        assertEquals(1, copies.revalidations());
        // a 304 without the short public max-age (the event service's copy about to lapse: no-cache): not kept
        now.addAndGet(4_000);
        assertNull(copies.revalidated("page=1", again, "\"a\"", "no-cache", copies.changesSeen()));
        assertNull(copies.any("page=1"));
    }

    @Test
    void onlyTheShortPublicAnswerWithAnEtagAndABoundedSizeIsKept() {
        assertNull(copies.store("a", Buffer.buffer("[]"), null, JSON, "public, max-age=5", copies.changesSeen()));
        assertNull(copies.store("b", Buffer.buffer("[]"), "\"b\"", JSON, "no-cache", copies.changesSeen()));
        assertNull(copies.store("c", Buffer.buffer("[]"), "\"c\"", JSON, "public, max-age=60", copies.changesSeen()));
        assertNull(copies.store(
                "d", Buffer.buffer(new byte[1025]), "\"d\"", JSON, "public, max-age=5", copies.changesSeen()));
        assertNull(copies.store("e", Buffer.buffer("[]"), "\"e\"", JSON, "private, max-age=5", copies.changesSeen()));
        assertEquals(0, copies.size());
        assertTrue(copies.fits(1024));
        assertFalse(copies.fits(-1));
    }

    @Test
    void aChangeForgetsEveryCopyAndAnAnswerAskedForBeforeItIsNotKept() {
        copies.store("", Buffer.buffer("[1]"), "\"a\"", JSON, "public, max-age=5", copies.changesSeen());
        long askedBefore = copies.changesSeen();
        copies.forgetAll();
        assertNull(copies.fresh(""));
        assertNull(copies.any(""));
        // an answer that left the event service before the change may show the list without it
        assertNull(copies.store("", Buffer.buffer("[1]"), "\"a\"", JSON, "public, max-age=5", askedBefore));
        assertEquals(0, copies.size());
        assertNotNull(
                copies.store("", Buffer.buffer("[1,2]"), "\"b\"", JSON, "public, max-age=5", copies.changesSeen()));
    }

    @Test
    void madeUpQueryStringsCannotFillMemory() {
        for (int i = 0; i < 10; i++) {
            copies.store(
                    "q=" + i, Buffer.buffer("[]"), "\"" + i + "\"", JSON, "public, max-age=5", copies.changesSeen());
            assertTrue(copies.size() <= 3);
        }
        assertNotNull(copies.fresh("q=9"));
    }

    @Test
    void ifNoneMatchIsComparedAsTheEventServiceCompares() {
        assertTrue(PublicListCopies.matches("\"a\"", "\"a\""));
        assertTrue(PublicListCopies.matches("\"x\", W/\"a\"", "\"a\""));
        assertTrue(PublicListCopies.matches("*", "\"a\""));
        assertFalse(PublicListCopies.matches("\"b\"", "\"a\""));
        assertFalse(PublicListCopies.matches(null, "\"a\""));
        assertEquals("", PublicListCopies.key(null));
    }
}
