package io.ibasho.plumbing.refusal;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One broken rule of a request, for a form to show beside the field. {@code code} is stable (e.g. ROOM_DOUBLE_BOOKED)
 * for clients that translate; absent for plain field syntax.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldViolation(String field, String message, String code) {
    public FieldViolation(String field, String message) {
        this(field, message, null);
    }
}
