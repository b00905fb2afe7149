package io.ibasho.event.schedule;

import java.util.Arrays;

/** What kind of gathering a session is; the code is what the API and the database carry. */
public enum SessionKind {
    /** Women's Café: booking optional, capacity indicative, drop-ins welcome. */
    CAFE("cafe"),
    /** Workshop: fixed capacity, application window with a deadline, first come or lottery. */
    WORKSHOP("workshop"),
    /** Online dialogue: a private meeting link instead of a venue; morning or night is just its time. */
    ONLINE("online"),
    /** Free space: open hours, no booking, no capacity needed. */
    FREE_SPACE("free-space");

    private final String code;

    SessionKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static SessionKind fromCode(String code) {
        return Arrays.stream(values())
                .filter(kind -> kind.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Unknown session kind '" + code + "', expected one of cafe, workshop, online, free-space"));
    }
}
