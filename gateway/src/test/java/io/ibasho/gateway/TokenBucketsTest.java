package io.ibasho.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aBurstIsAllowedThenTheWaitIsTheTimeToTheNextToken() {
        TokenBuckets buckets = new TokenBuckets(3, Duration.ofMinutes(1), 100, now::get);
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isEqualTo(Duration.ofSeconds(20));
        assertThat(buckets.take("b")).as("other keys have their own bucket").isZero();

        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(buckets.take("a")).isEqualTo(Duration.ofSeconds(15));
        now.addAndGet(Duration.ofSeconds(15).toNanos());
        assertThat(buckets.take("a")).isZero();
        assertThat(buckets.take("a")).isPositive();
    }

    @Test
    void refilledBucketsAreForgottenAndMemoryIsBounded() {
        TokenBuckets buckets = new TokenBuckets(2, Duration.ofSeconds(10), 4, now::get);
        for (String key : new String[] {"a", "b", "c", "d"}) {
            buckets.take(key);
        }
        assertThat(buckets.size()).isEqualTo(4);
        buckets.take("e");
        assertThat(buckets.size()).isLessThanOrEqualTo(4);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        buckets.evictFull();
        assertThat(buckets.size()).isZero();
    }

    @Test
    void ipv6AddressesCountByTheirSlash64() {
        assertThat(RateLimiter.addressKey("2001:db8:1:2:aaaa::1"))
                .isEqualTo(RateLimiter.addressKey("2001:db8:1:2:bbbb::9"));
        assertThat(RateLimiter.addressKey("2001:db8:1:2::1")).isNotEqualTo(RateLimiter.addressKey("2001:db8:1:3::1"));
        assertThat(RateLimiter.addressKey("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(RateLimiter.addressKey(null)).isEqualTo("unknown");
    }

    @Test
    void rulesMatchMethodAndPrefix() {
        RateLimiter.Rule rule = RateLimiter.Rule.parse("POST /api/registrations/");
        assertThat(rule.matches("POST", "/api/registrations")).isTrue();
        assertThat(rule.matches("POST", "/api/registrations/applications")).isTrue();
        assertThat(rule.matches("GET", "/api/registrations/applications")).isFalse();
        assertThat(rule.matches("POST", "/api/registrationsX")).isFalse();
    }
}
