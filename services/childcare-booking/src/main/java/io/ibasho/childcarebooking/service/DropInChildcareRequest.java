package io.ibasho.childcarebooking.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * Childcare alone at a drop-in session: per child an age (never a name), and optionally a made-up nickname and notes
 * for the carers, as with the care notes of a booked seat. Plain text only.
 */
public record DropInChildcareRequest(
        @NotNull UUID sessionId,
        @NotNull @Size(min = 1, max = 10) List<@NotNull @Valid Child> children,

        /** As in CareNotesRequest: the language the form showed the consent wording in, when it did. */
        @Pattern(regexp = "ja|en", message = "must be ja or en")
        String consentLanguage) {

    public record Child(
            @NotNull @Min(0) @Max(17) Integer ageYears,

            @Size(max = CareNotesRequest.MAX_NICKNAME)
            @Pattern(regexp = "[^<>]*", message = "must be plain text without < or >")
            String childNickname,

            @Size(max = CareNotesRequest.MAX_NOTES)
            @Pattern(regexp = "[^<>]*", message = "must be plain text without < or >")
            String careNotes) {}
}
