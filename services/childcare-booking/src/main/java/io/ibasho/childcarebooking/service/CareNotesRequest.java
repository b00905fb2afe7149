package io.ibasho.childcarebooking.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What a mother tells the carers about her children: per child (by position in her request), an optional nickname
 * she makes up (never a real name) and optional allergy or health notes. Plain text only: {@code <} and {@code >}
 * are refused so nothing she types can become markup in a carer's browser. {@code consentLanguage} records her consent
 * to storing them (issue #18): the form sends the language it showed the wording in.
 */
public record CareNotesRequest(
        @NotNull @Size(min = 1, max = 10) List<@NotNull @Valid ChildNotes> children,

        /** The language of the form that showed her the consent wording (ConsentWording); absent from older clients. */
        @Pattern(regexp = "ja|en", message = "must be ja or en")
        String consentLanguage) {

    public static final int MAX_NICKNAME = 20;
    public static final int MAX_NOTES = 500;

    public record ChildNotes(
            @NotNull @Min(1) Integer position,

            @Size(max = MAX_NICKNAME) @Pattern(regexp = "[^<>]*", message = "must be plain text without < or >")
            String childNickname,

            @Size(max = MAX_NOTES) @Pattern(regexp = "[^<>]*", message = "must be plain text without < or >")
            String careNotes) {}
}
