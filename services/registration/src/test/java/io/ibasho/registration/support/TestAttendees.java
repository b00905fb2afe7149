package io.ibasho.registration.support;

import static io.restassured.RestAssured.given;

import io.ibasho.testsupport.TestServers;
import io.ibasho.testsupport.Tokens;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Fictional attendee accounts created in the test Keycloak through its admin REST API (partialImport), with the
 * realm's default roles (attendee) and the demo password convention (username + "-ibasho").
 */
public final class TestAttendees {
    private TestAttendees() {}

    /** Creates {@code count} attendees named {@code prefix-001...}; existing ones are skipped. */
    public static List<String> create(String prefix, int count) {
        List<String> names = IntStream.rangeClosed(1, count)
                .mapToObj(i -> "%s-%03d".formatted(prefix, i))
                .toList();
        List<Map<String, Object>> users = names.stream()
                .map(name -> Map.<String, Object>of(
                        "username",
                        name,
                        "enabled",
                        true,
                        "realmRoles",
                        List.of("default-roles-ibasho"),
                        "credentials",
                        List.of(Map.of("type", "password", "value", name + "-ibasho", "temporary", false))))
                .toList();
        String base = keycloakBase();
        String admin = Tokens.keycloakAdmin(base);
        // The test servers' realm already hashes passwords with one round (KeycloakServer.realmForTests): creating
        // and signing in hundreds of fictional accounts costs milliseconds instead of minutes of CPU.
        for (int from = 0; from < users.size(); from += 50) {
            given().auth()
                    .oauth2(admin)
                    .contentType(ContentType.JSON)
                    .body(Map.of(
                            "ifResourceExists",
                            "SKIP",
                            "users",
                            users.subList(from, Math.min(users.size(), from + 50))))
                    .post(base + "/admin/realms/" + TestServers.get().keycloak().realm() + "/partialImport")
                    .then()
                    .statusCode(200);
        }
        return names;
    }

    /** Access tokens for many users, fetched a few at a time (each password grant costs Keycloak a hash). */
    public static Map<String, String> tokens(List<String> usernames) {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (String name : usernames) {
                futures.add(pool.submit(() -> Tokens.accessToken(name)));
            }
            Map<String, String> tokens = new java.util.LinkedHashMap<>();
            for (int i = 0; i < usernames.size(); i++) {
                tokens.put(usernames.get(i), futures.get(i).get());
            }
            return tokens;
        } catch (Exception e) {
            throw new IllegalStateException("could not fetch test tokens", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String keycloakBase() {
        return TestServers.get().keycloak().baseUrl().replace("localhost", "127.0.0.1");
    }
}
