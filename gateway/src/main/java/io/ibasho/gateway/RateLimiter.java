package io.ibasho.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Abuse limits on booking, applying and account actions: one bucket per person and one per client address. The person
 * is the {@code sub} of a token whose signature the gateway verified against the realm's keys (BearerIdentities); an
 * unverified, forged or expired token counts against its address only, so that nobody can empty her buckets by writing
 * her id into a made-up token. The address is checked first: a request refused there costs no person a token. No IP
 * reputation lists: Tor and VPNs are how some survivors stay safe.
 *
 * <p>Two sets of limits: the general one (every write to registration, childcare-booking and notification) and a
 * stricter one for the account actions that send an e-mail or check a code (changing her e-mail address and
 * confirming it). A request must pass every set it falls under; the stricter set is asked first, so that a refused
 * request costs nothing from the general one.
 *
 * <p>With several replicas each holds capacity/replicas of every bucket (docs/adr/0012): the sum over the replicas
 * never exceeds the configured limit, and a person whose requests all land on one replica is held to her share there.
 */
public final class RateLimiter {
    private final boolean enabled;
    private final List<Limit> limits;

    public RateLimiter(GatewayConfig.RateLimit config) {
        this.enabled = config.enabled();
        GatewayConfig.RateLimit.Account account = config.account();
        this.limits = List.of(
                new Limit(account.limited(), account.perUser(), account.perIp(), config.maxKeys(), config.replicas()),
                new Limit(config.limited(), config.perUser(), config.perIp(), config.maxKeys(), config.replicas()));
    }

    public boolean applies(String method, String path) {
        return enabled && limits.stream().anyMatch(limit -> limit.applies(method, path));
    }

    /** @return empty when allowed, otherwise how long the client should wait */
    public Optional<Duration> check(String method, String path, Optional<String> verifiedSubject, String clientIp) {
        Optional<String> subject = verifiedSubject.map(sub -> "sub:" + sub);
        for (Limit limit : limits) {
            if (limit.applies(method, path)) {
                Optional<Duration> wait = limit.take(subject, addressKey(clientIp));
                if (wait.isPresent()) {
                    return wait;
                }
            }
        }
        return Optional.empty();
    }

    public void evictIdle() {
        limits.forEach(Limit::evictIdle);
    }

    /** One set of limited requests with its person and address buckets. */
    private static final class Limit {
        private final List<Rule> rules;
        private final TokenBuckets perUser;
        private final TokenBuckets perIp;

        Limit(
                List<String> limited,
                GatewayConfig.RateLimit.Bucket user,
                GatewayConfig.RateLimit.Bucket ip,
                int maxKeys,
                int replicas) {
            this.rules = limited.stream().map(Rule::parse).toList();
            this.perUser = new TokenBuckets(
                    shareOfOneReplica(user.capacity(), replicas), user.refillPeriod(), maxKeys, System::nanoTime);
            this.perIp = new TokenBuckets(
                    shareOfOneReplica(ip.capacity(), replicas), ip.refillPeriod(), maxKeys, System::nanoTime);
        }

        boolean applies(String method, String path) {
            return rules.stream().anyMatch(r -> r.matches(method, path));
        }

        Optional<Duration> take(Optional<String> verifiedSubject, String address) {
            // The address first: a flood from one address is stopped there and never reaches anyone's person bucket.
            Duration wait = perIp.take(address);
            if (!wait.isZero()) {
                return Optional.of(wait);
            }
            if (verifiedSubject.isPresent()) {
                wait = perUser.take(verifiedSubject.get());
                if (!wait.isZero()) {
                    // refused for her own sake: the others at her address (a shelter, a carrier's NAT) lose nothing
                    perIp.giveBack(address);
                    return Optional.of(wait);
                }
            }
            return Optional.empty();
        }

        void evictIdle() {
            perUser.evictFull();
            perIp.evictFull();
        }
    }

    /** One replica's part of a bucket: the capacity (and with it the refill rate) divided by the replica count. */
    static double shareOfOneReplica(int capacity, int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("ibasho.gateway.rate-limit.replicas must be >= 1, got " + replicas);
        }
        double share = capacity / (double) replicas;
        if (share < 1) {
            throw new IllegalArgumentException("a rate-limit capacity of " + capacity + " cannot be shared by "
                    + replicas + " gateway replicas (each needs at least 1): raise the capacity or run fewer replicas");
        }
        return share;
    }

    /**
     * IPv4 addresses count one by one; IPv6 ones by their /64, since one subscriber usually holds a whole /64 and could
     * otherwise step through fresh addresses.
     */
    static String addressKey(String ip) {
        if (ip == null || ip.isBlank()) {
            return "unknown";
        }
        if (ip.indexOf(':') < 0) {
            return ip;
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(ip).getAddress();
            if (bytes.length == 16) {
                return "v6:" + java.util.HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
            return java.net.InetAddress.getByAddress(bytes).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return ip;
        }
    }

    record Rule(String method, String prefix) {
        static Rule parse(String text) {
            String[] parts = text.trim().split("\\s+");
            if (parts.length != 2 || !parts[1].startsWith("/")) {
                throw new IllegalArgumentException(
                        "ibasho.gateway.rate-limit.limited: expected 'METHOD /path', got '" + text + "'");
            }
            String prefix = parts[1].endsWith("/") && parts[1].length() > 1
                    ? parts[1].substring(0, parts[1].length() - 1)
                    : parts[1];
            return new Rule(parts[0].toUpperCase(Locale.ROOT), prefix);
        }

        boolean matches(String method, String path) {
            return (this.method.equals("*") || this.method.equalsIgnoreCase(method))
                    && (path.equals(prefix) || path.startsWith(prefix + "/"));
        }
    }
}
