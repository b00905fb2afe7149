package io.ibasho.event.rest;

import io.ibasho.event.service.PublicSessionList;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The public list's answer as HTTP (docs/adr/0051): a strong ETag of the exact bytes, 304 when If-None-Match names
 * it, and {@code Cache-Control: public, max-age=N} (N: a few seconds at most, never past the moment the list changes
 * with time). A request that carries a token gets the same list as {@code no-store} without an ETag: nothing of a
 * signed-in person is left in any cache.
 */
final class PublicListAnswers {
    /** As the JSON writer answered before the copy: the same bytes, the same header. */
    private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");

    private PublicListAnswers() {}

    static Response of(PublicSessionList.Answer answer, String ifNoneMatch, String authorization) {
        if (authorization != null) {
            return Response.ok(answer.json(), JSON)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .build();
        }
        String etag = "\"" + answer.fingerprint() + "\"";
        String cacheControl = answer.maxAgeSeconds() > 0 ? "public, max-age=" + answer.maxAgeSeconds() : "no-cache";
        Response.ResponseBuilder response =
                matches(ifNoneMatch, etag) ? Response.notModified() : Response.ok(answer.json(), JSON);
        return response.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .build();
    }

    /** RFC 9110 13.1.2: a list of entity tags or "*", compared weakly (a W/ prefix does not matter). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
