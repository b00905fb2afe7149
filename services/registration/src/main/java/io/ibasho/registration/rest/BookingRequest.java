package io.ibasho.registration.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * All she tells us: a nickname of her choosing (never a real name, address or birthdate) and, if she needs 託児, her
 * children's ages (never their names).
 */
public record BookingRequest(
        @NotBlank(message = "nickname is required: any name you like, it need not be your real name")
        @Size(max = 40, message = "nickname is at most 40 characters")
        @Pattern.List({
            @Pattern(
                    regexp = "[^<>\\p{Cntrl}\\p{Cf}]*",
                    message = "nickname must not contain < >, control characters or invisible formatting characters "
                            + "(zero-width or direction marks)"),
            @Pattern(
                    regexp = "(?s)(|.*[^\\s\\p{Z}].*)",
                    message = "nickname must contain a visible character, not only spaces")
        })
        String nickname,

        @Size(max = 6, message = "childcare can be asked for at most 6 children per booking")
        List<
                        @NotNull(message = "each child's age is a number from 0 to 17")
                        @Min(value = 0, message = "each child's age is a number from 0 to 17")
                        @Max(value = 17, message = "each child's age is a number from 0 to 17") Integer>
                childrenAges) {

    public BookingRequest {
        childrenAges = childrenAges == null ? List.of() : List.copyOf(childrenAges);
    }

    public BookingRequest(String nickname) {
        this(nickname, List.of());
    }
}
