package io.ibasho.plumbing.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.OffsetDateTime;

/**
 * Values PostgreSQL cannot store are refused where the JSON is read, as malformed JSON naming the field (400), in every
 * service, instead of reaching the database and coming back as a 500 (issue #14): a text with a NUL character, and a
 * time outside the years 1 to 9999 ({@code "startsAt": "+300000-01-01T10:00:00+09:00"} was stored as infinity and broke
 * a check constraint).
 */
@Singleton
public class StrictJsonValues implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("strict-json-values")
                .addDeserializer(String.class, new NoNul())
                .addDeserializer(OffsetDateTime.class, new StorableTime()));
    }

    /** After Quarkus' own customizers (the Java time module among them), so these deserializers win. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    static final class NoNul extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            if (text != null && text.indexOf('\u0000') >= 0) {
                throw InvalidFormatException.from(parser, "text must not contain a NUL character", text, String.class);
            }
            return text;
        }
    }

    static final class StorableTime extends StdDeserializer<OffsetDateTime> {
        StorableTime() {
            super(OffsetDateTime.class);
        }

        @Override
        public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            OffsetDateTime time = InstantDeserializer.OFFSET_DATE_TIME.deserialize(parser, context);
            if (time != null && (time.getYear() < 1 || time.getYear() > 9999)) {
                throw InvalidFormatException.from(
                        parser, "a time must be within the years 1 to 9999", time.toString(), OffsetDateTime.class);
            }
            return time;
        }
    }
}
