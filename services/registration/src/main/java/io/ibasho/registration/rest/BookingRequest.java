package io.ibasho.registration.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** All she tells us: a nickname of her choosing (never a real name, address or birthdate). */
public record BookingRequest(
        @NotBlank(message = "nickname is required: any name you like, it need not be your real name")
        @Size(max = 40, message = "nickname is at most 40 characters")
        @Pattern(regexp = "[^<>\\p{Cntrl}]*", message = "nickname must not contain < > or control characters")
        String nickname) {
}
