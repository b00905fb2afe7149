package io.ibasho.event.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.plumbing.refusal.ViolationCodes;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/**
 * Every code Bean Validation can give a venue's request is in docs/errors.md's list, which the gateway's venue form
 * words in Japanese and English (its VenueFormTest reads the same list), as SessionRequestCodesTest does for sessions.
 * Plain: no Quarkus.
 */
class VenueRequestCodesTest {
    private static final Validator VALIDATOR = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();

    /** Every field too long, too many, out of range or of a shape the service does not take. */
    private static VenueRequest everythingTooMuch() {
        List<VenueRequest.RoomRequest> rooms = new ArrayList<>();
        rooms.add(new VenueRequest.RoomRequest("Washitsu!", "x".repeat(101), "x".repeat(101)));
        rooms.add(new VenueRequest.RoomRequest("hall", "ホール", null));
        rooms.add(new VenueRequest.RoomRequest("hall", "ホール2", null));
        for (int i = 0; i < 48; i++) {
            rooms.add(new VenueRequest.RoomRequest("room-" + i, "部屋", null));
        }
        rooms.add(null);
        List<String> groups = new ArrayList<>(Arrays.asList("Not A Group", null));
        for (int i = 0; i < 50; i++) {
            groups.add("group-" + i);
        }
        return new VenueRequest(
                "x".repeat(201),
                "x".repeat(201),
                "x".repeat(101),
                "x".repeat(101),
                "x".repeat(2001),
                "x".repeat(2001),
                0,
                true,
                "x".repeat(501),
                "SOMETIMES",
                rooms,
                groups);
    }

    /** Nothing where something is required. */
    private static VenueRequest nothing() {
        return new VenueRequest(
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
                List.of(new VenueRequest.RoomRequest(null, " ", null)),
                null);
    }

    private static VenueRequest publicWithoutAddress() {
        return new VenueRequest("会館", null, null, null, null, null, null, null, null, "PUBLIC", null, null);
    }

    @Test
    void everyCodeAVenuesRequestCanCarryIsListedInTheDocs() throws IOException {
        Set<String> produced = new TreeSet<>();
        for (VenueRequest request : List.of(everythingTooMuch(), nothing(), publicWithoutAddress())) {
            VALIDATOR.validate(request).forEach(v -> produced.add(ViolationCodes.of(v)));
        }
        produced.add("REQUEST_REQUIRED"); // the resource's @NotNull body
        assertThat(produced)
                .contains("AREA_EN_TOO_LONG", "NAME_JA_REQUIRED", "ROOM_IDS_NOT_UNIQUE", "PUBLIC_ADDRESS_REQUIRED");
        assertThat(produced).isEqualTo(listed());
    }

    private static Set<String> listed() throws IOException {
        String docs = Files.readString(Path.of("../../docs/errors.md"));
        int marker = docs.indexOf("<!-- venue-request-codes");
        assertThat(marker).as("docs/errors.md lists the venue request's codes").isPositive();
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
