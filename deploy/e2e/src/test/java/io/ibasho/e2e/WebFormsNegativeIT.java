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
 * are random, so nothing real is touched. The few routes whose bad input with a valid token would end the session the
 * rest needs or change what other classes read ({@link #LEFT_OUT}) get, in a test of their own, the bad input that
 * must be refused before anything happens (no, a forged or a foreign page's CSRF token, a body that is no form), and
 * the rest of the bad input where it changes nothing: sign-out and quick exit on sessions of their own.
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

    /**
     * Routes the bulk form test does not send, and why; {@link
     * #theRoutesLeftOutRefuseBadInputBeforeAnythingHappensAndNeverWithA500} covers each.
     */
    static final Map<String, String> LEFT_OUT = Map.of(
            "/app/logout",
                    "ends the session the rest needs: refused input on a session of its own, the rest on fresh ones",
            "/app/exit",
                    "ends the session whatever it is sent (no CSRF token, by design; a body past the server's 1 MB"
                            + " too, which every other route refuses with 413): each case on a fresh session",
            "/app/settings/data/erase",
                    "erases the account the rest needs: an attendee of its own, and only input it refuses (no ERASE)",
            "/staff/partner/feed/rotate",
                    "with its token it rotates the feed other classes read: only input refused before that",
            "/staff/consultation/organisation",
                    "its names accept free text, so with its token it would rename a listing other classes show: only"
                            + " input refused before that");
    /** The routes of {@link #LEFT_OUT} that must refuse bad input with a valid token and change nothing. */
    private static final Set<String> REFUSE_BAD_FIELDS = Set.of("/app/settings/data/erase");

    /** Each fills every field; the form's whole body stays under the gateway's 64 KiB but for the last. */
    private static final Map<String, String> BAD_VALUES = new LinkedHashMap<>();

    static {
        BAD_VALUES.put("control characters", "a\u0000b\u202Eevil\u202C\u200B\u200D");
        BAD_VALUES.put("longer than any field", "x".repeat(150));
        BAD_VALUES.put("no number or date", "-99999999999999999999999 2026-13-45T25:61");
        BAD_VALUES.put("past the form limit", "あ".repeat(8_000)); // 72 KB urlencoded, past the 64 KiB
    }

    private static SecurityStack stack;
    private static String attendee;
    /** Sends the left-out routes of hers the input they refuse: if one did not, only she would be signed out. */
    private static String guardedAttendee;
    /** Signs in afresh for each request that ends her session (sign-out, quick exit). */
    private static String leavingAttendee;

    @BeforeAll
    static void browserAndStack() {
        Chromium.required();
        stack = SecurityStack.get();
        List<String> attendees = new StackAttendees(stack).create("forms-negative", 3);
        attendee = attendees.get(0);
        guardedAttendee = attendees.get(1);
        leavingAttendee = attendees.get(2);
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

    @Test
    void theRoutesLeftOutRefuseBadInputBeforeAnythingHappensAndNeverWithA500() throws Exception {
        Path gateway = stack.settings.projectDir().resolve("gateway/src/main");
        Set<String> fields = matches(gateway.resolve("java"), ".java", FIELD_READ);
        fields.addAll(matches(gateway.resolve("resources/templates"), ".html", TEMPLATE_FIELD));
        fields.remove("csrf");
        Map<String, String> everyFieldBad = new LinkedHashMap<>();
        fields.forEach(field -> everyFieldBad.put(field, BAD_VALUES.get("control characters")));
        List<String> failures = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        // input refused before anything happens, so the session (and what it could change) stays: every route but the
        // quick exit, which needs no token by design (a forged one can only sign her out, the safe direction)
        for (String route : new TreeSet<>(LEFT_OUT.keySet())) {
            if (route.equals("/app/exit")) {
                continue;
            }
            String caller = route.startsWith("/staff") ? caller(route) : guardedAttendee;
            Session session = sessions.computeIfAbsent(caller, WebFormsNegativeIT::signIn);
            for (Case refused : refusedCases(route, session, everyFieldBad)) {
                HttpResponse<String> answer = send(http, refused);
                failures.add(check(refused, answer));
                if (answer.statusCode() != 403) {
                    failures.add(route + " (" + refused.what() + "): " + answer.statusCode() + ", not refused (403)");
                }
            }
            if (REFUSE_BAD_FIELDS.contains(route)) {
                // with its valid token: every bad value, an empty form; none is the confirmation word, so none erases
                for (Map.Entry<String, String> bad : BAD_VALUES.entrySet()) {
                    Map<String, String> form = new LinkedHashMap<>();
                    form.put("csrf", session.csrf());
                    fields.forEach(field -> form.put(field, bad.getValue()));
                    Case c = new Case(route, bad.getKey(), session.cookies(), FORM, encode(form), null);
                    failures.add(check(c, send(http, c)));
                }
                Case empty = new Case(
                        route, "empty form", session.cookies(), FORM, encode(Map.of("csrf", session.csrf())), null);
                failures.add(check(empty, send(http, empty)));
            }
            if (!signedIn(http, session.cookies())) {
                failures.add(route + ": the bad input ended " + caller + "'s session");
            }
        }

        // what ends her session, each on a session of its own: sign-out with its token and every field bad, and the
        // quick exit with anything at all; both still end it. The quick exit even with a body past the server's 1 MB
        // backstop (every field past the form limit), which every other route answers 413: the exit runs ahead of the
        // body limits and drops the body unread, so her session ends and the answer is the exit's own.
        String json = "{\"csrf\":{\"$ne\":null},\"x\":\"\\u0000\"}";
        List<Ending> endings = List.of(
                new Ending("/app/logout", "every field bad, her token", FORM, "hers", "control characters", true),
                new Ending("/app/exit", "every field bad, no token", FORM, "none", "control characters", true),
                new Ending("/app/exit", "JSON where a form belongs", "application/json", "none", null, true),
                new Ending("/app/exit", "a field past the form limit", FORM, "none", ONE_FIELD_PAST_THE_LIMIT, true),
                new Ending("/app/exit", "past the server's 1 MB", FORM, "none", "past the form limit", true),
                new Ending("/app/exit", "a forged token, " + FOREIGN_PAGE, FORM, "forged", "control characters", true));
        for (Ending ending : endings) {
            Session session = signIn(leavingAttendee);
            Map<String, String> form = new LinkedHashMap<>();
            switch (ending.token()) {
                case "hers" -> form.put("csrf", session.csrf());
                case "forged" -> form.put("csrf", UUID.randomUUID().toString() + UUID.randomUUID());
                default -> {}
            }
            if (ONE_FIELD_PAST_THE_LIMIT.equals(ending.badValue())) {
                fields.forEach(field -> form.put(field, BAD_VALUES.get("control characters")));
                form.put(fields.iterator().next(), BAD_VALUES.get("past the form limit"));
            } else if (ending.badValue() != null) {
                fields.forEach(field -> form.put(field, BAD_VALUES.get(ending.badValue())));
            }
            Case c = new Case(
                    ending.route(),
                    ending.what(),
                    session.cookies(),
                    ending.contentType(),
                    ending.badValue() == null ? json : encode(form),
                    null);
            HttpResponse<String> answer = send(http, c);
            failures.add(check(c, answer));
            if (ending.ends() && signedIn(http, session.cookies())) {
                failures.add(ending.route() + " (" + ending.what() + "): her session did not end");
            }
            if (ending.route().equals("/app/exit") && answer.statusCode() != 204) {
                // the beacon's answer, whatever the body: never the 413 of the other routes
                failures.add(
                        "/app/exit (" + ending.what() + "): " + answer.statusCode() + " instead of the exit's 204");
            }
        }
        assertThat(failures.stream().filter(java.util.Objects::nonNull).toList())
                .as("answers of 500 or more, naming an exception, not refused, or not doing what they must")
                .isEmpty();
    }

    /**
     * Bad input a state-changing route must refuse (403) before it reads anything else: no token, a forged one, its
     * own token sent from a foreign page, and bodies that are no form (JSON, plain text) carrying the token.
     */
    private static List<Case> refusedCases(String route, Session session, Map<String, String> everyFieldBad) {
        Map<String, String> withoutToken = new LinkedHashMap<>(everyFieldBad);
        Map<String, String> forged = new LinkedHashMap<>(everyFieldBad);
        forged.put("csrf", UUID.randomUUID().toString() + UUID.randomUUID());
        Map<String, String> withToken = new LinkedHashMap<>(everyFieldBad);
        withToken.put("csrf", session.csrf());
        String json = "{\"csrf\":\"" + session.csrf() + "\"}";
        return List.of(
                new Case(route, "no CSRF token", session.cookies(), FORM, encode(withoutToken), null),
                new Case(route, "a forged CSRF token", session.cookies(), FORM, encode(forged), null),
                new Case(route, "her token " + FOREIGN_PAGE, session.cookies(), FORM, encode(withToken), null),
                new Case(route, "the token in JSON, no form", session.cookies(), "application/json", json, null),
                new Case(
                        route,
                        "the token in plain text, no form",
                        session.cookies(),
                        "text/plain",
                        encode(withToken),
                        null));
    }

    /** Cases whose request comes from another site's page (its Origin). */
    private static final String FOREIGN_PAGE = "from a foreign page";

    /**
     * A request that ends her session: its token ("hers", "forged", "none"), the bad value of every field (null: a JSON
     * body), and whether the session must have ended after it.
     */
    private record Ending(String route, String what, String contentType, String token, String badValue, boolean ends) {}

    /** Every field bad, one of them past the 64 KiB form limit: the body stays far under the server's 1 MB. */
    private static final String ONE_FIELD_PAST_THE_LIMIT = "one field past the form limit";

    private static HttpResponse<String> send(HttpClient http, Case c) throws Exception {
        HttpRequest.Builder request = request(c);
        if (c.what().endsWith(FOREIGN_PAGE)) {
            request.header("Origin", "https://elsewhere.example");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean signedIn(HttpClient http, String cookies) throws Exception {
        HttpResponse<String> me = http.send(
                HttpRequest.newBuilder(URI.create(stack.gateway + "/session.json"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Cookie", cookies)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return me.statusCode() == 200
                && JSON.readTree(me.body()).path("signedIn").asBoolean();
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

    private static HttpRequest.Builder request(Case c) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.gateway + c.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Cookie", c.cookies());
        if (c.body() != null) {
            request.header("Content-Type", c.contentType()).POST(HttpRequest.BodyPublishers.ofString(c.body()));
        }
        if (c.csrf() != null) {
            request.header("X-CSRF-Token", c.csrf());
        }
        return request;
    }

    private static String check(HttpClient http, Case c) throws Exception {
        return check(c, http.send(request(c).build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Null when the answer is below 500 and names no exception, else what was wrong. */
    private static String check(Case c, HttpResponse<String> answer) {
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
