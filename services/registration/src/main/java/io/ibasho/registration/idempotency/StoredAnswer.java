package io.ibasho.registration.idempotency;

/** The answer to a POST as it left the service the first time: what a retry with the same key gets again. */
public record StoredAnswer(int status, String body, String location, boolean replayed) {
    public StoredAnswer asReplay() {
        return new StoredAnswer(status, body, location, true);
    }
}
