package io.ibasho.notification.webhook;

public final class WebhookVerificationException extends Exception {
    public enum Reason {
        MISSING_HEADER,
        MALFORMED_TIMESTAMP,
        TIMESTAMP_OUT_OF_TOLERANCE,
        NO_MATCHING_SIGNATURE
    }

    private final Reason reason;

    public WebhookVerificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
