package io.ibasho.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keycloak's log as the stack keeps it (its own, or a link to the build's shared one): the realm's event logger is off
 * (docs/privacy.md), and nothing else may name her either. Keycloak 26 warned on every sign-out and quick exit "Some
 * clients have not been logged out for user NICKNAME" while the gateway's client asked for a front-channel logout that
 * the gateway's back-channel sign-out can never give.
 */
final class KeycloakLog {
    private KeycloakLog() {}

    static void assertNeverNames(SecurityStack stack, String nickname) {
        try {
            Thread.sleep(1000); // Keycloak writes the line while answering the logout; a second for the file
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Path> logs;
        try (Stream<Path> files = Files.list(stack.logs())) {
            logs = files.filter(file -> file.getFileName().toString().startsWith("keycloak"))
                    .filter(Files::isRegularFile)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(logs).as("Keycloak's log in " + stack.logs()).isNotEmpty();
        for (Path log : logs) {
            String text;
            try {
                text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(text).as(log + " is read").isNotEmpty();
            assertThat(text).as(log + " names her").doesNotContain(nickname);
        }
    }
}
