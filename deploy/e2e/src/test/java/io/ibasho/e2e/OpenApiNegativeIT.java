package io.ibasho.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #14, "no 500 for any input": every operation of every service, read from the service's own OpenAPI document
 * (its management interface), gets bad input through the gateway with a real token of a caller the authorization
 * matrix allows: bad path ids, wrongly typed and control-character query parameters, malformed JSON, a body of the
 * wrong shape, wrongly typed fields, NUL, bidi overrides, zero-width characters and over-long strings in text fields,
 * missing and extra fields. Every answer must be below 500; every 4xx an {@code application/problem+json} that names
 * no exception class and holds no stack trace; malformed input must be refused (4xx), not accepted.
 *
 * <p>A handful of cases per operation, generated from the documents and sent from a bounded pool, so that the whole run
 * stays well under a minute. Operations with nothing to vary (no path or query parameter, no body) are not called:
 * they would only repeat the matrix, and some (rotating a feed) would change what other classes rely on.
 */
@org.junit.jupiter.api.parallel.ResourceLock(SharedState.GATEWAY_WRITES)
class OpenApiNegativeIT {
    private static final Set<String> HTTP_METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final Map<String, String> REST_ROOTS = Map.of(
            "event",
            "/api/events",
            "registration",
            "/api/registrations",
            "childcare-booking",
            "/api/childcare",
            "notification",
            "/api/notifications");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");
    /** What a leaked stack trace or exception looks like in an answer. */
    static final Pattern LEAK = Pattern.compile(
            "Exception|\\bat [a-z][\\w$]*\\.[\\w$.]+\\(|java\\.lang|org\\.hibernate|io\\.vertx|io\\.quarkus|"
                    + "jakarta\\.|com\\.fasterxml|org\\.postgresql|\\bSQL");

    private static final String NUL = "a\u0000b";
    private static final String BIDI = "\u202Eevil\u202C";
    private static final String ZERO_WIDTH = "\u200B\u200D";
    private static final String OVER_LONG = "あ".repeat(20_000);
    /**
     * Like the command-line verifier (docs/lottery.md), this endpoint answers every body with a verdict: one that is not
     * a published draw fails its FORMAT check (200), which is its answer, not a silent success.
     */
    private static final String VERDICT_FOR_ANY_BODY = "POST /api/registrations/lottery/verify";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SecurityStack stack;
    private static AuthorizationMatrix matrix;
    private static String attendee;
    private static final Map<String, String> tokens = new ConcurrentHashMap<>();

    @BeforeAll
    static void startTheStack() {
        stack = SecurityStack.get();
        matrix = AuthorizationMatrix.load();
        // a fresh attendee of her own, so that the booking limits this spends are nobody else's
        attendee = new StackAttendees(stack).create("negative", 1).get(0);
    }

    /** One request to make and what it must get. */
    record Case(
            String caller, String method, String operation, String what, String path, String body, boolean refuse) {}

    @Test
    void everyOperationAnswersBadInputWithA4xxProblemNeverA5xx() throws Exception {
        long started = System.nanoTime();
        List<Case> cases = new ArrayList<>();
        List<String> notCalled = new ArrayList<>();
        for (Map.Entry<String, String> service : REST_ROOTS.entrySet()) {
            JsonNode document = openApi(service.getKey());
            Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> path = paths.next();
                String full = path.getKey().startsWith(service.getValue())
                        ? path.getKey()
                        : service.getValue() + path.getKey();
                Iterator<Map.Entry<String, JsonNode>> operations =
                        path.getValue().fields();
                while (operations.hasNext()) {
                    Map.Entry<String, JsonNode> operation = operations.next();
                    if (!HTTP_METHODS.contains(operation.getKey())) {
                        continue;
                    }
                    String method = operation.getKey().toUpperCase(Locale.ROOT);
                    List<Case> generated =
                            casesFor(service.getKey(), method, full, operation.getValue(), path.getValue(), document);
                    if (generated.isEmpty()) {
                        notCalled.add(method + " " + full);
                    }
                    cases.addAll(generated);
                }
            }
        }
        assertThat(cases).as("cases generated from the OpenAPI documents").hasSizeGreaterThan(100);

        List<String> failures = BadInputRequests.sendAll(cases, OpenApiNegativeIT::check);
        System.out.printf(
                "[negative] %d cases in %.1f s, %d failures; not called (nothing to vary): %s%n",
                cases.size(), (System.nanoTime() - started) / 1e9, failures.size(), notCalled);
        failures.forEach(f -> System.out.println("[negative] " + f));
        assertThat(failures)
                .as("bad input answered with a 5xx, a non-problem or a leak")
                .isEmpty();
    }

    private static JsonNode openApi(String service) throws Exception {
        // HTTP/1.1, as for the cases below: the default (HTTP/2, offered by an h2c upgrade) once read a 2 MB document's
        // spaces as an HTTP/2 frame header ("Frame type(32) length(2105376) exceeds MAX_FRAME_SIZE", round 11)
        HttpResponse<String> answer = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(stack.management(service) + "/q/openapi?format=json"))
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(service + " OpenAPI").isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static List<Case> casesFor(
            String service, String method, String path, JsonNode operation, JsonNode pathItem, JsonNode document) {
        String caller = allowedCaller(service, method + " " + path);
        if (caller == null) {
            return List.of();
        }
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        for (JsonNode list : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            for (JsonNode parameter : list) {
                JsonNode resolved = resolve(parameter, document);
                parameters.put(
                        resolved.path("in").asText() + ":"
                                + resolved.path("name").asText(),
                        resolved);
            }
        }
        String operationName = method + " " + path;
        String validPath = fillPath(path, Map.of());
        List<Case> cases = new ArrayList<>();
        // bad ids in the path
        Matcher names = PATH_PARAMETER.matcher(path);
        while (names.find()) {
            String name = names.group(1);
            // "not-a-uuid" is only wrong for an id; a partner group's name, say, may be any plain word
            boolean uuid = "uuid"
                    .equals(resolve(
                                    parameters
                                            .getOrDefault("path:" + name, JsonNodeFactory.instance.objectNode())
                                            .path("schema"),
                                    document)
                            .path("format")
                            .asText());
            for (Map.Entry<String, String> bad : Map.of(
                            "not an id",
                            "not-a-uuid",
                            "NUL in the id",
                            "%00",
                            "bidi override in the id",
                            "%E2%80%AE" + UUID.randomUUID(),
                            "over-long id",
                            "a".repeat(600))
                    .entrySet()) {
                cases.add(new Case(
                        caller,
                        method,
                        operationName,
                        bad.getKey() + " {" + name + "}",
                        fillPath(path, Map.of(name, bad.getValue())),
                        bodyFor(operation, document, null, null),
                        uuid || !bad.getValue().equals("not-a-uuid")));
            }
        }
        // wrongly typed or control-character query parameters
        parameters.values().stream()
                .filter(p -> "query".equals(p.path("in").asText()))
                .forEach(parameter -> {
                    JsonNode schema = resolve(parameter.path("schema"), document);
                    String name = parameter.path("name").asText();
                    String typed = wrongValue(schema);
                    if (typed != null) {
                        cases.add(new Case(
                                caller,
                                method,
                                operationName,
                                "?" + name + " of the wrong type",
                                validPath + "?" + name + "=" + encode(typed),
                                bodyFor(operation, document, null, null),
                                true));
                    }
                    cases.add(new Case(
                            caller,
                            method,
                            operationName,
                            "?" + name + " with NUL and a bidi override",
                            validPath + "?" + name + "=" + encode(NUL + BIDI),
                            bodyFor(operation, document, null, null),
                            false));
                });
        // bodies
        JsonNode schema = bodySchema(operation, document);
        if (schema != null) {
            cases.add(new Case(caller, method, operationName, "malformed JSON", validPath, "{\"a\":", true));
            cases.add(new Case(
                    caller,
                    method,
                    operationName,
                    "a body of the wrong shape",
                    validPath,
                    "object".equals(schema.path("type").asText()) || schema.has("properties") ? "[1,2]" : "{\"x\":{}}",
                    true));
            cases.add(new Case(caller, method, operationName, "missing fields", validPath, "{}", false));
            if (plausible(schema, document, 0) instanceof ObjectNode extra) {
                extra.put("unexpectedExtraField", "x");
                cases.add(
                        new Case(caller, method, operationName, "an extra field", validPath, extra.toString(), false));
            }
            int strings = 0;
            int others = 0;
            Iterator<Map.Entry<String, JsonNode>> properties =
                    schema.path("properties").fields();
            while (properties.hasNext()) {
                Map.Entry<String, JsonNode> property = properties.next();
                JsonNode propertySchema = resolve(property.getValue(), document);
                String type = propertySchema.path("type").asText();
                boolean text = "string".equals(type) && !propertySchema.has("format") && !propertySchema.has("enum");
                if (text && strings < 3) {
                    strings++;
                    cases.add(bodyCase(
                            caller,
                            method,
                            operationName,
                            validPath,
                            operation,
                            document,
                            property,
                            NUL,
                            "NUL in ." + property.getKey(),
                            true));
                    cases.add(bodyCase(
                            caller,
                            method,
                            operationName,
                            validPath,
                            operation,
                            document,
                            property,
                            BIDI + ZERO_WIDTH,
                            "bidi and zero-width in ." + property.getKey(),
                            false));
                    cases.add(bodyCase(
                            caller,
                            method,
                            operationName,
                            validPath,
                            operation,
                            document,
                            property,
                            OVER_LONG,
                            "20,000 characters in ." + property.getKey(),
                            false));
                } else if (!text && others < 3) {
                    others++;
                    cases.add(bodyCase(
                            caller,
                            method,
                            operationName,
                            validPath,
                            operation,
                            document,
                            property,
                            JsonNodeFactory.instance.objectNode().put("wrong", "type"),
                            "." + property.getKey() + " of the wrong type",
                            true));
                }
            }
        }
        return cases;
    }

    private static Case bodyCase(
            String caller,
            String method,
            String operation,
            String path,
            JsonNode op,
            JsonNode document,
            Map.Entry<String, JsonNode> property,
            Object value,
            String what,
            boolean refuse) {
        return new Case(caller, method, operation, what, path, bodyFor(op, document, property.getKey(), value), refuse);
    }

    /** The operation's body made plausible from its schema, with one field replaced; null without a JSON body. */
    private static String bodyFor(JsonNode operation, JsonNode document, String field, Object value) {
        JsonNode schema = bodySchema(operation, document);
        if (schema == null) {
            return null;
        }
        JsonNode body = plausible(schema, document, 0);
        if (field != null && body instanceof ObjectNode object) {
            if (value instanceof JsonNode node) {
                object.set(field, node);
            } else {
                object.put(field, value.toString());
            }
        }
        return body.toString();
    }

    private static JsonNode bodySchema(JsonNode operation, JsonNode document) {
        JsonNode content = operation.path("requestBody").path("content");
        JsonNode json = content.path("application/json");
        if (json.isMissingNode()) {
            return null;
        }
        JsonNode schema = resolve(json.path("schema"), document);
        return schema.isMissingNode() ? null : schema;
    }

    /** A value of the schema's type and format, so that a case changes one thing only. */
    private static JsonNode plausible(JsonNode schema, JsonNode document, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        schema = resolve(schema, document);
        if (depth > 4) {
            return f.nullNode();
        }
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        String format = schema.path("format").asText("");
        switch (type) {
            case "object" -> {
                ObjectNode object = f.objectNode();
                schema.path("properties")
                        .fields()
                        .forEachRemaining(p -> object.set(p.getKey(), plausible(p.getValue(), document, depth + 1)));
                return object;
            }
            case "array" -> {
                ArrayNode array = f.arrayNode();
                return array;
            }
            case "integer", "number" -> {
                return f.numberNode(1);
            }
            case "boolean" -> {
                return f.booleanNode(false);
            }
            case "string" -> {
                return switch (format) {
                    case "uuid" -> f.textNode(UUID.randomUUID().toString());
                    case "date-time" ->
                        f.textNode(OffsetDateTime.now(ZoneOffset.UTC)
                                .plusDays(20)
                                .withNano(0)
                                .toString());
                    case "date" ->
                        f.textNode(OffsetDateTime.now(ZoneOffset.UTC)
                                .plusDays(20)
                                .toLocalDate()
                                .toString());
                    case "time", "local-time" -> f.textNode("10:00:00");
                    default -> f.textNode("テスト");
                };
            }
            default -> {
                return f.textNode("テスト");
            }
        }
    }

    /** A value that is not of the parameter's type, or null when any text is of its type. */
    private static String wrongValue(JsonNode schema) {
        String type = schema.path("type").asText("");
        String format = schema.path("format").asText("");
        if (schema.has("enum")) {
            return "no-such-value";
        }
        return switch (type) {
            case "integer", "number" -> "abc";
            case "boolean" -> "maybe";
            case "string" ->
                switch (format) {
                    case "uuid" -> "not-a-uuid";
                    case "date", "date-time" -> "not-a-date";
                    default -> null;
                };
            default -> null;
        };
    }

    private static JsonNode resolve(JsonNode node, JsonNode document) {
        int hops = 0;
        while (node.has("$ref") && hops++ < 10) {
            String ref = node.path("$ref").asText();
            JsonNode target = document;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part);
            }
            node = target;
        }
        return node;
    }

    private static String fillPath(String path, Map<String, String> values) {
        Matcher m = PATH_PARAMETER.matcher(path);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(
                    filled,
                    Matcher.quoteReplacement(
                            values.getOrDefault(m.group(1), UUID.randomUUID().toString())));
        }
        return m.appendTail(filled).toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * A caller the matrix lets through for this endpoint (a 2xx, else any answer that is not 401 or 403), as a real
     * token; attendees are the fresh one of this class. Null for an endpoint with no row (AuthorizationMatrixIT lists
     * those).
     */
    private static String allowedCaller(String service, String endpoint) {
        String fallback = null;
        for (AuthorizationMatrix.Row row : matrix.rows) {
            if (!row.service().equals(service) || !row.endpoint().equals(endpoint)) {
                continue;
            }
            for (String caller : matrix.callers) {
                Integer status = row.expected().get(caller);
                if (status == null || "anonymous".equals(caller)) {
                    continue;
                }
                if (status >= 200 && status < 300) {
                    return caller;
                }
                if (status != 401 && status != 403 && fallback == null) {
                    fallback = caller;
                }
            }
        }
        return fallback;
    }

    private static String token(String caller) {
        String who = "hana".equals(caller) || "mei".equals(caller) ? attendee : caller;
        return tokens.computeIfAbsent(
                who,
                w -> w.equals(attendee) ? io.ibasho.testsupport.Tokens.accessToken(stack.realm, w) : stack.tokenOf(w));
    }

    /** Null when the answer is right, else what was wrong. */
    private static String check(HttpClient http, Case c) {
        HttpRequest.Builder request;
        try {
            request =
                    HttpRequest.newBuilder(URI.create(stack.gateway + c.path())).timeout(Duration.ofSeconds(30));
        } catch (IllegalArgumentException e) {
            return null; // not a URI a client could send
        }
        String token = token(c.caller());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.header("Idempotency-Key", UUID.randomUUID().toString());
        if (c.body() != null) {
            request.header("Content-Type", "application/json");
            request.method(c.method(), HttpRequest.BodyPublishers.ofString(c.body(), StandardCharsets.UTF_8));
        } else {
            request.method(c.method(), HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return describe(c) + ": no answer (" + e.getClass().getSimpleName() + ")";
        }
        int status = answer.statusCode();
        String type = answer.headers().firstValue("Content-Type").orElse("");
        String body = Objects.requireNonNullElse(answer.body(), "");
        if (status >= 500) {
            return describe(c) + ": " + status + " " + abbreviate(body);
        }
        if (status >= 400 && !type.startsWith("application/problem+json")) {
            return describe(c) + ": " + status + " as " + type + " " + abbreviate(body);
        }
        if (LEAK.matcher(body).find() && status >= 400) {
            return describe(c) + ": " + status + " leaks " + abbreviate(body);
        }
        if (c.refuse() && status < 400 && VERDICT_FOR_ANY_BODY.equals(c.operation()) && body.contains("FORMAT")) {
            return null; // by design: the verifier answers any body with a verdict, here the FORMAT check failing
        }
        if (c.refuse() && status < 400) {
            return describe(c) + ": accepted with " + status;
        }
        return null;
    }

    private static String describe(Case c) {
        return c.operation() + " as " + c.caller() + ", " + c.what();
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
