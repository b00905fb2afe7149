package io.ibasho.event.schedule;

/**
 * One broken rule: the field it concerns (a path such as {@code parts[1].start} or {@code childcare.carers}),
 * a stable code and an English message for staff.
 */
public record Violation(String field, SessionRuleCode code, String message) {}
