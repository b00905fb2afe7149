package io.ibasho.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An access token from a real sign-in on Keycloak's login form (authorization code + PKCE with the gateway's client,
 * as the web app signs her in), never cached. Unlike the password grant of {@link Tokens}, such a token carries
 * {@code auth_time}, which deleting an account asks for (she must have signed in within the last minutes).
 */
public final class FreshSignIn {
    private static final String CLIENT = "ibasho-gateway";
    private static final String SECRET = "gateway-local-secret-change-me";
    private static final String REDIRECT = "http://localhost:8080/app/login";
    private static final Pattern FORM_ACTION = Pattern.compile("action=\"([^\"]+)\"");

    private FreshSignIn() {}

    public static String accessToken(String username) {
        return accessToken(TestServers.get().keycloak().realmUrl(), username);
    }

    /** Signs in with the demo password convention (username + "-ibasho"). */
    public static String accessToken(String realmUrl, String username) {
        String realm = realmUrl.replace("localhost", "127.0.0.1"); // one host throughout, or the cookies are lost
        // Keycloak marks its login cookies Secure even over plain HTTP, which a CookieManager then never sends back:
        // they are carried by hand
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        try {
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]) + "fresh-sign-in";
            String challenge = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create(realm + "/protocol/openid-connect/auth?"
                                    + form(Map.of(
                                            "client_id",
                                            CLIENT,
                                            "response_type",
                                            "code",
                                            "scope",
                                            "openid",
                                            "redirect_uri",
                                            REDIRECT,
                                            "code_challenge",
                                            challenge,
                                            "code_challenge_method",
                                            "S256"))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String login = page.body();
            String cookies = page.headers().allValues("Set-Cookie").stream()
                    .map(cookie -> cookie.split(";", 2)[0])
                    .collect(Collectors.joining("; "));
            Matcher action = FORM_ACTION.matcher(login);
            if (!action.find()) {
                throw new IllegalStateException("Keycloak showed no login form");
            }
            String post = action.group(1).replace("&amp;", "&").replace("localhost", "127.0.0.1");
            HttpResponse<String> signedIn = http.send(
                    HttpRequest.newBuilder(URI.create(post))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Cookie", cookies)
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    form(Map.of("username", username, "password", username + "-ibasho"))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String location = signedIn.headers().firstValue("Location").orElse("");
            int at = location.indexOf("code=");
            if (at < 0) {
                throw new IllegalStateException("sign-in failed (status " + signedIn.statusCode() + ")");
            }
            String code = location.substring(at + 5).split("&")[0];
            HttpResponse<String> token = http.send(
                    HttpRequest.newBuilder(URI.create(realm + "/protocol/openid-connect/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                                    "grant_type", "authorization_code",
                                    "client_id", CLIENT,
                                    "client_secret", SECRET,
                                    "code", code,
                                    "redirect_uri", REDIRECT,
                                    "code_verifier", verifier))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (token.statusCode() != 200) {
                throw new IllegalStateException("code exchange failed (status " + token.statusCode() + ")");
            }
            return new ObjectMapper()
                    .readTree(token.body())
                    .path("access_token")
                    .asText();
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("could not sign in: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signing in", e);
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
