package io.ibasho.tokenmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedTokenMemoryTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final VerifiedTokenMemory<String> memory = new VerifiedTokenMemory<>(3, now::get);

    private long inSeconds(long seconds) {
        return now.get() / 1000 + seconds;
    }

    @Test
    void aTokenIsRecalledUntilItsExpiryAndNeverAtOrAfterIt() {
        String key = VerifiedTokenMemory.key("header.payload.signature");
        memory.remember(key, "hana", inSeconds(300));

        assertThat(memory.recall(key)).isEqualTo("hana");
        now.addAndGet(299_999);
        assertThat(memory.recall(key)).isEqualTo("hana");
        now.addAndGet(1);
        assertThat(memory.recall(key)).isNull();
        assertThat(memory.size()).isZero();
        assertThat(memory.hits()).isEqualTo(2);
        assertThat(memory.misses()).isEqualTo(1);
    }

    @Test
    void anAlteredTokenIsAnotherKeyAndNotRecalled() {
        memory.remember(VerifiedTokenMemory.key("header.payload.signature"), "hana", inSeconds(300));

        assertThat(memory.recall(VerifiedTokenMemory.key("header.payload.signaturf")))
                .isNull();
        assertThat(VerifiedTokenMemory.key("header.payload.signature")).doesNotContain("header");
    }

    @Test
    void aTokenWithoutExpiryOrAlreadyExpiredIsNotKept() {
        memory.remember("a", "hana", 0);
        memory.remember("b", "mei", inSeconds(0));
        memory.remember("c", "mei", inSeconds(-5));

        assertThat(memory.size()).isZero();
    }

    @Test
    void expiredEntriesAreDroppedBySweepingSoNothingOutlivesItsToken() {
        memory.remember("a", "hana", inSeconds(10));
        memory.remember("b", "mei", inSeconds(60));
        now.addAndGet(10_000);

        memory.forgetExpired();

        assertThat(memory.size()).isEqualTo(1);
        assertThat(memory.recall("b")).isEqualTo("mei");
    }

    @Test
    void whenFullOnlyExpiredEntriesMakeRoomAndOtherwiseNothingNewIsKept() {
        memory.remember("a", "1", inSeconds(10));
        memory.remember("b", "2", inSeconds(60));
        memory.remember("c", "3", inSeconds(60));
        memory.remember("d", "4", inSeconds(60));
        assertThat(memory.recall("d")).isNull();

        now.addAndGet(10_000);
        memory.remember("d", "4", inSeconds(60));

        assertThat(memory.recall("d")).isEqualTo("4");
        assertThat(memory.recall("a")).isNull();
        assertThat(memory.size()).isEqualTo(3);
    }
}
