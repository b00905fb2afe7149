package io.ibasho.event.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.plumbing.refusal.ViolationCodes;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/**
 * Every code Bean Validation can give a session's request is in docs/errors.md's list, which the gateway's session form
 * words in Japanese and English (its SessionRefusalsTest reads the same list): a new constraint on SessionRequest or
 * FlyerRequest fails here until it is listed, and so until the form has words for it. Plain: no Quarkus.
 */
class SessionRequestCodesTest {
    private static final Validator VALIDATOR = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();

    private static final OffsetDateTime START = OffsetDateTime.parse("2026-12-08T13:30:00+09:00");

    /** Every field too long, too many, out of range or of a shape the service does not take. */
    private static SessionRequest everythingTooMuch() {
        List<SessionRequest.PartRequest> parts = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            parts.add(new SessionRequest.PartRequest("x".repeat(41), null, null));
        }
        parts.add(null);
        List<FlyerRequest.SpeakerRequest> speakers = new ArrayList<>();
        speakers.add(new FlyerRequest.SpeakerRequest("", "x".repeat(121), "x".repeat(121)));
        speakers.add(new FlyerRequest.SpeakerRequest("x".repeat(81), null, null));
        for (int i = 0; i < 4; i++) {
            speakers.add(null);
        }
        return new SessionRequest(
                "party",
                "x".repeat(201),
                "x".repeat(201),
                START,
                START.minusHours(1),
                0,
                "RAFFLE",
                null,
                "x".repeat(41),
                parts,
                "x".repeat(201),
                "x".repeat(201),
                null,
                null,
                "x".repeat(501),
                new SessionRequest.ChildcareRequest(true, 13, -1, -1, null, 0),
                new SessionRequest.LotteryRequest(
                        Arrays.asList("", "x".repeat(81), "c", "d", "e", "f"), null, null, true, 0, List.of("old")),
                new FlyerRequest(
                        "x".repeat(2001), "x".repeat(2001), speakers, "x".repeat(301), "x".repeat(301), 100_001));
    }

    /** Nothing where something is required. */
    private static SessionRequest nothing() {
        return new SessionRequest(
                null,
                " ",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new SessionRequest.ChildcareRequest(true, null, null, null, null, null),
                new SessionRequest.LotteryRequest(null, null, null, null, 673, null),
                null);
    }

    @Test
    void everyCodeASessionsRequestCanCarryIsListedInTheDocs() throws IOException {
        Set<String> produced = new TreeSet<>();
        for (SessionRequest request : List.of(everythingTooMuch(), nothing())) {
            VALIDATOR.validate(request).forEach(v -> produced.add(ViolationCodes.of(v)));
        }
        produced.add("REQUEST_REQUIRED"); // the resource's @NotNull body
        assertThat(produced)
                .contains("TITLE_JA_TOO_LONG", "END_NOT_AFTER_START", "LOTTERY_CONFIRMATION_HOURS_OUT_OF_RANGE");
        assertThat(produced).isEqualTo(listed());
    }

    private static Set<String> listed() throws IOException {
        String docs = Files.readString(Path.of("../../docs/errors.md"));
        int marker = docs.indexOf("<!-- session-request-codes");
        int start = docs.indexOf("```", marker) + 3;
        Set<String> codes = new TreeSet<>();
        for (String line : docs.substring(start, docs.indexOf("```", start)).split("\n")) {
            if (!line.isBlank()) {
                codes.add(line.strip());
            }
        }
        return codes;
    }
}
