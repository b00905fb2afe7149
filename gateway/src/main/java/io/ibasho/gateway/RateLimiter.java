package io.ibasho.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.vertx.core.json.JsonObject;

/**
 * Abuse limits on booking, applying and account actions: one bucket per person (the token's {@code sub}) and one per
 * client address. The token is only read here, never trusted: the services verify it. A forged token gains nothing,
 * because the address bucket applies to every limited request, signed in or not. No IP reputation lists: Tor and VPNs
 * are how some survivors stay safe.
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
    public Optional<Duration> check(String method, String path, String authorization, String clientIp) {
        Optional<String> subject = subjectOf(authorization);
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

        Limit(List<String> limited, GatewayConfig.RateLimit.Bucket user, GatewayConfig.RateLimit.Bucket ip, int maxKeys,
                int replicas) {
            this.rules = limited.stream().map(Rule::parse).toList();
            this.perUser = new TokenBuckets(shareOfOneReplica(user.capacity(), replicas), user.refillPeriod(), maxKeys, System::nanoTime);
            this.perIp = new TokenBuckets(shareOfOneReplica(ip.capacity(), replicas), ip.refillPeriod(), maxKeys, System::nanoTime);
        }

        boolean applies(String method, String path) {
            return rules.stream().anyMatch(r -> r.matches(method, path));
        }

        Optional<Duration> take(Optional<String> subject, String address) {
            if (subject.isPresent()) {
                Duration wait = perUser.take(subject.get());
                if (!wait.isZero()) {
                    return Optional.of(wait);
                }
            }
            Duration wait = perIp.take(address);
            return wait.isZero() ? Optional.empty() : Optional.of(wait);
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
            throw new IllegalArgumentException("a rate-limit capacity of " + capacity + " cannot be shared by " + replicas
                    + " gateway replicas (each needs at least 1): raise the capacity or run fewer replicas");
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

    /**
     * The {@code sub} of a bearer JWT, read without checking the signature (only to count). An opaque or unreadable
     * bearer token counts as itself.
     */
    static Optional<String> subjectOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length == 3) {
            try {
                String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
                String sub = new JsonObject(payload).getString("sub");
                if (sub != null && !sub.isBlank()) {
                    return Optional.of("sub:" + sub);
                }
            } catch (RuntimeException e) {
                // not a JWT we can read; fall through
            }
        }
        return Optional.of("token:" + token);
    }

    record Rule(String method, String prefix) {
        static Rule parse(String text) {
            String[] parts = text.trim().split("\\s+");
            if (parts.length != 2 || !parts[1].startsWith("/")) {
                throw new IllegalArgumentException("ibasho.gateway.rate-limit.limited: expected 'METHOD /path', got '" + text + "'");
            }
            String prefix = parts[1].endsWith("/") && parts[1].length() > 1 ? parts[1].substring(0, parts[1].length() - 1) : parts[1];
            return new Rule(parts[0].toUpperCase(Locale.ROOT), prefix);
        }

        boolean matches(String method, String path) {
            return (this.method.equals("*") || this.method.equalsIgnoreCase(method))
                    && (path.equals(prefix) || path.startsWith(prefix + "/"));
        }
    }
}
