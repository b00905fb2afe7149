package io.ibasho.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md shows the matrix generated from authorization-matrix.csv, and nothing else: a row changed in one
 * place only fails the build. {@code -Dibasho.matrix.write=true} rewrites the table in the document.
 */
class AuthorizationMatrixDocTest {

    static Path securityDoc() {
        Path project = Path.of(System.getProperty("ibasho.project", "../.."))
                .toAbsolutePath()
                .normalize();
        return project.resolve("docs/security.md");
    }

    @Test
    void theDocumentShowsExactlyTheMatrix() throws IOException {
        String document = Files.readString(securityDoc(), StandardCharsets.UTF_8);
        String current = AuthorizationMatrix.withTable(
                document, AuthorizationMatrix.load().markdown());
        if (Boolean.getBoolean("ibasho.matrix.write") && !current.equals(document)) {
            Files.writeString(securityDoc(), current, StandardCharsets.UTF_8);
            document = current;
        }
        assertThat(document)
                .as("docs/security.md's matrix differs from authorization-matrix.csv; run"
                        + " ./mvnw -pl deploy/e2e -am test -Dtest=AuthorizationMatrixDocTest -Dsurefire.failIfNoSpecifiedTests=false"
                        + " -Dibasho.matrix.write=true")
                .isEqualTo(current);
    }

    @Test
    void everyRowHasAStatusForEveryCallerAndAReason() {
        AuthorizationMatrix matrix = AuthorizationMatrix.load();
        assertThat(matrix.callers)
                .containsExactly(
                        "anonymous",
                        "hana",
                        "mei",
                        "organiser1",
                        "organiser2",
                        "carer1",
                        "partner1",
                        "partner-tsubomi",
                        "funder1",
                        "consult1");
        assertThat(matrix.rows).isNotEmpty().allSatisfy(row -> {
            assertThat(row.expected().values())
                    .allSatisfy(status -> assertThat(status).isBetween(200, 599));
            assertThat(row.why()).isNotBlank();
            assertThat(row.expected().get("anonymous"))
                    .as("%s: anonymous gets no more than a public read", row.endpoint())
                    .isIn(200, 401, 404);
        });
    }
}
