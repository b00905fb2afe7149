package io.ibasho.plumbing.refusal;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The stable code of a Bean Validation violation, in the vocabulary of the services' own rule codes (docs/errors.md,
 * "Codes of Bean Validation"): the property path in upper snake case, then what is wrong with it, e.g.
 * {@code TITLE_JA_TOO_LONG}, {@code CHILDCARE_MIN_AGE_YEARS_OUT_OF_RANGE}, {@code KIND_REQUIRED}. Derived from the
 * constraint, so a new annotation on a request record has a code without anyone choosing one; a client translates by
 * code and never reads the English {@code message}. Pure: no Quarkus.
 */
public final class ViolationCodes {
    private ViolationCodes() {}

    /**
     * The violation as a problem's {@code violations} carry it: the path's last part as {@code field} (a method-level
     * check "isEndAfterStart" as "endAfterStart"), its message and its code. The one way, for the problem mapper and
     * for a check that validates a request by hand to answer every mistake at once.
     */
    public static FieldViolation fieldViolation(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String last = path.substring(path.lastIndexOf('.') + 1);
        String field = last.startsWith("is") && last.length() > 2
                ? Character.toLowerCase(last.charAt(2)) + last.substring(3)
                : last;
        return new FieldViolation(field, violation.getMessage(), of(violation));
    }

    public static String of(ConstraintViolation<?> violation) {
        Annotation constraint = violation.getConstraintDescriptor().getAnnotation();
        String name = constraint.annotationType().getSimpleName();
        if (name.equals("AssertTrue") || name.equals("AssertFalse")) {
            String declared = declaredCode(violation);
            if (declared != null) {
                return declared;
            }
        }
        return subject(violation.getPropertyPath()) + "_" + problem(name, violation);
    }

    /** What is wrong, by the constraint: the same words as the rule codes' (KIND_REQUIRED, COUNT_OUT_OF_RANGE). */
    static String problem(String constraint, ConstraintViolation<?> violation) {
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> "REQUIRED";
            case "Null" -> "NOT_ALLOWED";
            case "Size" -> size(violation);
            case "Min",
                    "Max",
                    "DecimalMin",
                    "DecimalMax",
                    "Positive",
                    "PositiveOrZero",
                    "Negative",
                    "NegativeOrZero",
                    "Range",
                    "Past",
                    "PastOrPresent",
                    "Future",
                    "FutureOrPresent" -> "OUT_OF_RANGE";
            default -> "INVALID";
        };
    }

    private static String size(ConstraintViolation<?> violation) {
        Object value = violation.getInvalidValue();
        Object min = violation.getConstraintDescriptor().getAttributes().get("min");
        int length = value instanceof CharSequence text
                ? text.length()
                : value instanceof Collection<?> many ? many.size() : value instanceof Map<?, ?> map ? map.size() : -1;
        boolean tooFew = min instanceof Integer least && length >= 0 && length < least;
        boolean text = value instanceof CharSequence;
        return tooFew ? (text ? "TOO_SHORT" : "TOO_FEW") : (text ? "TOO_LONG" : "TOO_MANY");
    }

    /**
     * The properties along the path ("create.request.childcare.minAgeYears" → CHILDCARE_MIN_AGE_YEARS; list indexes
     * dropped); a parameter's own name when the constraint is on the parameter itself (a missing body: REQUEST).
     */
    static String subject(Path path) {
        List<String> properties = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.BEAN) {
                if (node.getName() != null) {
                    properties.add(propertyName(node.getName()));
                }
            } else if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            }
        }
        if (properties.isEmpty()) {
            properties.add(parameter == null ? "request" : parameter);
        }
        return String.join(
                "_", properties.stream().map(ViolationCodes::upperSnake).toList());
    }

    private static String propertyName(String name) {
        // a getter check ("isEndAfterStart") is reported as the property it reads ("endAfterStart")
        return name.startsWith("is") && name.length() > 2 && Character.isUpperCase(name.charAt(2))
                ? Character.toLowerCase(name.charAt(2)) + name.substring(3)
                : name;
    }

    static String upperSnake(String camel) {
        StringBuilder snake = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                snake.append('_');
            }
            snake.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return snake.toString();
    }

    private static String declaredCode(ConstraintViolation<?> violation) {
        Object bean = violation.getLeafBean();
        String property = null;
        for (Path.Node node : violation.getPropertyPath()) {
            property = node.getName();
        }
        if (bean == null || property == null) {
            return null;
        }
        String capital = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        for (String getter : List.of("is" + capital, "get" + capital, property)) {
            try {
                Method method = bean.getClass().getMethod(getter);
                ViolationCode code = method.getAnnotation(ViolationCode.class);
                if (code != null) {
                    return code.value();
                }
            } catch (NoSuchMethodException e) {
                // not this getter's name
            }
        }
        return null;
    }
}
