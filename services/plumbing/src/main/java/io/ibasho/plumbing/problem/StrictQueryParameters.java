package io.ibasho.plumbing.problem;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Query parameters of type boolean, number or UUID are read strictly, and a value that is not one is a 400 naming the
 * parameter. JAX-RS answers a query parameter it cannot convert with 404 (so {@code ?size=abc} looked like "no such
 * page"), and reads any word but "true" as false (so {@code ?online=maybe} silently filtered). Issue #14.
 */
@Provider
public class StrictQueryParameters implements ParamConverterProvider {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** A query parameter whose value is not of its type; {@link ProblemMappers} answers it as problem+json. */
    public static class InvalidQueryParameter extends BadRequestException {
        private final String parameter;
        private final String expected;

        InvalidQueryParameter(String parameter, String expected) {
            super("query parameter " + parameter + " must be " + expected);
            this.parameter = parameter;
            this.expected = expected;
        }

        public String parameter() {
            return parameter;
        }

        public String expected() {
            return expected;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = queryParameterName(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == Boolean.class || rawType == boolean.class) {
            return (ParamConverter<T>) converter(name, "true or false", value -> switch (value.toLowerCase()) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException();
            });
        }
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) converter(name, "a whole number", Integer::valueOf);
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) converter(name, "a whole number", Long::valueOf);
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) converter(name, "a UUID", value -> {
                if (!UUID_TEXT.matcher(value).matches()) {
                    throw new IllegalArgumentException();
                }
                return UUID.fromString(value);
            });
        }
        return null;
    }

    private static <V> ParamConverter<V> converter(String name, String expected, Function<String, V> parse) {
        return new ParamConverter<>() {
            @Override
            public V fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return parse.apply(value.strip());
                } catch (RuntimeException e) {
                    throw new InvalidQueryParameter(name, expected);
                }
            }

            @Override
            public String toString(V value) {
                return value == null ? null : value.toString();
            }
        };
    }

    private static String queryParameterName(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
            if (annotation instanceof RestQuery query) {
                return query.value();
            }
        }
        return null;
    }
}
