package io.ibasho.registration.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.plumbing.time.CommitWakeUp;
import io.ibasho.registration.idempotency.IdempotencyKey;
import io.ibasho.registration.idempotency.IdempotencyService;
import io.ibasho.registration.idempotency.StoredAnswer;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.function.Supplier;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * How every resource of registration answers a POST with the optional {@code Idempotency-Key} (docs/errors.md): done
 * once per key and caller, the stored answer given again on a retry with {@code Idempotent-Replayed}. One place, so the
 * resources answer alike.
 */
final class IdempotentPosts {
    private final IdempotencyService idempotency;
    private final JsonWebToken token;
    private final ObjectMapper json;
    private final UriInfo uri;
    private final HttpHeaders headers;

    IdempotentPosts(
            IdempotencyService idempotency, JsonWebToken token, ObjectMapper json, UriInfo uri, HttpHeaders headers) {
        this.idempotency = idempotency;
        this.token = token;
        this.json = json;
        this.uri = uri;
        this.headers = headers;
    }

    /** Runs {@code work} once for this key (from the header or the request), or answers as it did the first time. */
    Uni<Response> once(String keyHeader, Object body, Supplier<Uni<StoredAnswer>> work) {
        return once(keyHeader, body, work, true);
    }

    /**
     * As {@link #once}, for work that opens the transactions it needs itself: without a key it runs in none of ours
     * (a booking without children is then one statement that commits as it ends, ADR 0089); with a key it runs in
     * the key's transaction, so that its answer is stored with it.
     */
    Uni<Response> onceInItsOwnTransactions(String keyHeader, Object body, Supplier<Uni<StoredAnswer>> work) {
        return once(keyHeader, body, work, false);
    }

    private Uni<Response> once(
            String keyHeader, Object body, Supplier<Uni<StoredAnswer>> work, boolean transactionWithoutKey) {
        String key =
                IdempotencyKey.parse(IdempotencyKey.sent(keyHeader, headers.getRequestHeader(IdempotencyKey.HEADER)));
        // the outbox relay is woken when the change has ended, without a NOTIFY per commit (ADR 0090)
        if (key == null && !transactionWithoutKey) {
            return runToTheEnd(CommitWakeUp.collecting(work)).map(IdempotentPosts::respond);
        }
        // without a key nothing is stored nor compared: no fingerprint (a JSON serialisation and a SHA-256) to make
        String fingerprint = key == null ? null : IdempotencyKey.fingerprint("POST", uri.getPath(), serialise(body));
        return runToTheEnd(CommitWakeUp.collecting(() -> idempotency.once(token.getSubject(), key, fingerprint, work)))
                .map(IdempotentPosts::respond);
    }

    /**
     * A change, once started, runs to its commit or rollback even when the caller goes away: a closed connection (wrk
     * stopping, a gateway giving up) cancelled the request's Uni, and its transaction was cut off between statements
     * ("Session is closed", "Live transaction detected while closing the connection", "Failed to commit", round 13).
     * PostgreSQL kept it atomic, but whether it committed was left to chance; now it finishes and only the answer is
     * dropped. Subscribed here, on the request's own context, so the transaction's session is found as before.
     */
    static <T> Uni<T> runToTheEnd(Uni<T> change) {
        return Uni.createFrom().emitter(emitter -> change.subscribe().with(emitter::complete, emitter::fail));
    }

    /** An answer to keep: the status, the view as JSON and the Location, if any. */
    StoredAnswer answer(int status, Object view, String location) {
        return new StoredAnswer(status, serialise(view), location, false);
    }

    private static Response respond(StoredAnswer answer) {
        Response.ResponseBuilder response = Response.status(answer.status())
                .type(MediaType.APPLICATION_JSON)
                .entity(answer.body());
        if (answer.location() != null) {
            response.header("Location", answer.location());
        }
        if (answer.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    private String serialise(Object value) {
        if (value == null) {
            return "";
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer not serialisable", e);
        }
    }
}
