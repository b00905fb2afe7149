package io.ibasho.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Real access tokens from the test Keycloak for the realm's demo users (password = username + "-ibasho"), through
 * the test-only client {@code ibasho-test}, the only client with the password grant.
 */
public final class Tokens {
    private static final Map<String, CachedToken> CACHE = new ConcurrentHashMap<>();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * One password grant at a time per user: Keycloak's brute-force protection refuses a login while another login of
     * the same user is in progress (user_temporarily_disabled), which parallel test code asking for one user's token
     * at once would otherwise meet.
     */
    private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();

    private Tokens() {}

    public static String accessToken(String username) {
        return accessToken(TestServers.get().keycloak().realmUrl(), username);
    }

    public static String accessToken(String realmUrl, String username) {
        return cached(
                realmUrl + "|" + username,
                realmUrl,
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "ibasho-test",
                        "username",
                        username,
                        "password",
                        username + "-ibasho"));
    }

    /** A client-credentials token, as a partner's system would get it. */
    public static String clientToken(String realmUrl, String clientId, String secret) {
        return cached(
                realmUrl + "|client:" + clientId,
                realmUrl,
                Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /** A cached token that still has a minute to live (a caller may retry with it for a while), else a new one. */
    private static String cached(String key, String realmUrl, Map<String, String> form) {
        synchronized (LOCKS.computeIfAbsent(key, k -> new Object())) {
            return cachedOrNew(key, realmUrl, form);
        }
    }

    private static String cachedOrNew(String key, String realmUrl, Map<String, String> form) {
        CachedToken cached = CACHE.get(key);
        if (cached != null && cached.expiresAt() > System.currentTimeMillis() + 60_000) {
            return cached.token();
        }
        // The JDK's client and one Jackson parse, not REST Assured: its GPath compiles a Groovy script per path, which
        // made these two reads ~6 % of the registration tests' JVM CPU (docs/benchmarks.md, round 15).
        String url = realmUrl.replace("localhost", "127.0.0.1") + "/protocol/openid-connect/token";
        JsonNode answer = postForm(url, form);
        String token = answer.path("access_token").asText();
        int expiresIn = answer.path("expires_in").asInt();
        CACHE.put(key, new CachedToken(token, System.currentTimeMillis() + expiresIn * 1000L));
        return token;
    }

    private static JsonNode postForm(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError("the test Keycloak's token endpoint answered " + answer.statusCode()
                        + " (expected 200): " + answer.body());
            }
            return JSON.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the test Keycloak's token endpoint failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching a test token", e);
        }
    }

    /**
     * A token of the test Keycloak's own admin (master realm, {@code admin-cli}), for tests that make, change or reset
     * accounts through the admin API. Not cached: it lives a minute.
     *
     * @param keycloakBaseUrl Keycloak's base address, e.g. {@code TestServers.get().keycloak().baseUrl()}
     */
    public static String keycloakAdmin(String keycloakBaseUrl) {
        String url = keycloakBaseUrl.replace("localhost", "127.0.0.1") + "/realms/master/protocol/openid-connect/token";
        return postForm(
                        url,
                        Map.of(
                                "grant_type",
                                "password",
                                "client_id",
                                "admin-cli",
                                "username",
                                "admin",
                                "password",
                                "admin"))
                .path("access_token")
                .asText();
    }

    /** A token of the shared test Keycloak's own admin. */
    public static String keycloakAdmin() {
        return keycloakAdmin(TestServers.get().keycloak().baseUrl());
    }

    private record CachedToken(String token, long expiresAt) {}
}
