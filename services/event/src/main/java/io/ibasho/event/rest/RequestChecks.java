package io.ibasho.event.rest;

import io.ibasho.plumbing.refusal.FieldViolation;
import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.plumbing.refusal.ViolationCodes;
import io.smallrye.mutiny.Uni;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The check endpoints answer every mistake of a request at once: its syntax (Bean Validation, the codes of ADR 0080)
 * and the rules on what of it reads, where the saving endpoints stop at the syntax (400) before the rules (422). A
 * form can then show both kinds together; nothing is stored.
 */
final class RequestChecks {
    private RequestChecks() {}

    /** The request's syntax mistakes, and the members (parts, childcare...) whose own syntax is broken. */
    record Syntax(List<FieldViolation> violations, Set<String> brokenMembers) {}

    static <T> Syntax syntax(Validator validator, T request) {
        Set<ConstraintViolation<T>> found = validator.validate(request);
        Set<String> members = new HashSet<>();
        for (ConstraintViolation<T> violation : found) {
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getName() != null) {
                    members.add(node.getName());
                }
                break;
            }
        }
        List<FieldViolation> violations = found.stream()
                .map(ViolationCodes::fieldViolation)
                .sorted(Comparator.comparing(FieldViolation::field))
                .toList();
        return new Syntax(violations, members);
    }

    /**
     * What the rules answered when neither they nor the syntax found anything; else the rules' refusal with the
     * syntax's violations ahead of its own, or the syntax's alone (400 {@code validation}).
     */
    static <T> Uni<T> checked(Syntax syntax, Uni<T> rules) {
        return rules.onFailure(Refusal.class)
                .transform(failure -> ((Refusal) failure).after(syntax.violations()))
                .invoke(ignored -> {
                    if (!syntax.violations().isEmpty()) {
                        throw Refusal.invalidFields(syntax.violations());
                    }
                });
    }

    /** 204 when nothing is refused; else as {@link #checked}. */
    static Uni<Response> answer(Syntax syntax, Uni<Void> rules) {
        return checked(syntax, rules).map(ignored -> Response.noContent().build());
    }
}
