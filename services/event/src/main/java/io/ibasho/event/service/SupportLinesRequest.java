package io.ibasho.event.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** An organisation's whole list of places to turn to, in the order shown; it replaces the list before it. */
public record SupportLinesRequest(
        @NotNull(message = "lines is required (an empty list removes them all)")
        @Size(max = 20, message = "at most 20 lines")
        List<@Valid @NotNull(message = "a line cannot be null") Line> lines) {

    public record Line(
            @NotBlank(message = "a line needs nameJa")
            @Size(max = 80, message = "a line's nameJa is at most 80 characters")
            String nameJa,

            @Size(max = 80, message = "a line's nameEn is at most 80 characters")
            String nameEn,

            // Short codes such as #8008 count: digits, #, +, -, spaces and brackets only.
            @Size(max = 30, message = "a line's phone is at most 30 characters")
            @Pattern(
                    regexp = "[0-9#+\\-() ]*",
                    message = "a line's phone may hold digits, #, +, -, spaces and brackets only")
            String phone,

            @Size(max = 120, message = "a line's hoursJa is at most 120 characters")
            String hoursJa,

            @Size(max = 120, message = "a line's hoursEn is at most 120 characters")
            String hoursEn,

            @Size(max = 300, message = "a line's helpsWithJa is at most 300 characters")
            String helpsWithJa,

            @Size(max = 300, message = "a line's helpsWithEn is at most 300 characters")
            String helpsWithEn) {}
}
