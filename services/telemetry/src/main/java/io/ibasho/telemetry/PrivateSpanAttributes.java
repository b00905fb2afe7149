package io.ibasho.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Blanks what the default HTTP instrumentation records about a person before a span can be exported (docs/privacy.md,
 * "Traces and metrics"): her IP address, her browser's user agent, query strings (a search could hold a nickname), and
 * every id or secret in a path. A path can name her account (the gateway's calls to Keycloak's admin API and to
 * notification's internal read), her registration, a survey's one-time token or a private calendar feed's secret; the
 * span's name keeps the route template ({@code /sessions/{id}/bookings}), which is what a trace is read by.
 * Bodies are never recorded by the instrumentation, and no span keeps an event (the exceptions' messages,
 * {@code META-INF/microprofile-config.properties}).
 *
 * <p>It looks twice: when a span starts, and when it is ending, still writable, for what the instrumentation adds on
 * the way (a client's URL set after the request was built, a server's route). {@link ExtendedSpanProcessor} is the
 * SDK's own composite's interface for that second look; should a later SDK drop it, the first look still holds.
 */
@ApplicationScoped
public class PrivateSpanAttributes implements ExtendedSpanProcessor {
    static final String BLANK = "-";
    /** What an id or a secret in a path becomes. */
    static final String ID = "{id}";

    private static final List<AttributeKey<String>> PERSONAL = List.of(
            AttributeKey.stringKey("client.address"),
            AttributeKey.stringKey("network.peer.address"),
            AttributeKey.stringKey("user_agent.original"),
            AttributeKey.stringKey("url.query"),
            AttributeKey.stringKey("http.client_ip"),
            AttributeKey.stringKey("net.sock.peer.addr"),
            AttributeKey.stringKey("enduser.id"));
    private static final List<AttributeKey<String>> WITH_A_PATH = List.of(
            AttributeKey.stringKey("url.full"),
            AttributeKey.stringKey("url.path"),
            AttributeKey.stringKey("http.target"),
            AttributeKey.stringKey("http.url"));

    /**
     * A path segment that is an id or a secret, optionally with an extension ({@code .ics}): a number, a UUID, or 16
     * or more base64url characters with a digit, a capital or '_' among them. The words of our paths
     * ({@code attendee-details}, {@code childcare-booking}) are lower case and hyphens only; a random token of 16 or
     * more characters is that too about once in a million.
     */
    private static final Pattern ID_SEGMENT = Pattern.compile("(?:[0-9]+"
            + "|(?i:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
            + "|(?=[a-z-]*[0-9A-Z_])[A-Za-z0-9_-]{16,})"
            + "(?:\\.[a-z]{1,5})?");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        blank(span);
    }

    @Override
    public void onEnding(ReadWriteSpan span) {
        blank(span);
    }

    private static void blank(ReadWriteSpan span) {
        for (AttributeKey<String> key : PERSONAL) {
            if (span.getAttribute(key) != null) {
                span.setAttribute(key, BLANK);
            }
        }
        for (AttributeKey<String> key : WITH_A_PATH) {
            String value = span.getAttribute(key);
            if (value != null) {
                String kept = withoutIds(value);
                if (!kept.equals(value)) {
                    span.setAttribute(key, kept);
                }
            }
        }
    }

    /** A URL or path without its query string and fragment, each id or secret among its segments replaced by {id}. */
    static String withoutIds(String url) {
        int end = url.length();
        int query = url.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        int fragment = url.indexOf('#');
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        String path = url.substring(0, end);
        // the scheme and authority of a full URL are kept as they are: a host is not an id
        int start = 0;
        int scheme = path.indexOf("://");
        if (scheme >= 0) {
            int slash = path.indexOf('/', scheme + 3);
            start = slash < 0 ? path.length() : slash;
        }
        StringBuilder kept = new StringBuilder(path.substring(0, start));
        String[] segments = path.substring(start).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                kept.append('/');
            }
            String segment = segments[i];
            kept.append(ID_SEGMENT.matcher(segment).matches() ? ID : segment);
        }
        return kept.toString();
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isOnEndingRequired() {
        return true;
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
