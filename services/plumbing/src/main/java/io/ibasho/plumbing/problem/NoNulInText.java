package io.ibasho.plumbing.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * No text read from a request body may hold a NUL character: PostgreSQL cannot store it, so {@code "titleJa":
 * "a\u0000b"} used to reach the database and come back as a 500. It is refused where it is read, as malformed JSON that
 * names the field (400), in every service. Issue #14.
 */
@Singleton
public class NoNulInText implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("no-nul-in-text").addDeserializer(String.class, new Strict()));
    }

    static final class Strict extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            if (text != null && text.indexOf('\u0000') >= 0) {
                throw InvalidFormatException.from(parser, "text must not contain a NUL character", text, String.class);
            }
            return text;
        }
    }
}
