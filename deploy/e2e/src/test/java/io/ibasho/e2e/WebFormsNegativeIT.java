package io.ibasho.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.e2e.browser.Chromium;
import io.ibasho.e2e.browser.Phone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Never a 500" for the web app's forms, as OpenApiNegativeIT is for the services' APIs: every state-changing route
 * the gateway's code registers ({@code router.post(...)}, read from its source, so a new form is covered the day it
 * is added) gets bad input from a browser session signed in on Keycloak's page in Chromium, with its valid CSRF
 * token: ids that name nothing or are no ids, and every form field the gateway reads filled with control characters
 * (NUL, a bidi override, zero-width), text longer than any field takes, numbers and dates no field accepts, or a body
 * past the form limit; an empty form; JSON where a form belongs. Every page ({@code router.get(...)}) gets the same ids and
 * every query parameter a page reads, filled the same way. Every answer must be below 500 and name no exception.
 *
 * <p>Her routes are sent by an attendee of this class's own, the staff routes by the staff role that uses them. Ids
 * are random, so nothing real is touched; the few routes with no id whose bad input could change what other classes
 * read are left out, each with its reason ({@link #LEFT_OUT}).
 */
@org.junit.jupiter.api.parallel.ResourceLock(SharedState.GATEWAY_WRITES)
class WebFormsNegativeIT {
    private static final Pattern POST_ROUTE = Pattern.compile("router\\.post\\(\"([^\"]+)\"\\)");
    private static final Pattern GET_ROUTE = Pattern.compile("router\\.get\\(\"([^\"]+)\"\\)");
    /** A query parameter a page reads. */
    private static final Pattern QUERY_READ = Pattern.compile("getParam\\(\"([A-Za-z][A-Za-z0-9_]*)\"\\)");
    /** A field the gateway reads: {@code form.get("x")}, {@code form.getAll("x")} or a helper's {@code (form, "x"}. */
    private static final Pattern FIELD_READ =
            Pattern.compile("\\bform(?:\\.get|\\.getAll)?\\(?\\s*,?\\s*\"([A-Za-z][A-Za-z0-9_]*)\"");

    private static final Pattern TEMPLATE_FIELD = Pattern.compile("name=\"([A-Za-z][A-Za-z0-9_]*)\"");
    private static final Pattern PATH_PARAMETER = Pattern.compile(":([A-Za-z]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Routes not sent here, and why. */
    static final Map<String, String> LEFT_OUT = Map.of(
            "/app/logout", "ends the session the rest needs; LogoutNeverFailsTest sends it any body",
            "/app/exit", "ends the session the rest needs; LogoutNeverFailsTest sends it any body",
            "/app/settings/data/erase", "erases the account the rest needs; HerDataErasureIT",
            "/staff/partner/feed/rotate", "takes no input and rotates the feed other classes read",
            "/staff/consultation/organisation",
                    "its names accept free text: would rename a listing other classes show");

    /** Each fills every field; the form's whole body stays under the gateway's 16 KB but for the last. */
    private static final Map<String, String> BAD_VALUES = new LinkedHashMap<>();

    static {
        BAD_VALUES.put("control characters", "a\u0000b\u202Eevil\u202C\u200B\u200D");
        BAD_VALUES.put("longer than any field", "x".repeat(150));
        BAD_VALUES.put("no number or date", "-99999999999999999999999 2026-13-45T25:61");
        BAD_VALUES.put("past the form limit", "あ".repeat(2_000));
    }

    private static SecurityStack stack;
    private static String attendee;

    @BeforeAll
    static void browserAndStack() {
        Chromium.required();
        stack = SecurityStack.get();
        attendee = new StackAttendees(stack).create("forms-negative", 1).get(0);
    }

    /** One request: where, as whom (her cookies), what body (null: a GET). */
    record Case(String path, String what, String cookies, String contentType, String body, String csrf) {}

    /** Signed in once per user for both tests (Keycloak's page costs Chromium seconds). */
    private static final Map<String, Session> sessions = new java.util.concurrent.ConcurrentHashMap<>();

    @Test
    void everyPageAnswersBadIdsAndParametersBelow500AndNamesNoException() throws Exception {
        Path gateway = stack.settings.projectDir().resolve("gateway/src/main/java");
        Set<String> routes = matches(gateway, ".java", GET_ROUTE);
        Set<String> parameters = matches(gateway, ".java", QUERY_READ);
        assertThat(routes).as("the gateway's GET routes").hasSizeGreaterThan(50).contains("/app/exit");
        assertThat(parameters).as("the query parameters its pages read").hasSizeGreaterThan(10);
        List<Case> cases = new ArrayList<>();
        for (String route : routes) {
            if (route.equals("/app/exit")) {
                continue; // the quick exit ends the session the rest needs; LogoutNeverFailsTest sends it anything
            }
            Session session = sessions.computeIfAbsent(caller(route), WebFormsNegativeIT::signIn);
            for (String path : paths(route)) {
                cases.add(new Case(path, "no query", session.cookies(), null, null, null));
                if (path.contains("not-an-id")) {
                    continue;
                }
                for (Map.Entry<String, String> bad : BAD_VALUES.entrySet()) {
                    if (bad.getKey().equals("past the form limit")) {
                        continue;
                    }
                    Map<String, String> query = new LinkedHashMap<>();
                    parameters.forEach(parameter -> query.put(parameter, bad.getValue()));
                    cases.add(new Case(path + "?" + encode(query), bad.getKey(), session.cookies(), null, null, null));
                }
            }
        }
        assertThat(cases).as("requests to send").hasSizeGreaterThan(200);
        assertThat(BadInputRequests.sendAll(cases, WebFormsNegativeIT::check))
                .as("answers of 500 or more, or naming an exception")
                .isEmpty();
    }

    @Test
    void everyFormAnswersBadInputBelow500AndNamesNoException() throws Exception {
        Path gateway = stack.settings.projectDir().resolve("gateway/src/main");
        Set<String> routes = matches(gateway.resolve("java"), ".java", POST_ROUTE);
        Set<String> fields = matches(gateway.resolve("java"), ".java", FIELD_READ);
        fields.addAll(matches(gateway.resolve("resources/templates"), ".html", TEMPLATE_FIELD));
        fields.remove("csrf");
        assertThat(routes)
                .as("the gateway's POST routes")
                .hasSizeGreaterThan(40)
                .containsAll(LEFT_OUT.keySet());
        assertThat(fields).as("the form fields the gateway reads").hasSizeGreaterThan(60);

        Map<String, List<String>> byCaller = new LinkedHashMap<>();
        for (String route : routes) {
            if (!LEFT_OUT.containsKey(route)) {
                byCaller.computeIfAbsent(caller(route), c -> new ArrayList<>()).add(route);
            }
        }
        List<Case> cases = new ArrayList<>();
        for (Map.Entry<String, List<String>> calls : byCaller.entrySet()) {
            Session session = sessions.computeIfAbsent(calls.getKey(), WebFormsNegativeIT::signIn);
            for (String route : calls.getValue()) {
                for (String path : paths(route)) {
                    // a path that is no id is refused before its body is read: one bad body is enough there
                    boolean noId = path.contains("not-an-id");
                    for (Map.Entry<String, String> bad : BAD_VALUES.entrySet()) {
                        if (noId && !bad.getKey().equals("control characters")) {
                            continue;
                        }
                        Map<String, String> form = new LinkedHashMap<>();
                        form.put("csrf", session.csrf());
                        fields.forEach(field -> form.put(field, bad.getValue()));
                        cases.add(new Case(path, bad.getKey(), session.cookies(), FORM, encode(form), null));
                    }
                    cases.add(new Case(
                            path, "empty form", session.cookies(), FORM, encode(Map.of("csrf", session.csrf())), null));
                    cases.add(new Case(
                            path,
                            "JSON where a form belongs",
                            session.cookies(),
                            "application/json",
                            "{\"csrf\":\"" + session.csrf() + "\",\"id\":{\"$ne\":null}}",
                            session.csrf()));
                }
            }
        }
        assertThat(cases).as("requests to send").hasSizeGreaterThan(300);
        assertThat(BadInputRequests.sendAll(cases, WebFormsNegativeIT::check))
                .as("answers of 500 or more, or naming an exception")
                .isEmpty();
    }

    private static final String FORM = "application/x-www-form-urlencoded";

    /** A signed-in browser's cookies and the CSRF token its pages carry. */
    record Session(String cookies, String csrf) {}

    /** {@code user} signs in on Keycloak's page in Chromium; her browser's cookies are what the requests carry. */
    private static Session signIn(String user) {
        try (Phone phone = Phone.open("forms-negative-" + user)) {
            KeycloakPages.signIn(phone, stack, user);
            JsonNode me;
            try {
                me = JSON.readTree(phone.context()
                        .request()
                        .get(stack.gateway + "/session.json")
                        .text());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(me.path("signedIn").asBoolean()).as(user + " signed in").isTrue();
            String cookies = phone.context().cookies().stream()
                    .map(cookie -> cookie.name + "=" + cookie.value)
                    .collect(Collectors.joining("; "));
            return new Session(cookies, me.path("csrfToken").asText());
        }
    }

    /** The demo user whose pages post to {@code route}: her routes go to this class's own attendee. */
    private static String caller(String route) {
        if (route.startsWith("/staff/partner")) {
            return "partner1";
        }
        if (route.startsWith("/staff/consultation")) {
            return "consult1";
        }
        if (route.startsWith("/staff")) {
            return "organiser1";
        }
        return attendee;
    }

    /** The route with its parameters as ids that name nothing, and as no ids at all. */
    private static List<String> paths(String route) {
        if (!PATH_PARAMETER.matcher(route).find()) {
            return List.of(route);
        }
        return List.of(
                PATH_PARAMETER.matcher(route).replaceAll(m -> UUID.randomUUID().toString()),
                PATH_PARAMETER.matcher(route).replaceAll("not-an-id%00"));
    }

    private static String check(HttpClient http, Case c) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gateway + c.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Cookie", c.cookies());
        if (c.body() != null) {
            request.header("Content-Type", c.contentType()).POST(HttpRequest.BodyPublishers.ofString(c.body()));
        }
        if (c.csrf() != null) {
            request.header("X-CSRF-Token", c.csrf());
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String where =
                (c.body() == null ? "GET " : "POST ") + c.path().replaceAll("\\?.*", "?…") + " (" + c.what() + ")";
        if (answer.statusCode() >= 500) {
            return where + ": " + answer.statusCode() + " "
                    + answer.body().substring(0, Math.min(300, answer.body().length()));
        }
        Matcher leak = OpenApiNegativeIT.LEAK.matcher(answer.body());
        if (answer.statusCode() >= 400 && leak.find()) {
            return where + ": " + answer.statusCode() + " names " + leak.group();
        }
        return null;
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Set<String> matches(Path root, String suffix, Pattern pattern) {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
                Matcher m = pattern.matcher(Files.readString(file));
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
