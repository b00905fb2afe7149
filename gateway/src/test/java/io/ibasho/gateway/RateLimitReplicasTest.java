package io.ibasho.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Several gateway replicas never allow more together than the configured limit (docs/adr/0012). */
class RateLimitReplicasTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void twoReplicasTogetherAllowTheConfiguredBurstAndRateNotTwiceIt() {
        double share = RateLimiter.shareOfOneReplica(5, 2);
        TokenBuckets replicaA = new TokenBuckets(share, Duration.ofMinutes(15), 100, now::get);
        TokenBuckets replicaB = new TokenBuckets(share, Duration.ofMinutes(15), 100, now::get);
        int allowed = 0;
        for (int i = 0; i < 10; i++) {
            allowed += replicaA.take("sub:hana").isZero() ? 1 : 0;
            allowed += replicaB.take("sub:hana").isZero() ? 1 : 0;
        }
        assertThat(allowed)
                .as("burst over both replicas, configured capacity 5")
                .isLessThanOrEqualTo(5)
                .isEqualTo(4);

        // Over one refill period both replicas together take in what one bucket of 5 would: 2.5 each.
        now.addAndGet(Duration.ofMinutes(15).toNanos());
        int refilled = 0;
        for (int i = 0; i < 10; i++) {
            refilled += replicaA.take("sub:hana").isZero() ? 1 : 0;
            refilled += replicaB.take("sub:hana").isZero() ? 1 : 0;
        }
        assertThat(refilled).isLessThanOrEqualTo(5);
    }

    @Test
    void oneReplicaKeepsTheWholeLimit() {
        assertThat(RateLimiter.shareOfOneReplica(20, 1)).isEqualTo(20.0);
    }

    @Test
    void aLimitTooSmallToShareRefusesToStart() {
        assertThatThrownBy(() -> RateLimiter.shareOfOneReplica(2, 3)).hasMessageContaining("cannot be shared by 3");
        assertThatThrownBy(() -> RateLimiter.shareOfOneReplica(2, 0)).hasMessageContaining("must be >= 1");
    }
}
