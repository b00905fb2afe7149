package io.ibasho.testsupport;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A response body read with one Jackson parse, for helpers that tests call many times (polls, loops, fixtures).
 * REST Assured's {@code path("a.b")} compiles and runs a Groovy script per call (2-4 ms of CPU with C1), which made
 * GPath a fifth of a test JVM's CPU (docs/benchmarks.md, rounds 13 and 15); asserting on one answer with it is fine.
 */
public final class JsonBody {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> LIST_OF_OBJECTS = new TypeReference<>() {};

    private JsonBody() {}

    /** The body as a tree; a missing field reads as a missing node. */
    public static JsonNode of(Response response) {
        try {
            return JSON.readTree(response.asByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON body (" + response.statusCode() + ")", e);
        }
    }

    /** A top-level field as text, or null when it is missing or null. */
    public static String text(Response response, String field) {
        JsonNode value = of(response).path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    /** A top-level whole number; fails when the field is missing or not a whole number. */
    public static int integer(Response response, String field) {
        JsonNode value = of(response).path(field);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new AssertionError("expected a whole number in \"" + field + "\", got " + value);
        }
        return value.intValue();
    }

    /** A top-level array of objects. */
    public static List<Map<String, Object>> objects(Response response) {
        return JSON.convertValue(of(response), LIST_OF_OBJECTS);
    }
}
