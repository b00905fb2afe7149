package io.ibasho.gateway.web.staff;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every mistake of a staff form in one answer. A form's own checks (what she typed reads as dates, numbers, choices)
 * and the check the gateway cannot make itself (Keycloak for a venue's partner groups; the event service's check of a
 * session or series, its field syntax and its rules on what reads) are asked in the same submit, whatever the first
 * found, and shown together: an organiser never fixes one kind of mistake only to be shown the other kind next. Her
 * own checks' words come first; on a field they already flag, the other check's words are left out (they are then
 * about a value she is fixing anyway, or about its absence).
 */
final class EveryMistake {
    private EveryMistake() {}

    /** {@code own}: the form's own messages by field; {@code elsewhere}: the other check's, by the same fields. */
    static Map<String, String> of(Map<String, String> own, Map<String, String> elsewhere) {
        Map<String, String> all = new LinkedHashMap<>(own);
        elsewhere.forEach(all::putIfAbsent);
        return all;
    }
}
