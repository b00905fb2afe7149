package io.ibasho.event.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What the programmes' flyers say about a session besides its time and place: the theme and programme, who speaks
 * (講師: a public name and role), what to bring (持ち物) and the fee (参加費). All of it is public, like the title.
 */
public record FlyerRequest(
        @Size(max = 2000, message = "flyer descriptionJa is at most 2000 characters")
        String descriptionJa,

        @Size(max = 2000, message = "flyer descriptionEn is at most 2000 characters")
        String descriptionEn,

        @Size(max = 5, message = "at most 5 speakers")
        List<@Valid @NotNull(message = "a speaker cannot be null") SpeakerRequest> speakers,

        @Size(max = 300, message = "flyer bringJa is at most 300 characters")
        String bringJa,

        @Size(max = 300, message = "flyer bringEn is at most 300 characters")
        String bringEn,

        /** 0: free (無料); absent: not stated. */
        @Min(value = 0, message = "flyer feeYen cannot be negative (0 means free)")
        @Max(value = 100_000, message = "flyer feeYen is at most 100000")
        Integer feeYen) {

    /** 講師: the name she is known by in public (never a participant) and her role, e.g. 公認心理師. */
    public record SpeakerRequest(
            @NotBlank(message = "a speaker needs a name")
            @Size(max = 80, message = "a speaker's name is at most 80 characters")
            String name,

            @Size(max = 120, message = "a speaker's roleJa is at most 120 characters")
            String roleJa,

            @Size(max = 120, message = "a speaker's roleEn is at most 120 characters")
            String roleEn) {}
}
