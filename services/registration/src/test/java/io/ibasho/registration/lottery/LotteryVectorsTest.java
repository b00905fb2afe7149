package io.ibasho.registration.lottery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The shared vectors of docs/lottery-vectors.json (an honest draw and tampered or malformed ones, each with the verdict
 * expected): the Java verifier gives every expected verdict, and so does the Python reference printed in
 * docs/lottery.md, run as it is printed there.
 */
class LotteryVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theJavaVerifierGivesEveryVerdictTheVectorsExpect() throws IOException {
        JsonNode vectors = JSON.readTree(docs().resolve("lottery-vectors.json").toFile());
        assertThat(vectors.size()).isGreaterThan(20);
        List<String> differences = new ArrayList<>();
        for (JsonNode vector : vectors) {
            String text =
                    vector.has("text") ? vector.path("text").asText() : JSON.writeValueAsString(vector.path("draw"));
            String verdict;
            try {
                VerificationResult result = LotteryVerifier.verify(PublishedDraw.fromJson(text));
                verdict = result.ok() ? "OK" : result.failedCheck().name();
            } catch (IllegalArgumentException e) {
                verdict = "FORMAT";
            }
            if (!verdict.equals(vector.path("expect").asText())) {
                differences.add(vector.path("name").asText() + ": expected "
                        + vector.path("expect").asText() + ", Java says " + verdict);
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void thePythonReferenceInTheDocsGivesTheSameVerdicts() throws Exception {
        Matcher block = Pattern.compile("<!-- python-reference -->\\s*```python\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(docs().resolve("lottery.md"), StandardCharsets.UTF_8));
        assertThat(block.find()).as("docs/lottery.md has the Python reference").isTrue();
        Path script = Files.createTempFile("lottery-reference", ".py");
        Files.writeString(script, block.group(1), StandardCharsets.UTF_8);
        Process python;
        try {
            python = new ProcessBuilder(
                            "python3",
                            script.toString(),
                            "--vectors",
                            docs().resolve("lottery-vectors.json").toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            Assumptions.abort("no python3 on this machine: " + e.getMessage());
            return;
        }
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("DIFFERS").contains("agrees   the known-answer vector: OK");
    }

    /** The repository's docs folder, found from wherever the tests run. */
    static Path docs() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/lottery-vectors.json"))) {
                return p.resolve("docs");
            }
        }
        throw new IllegalStateException(
                "docs/lottery-vectors.json not found above " + Path.of("").toAbsolutePath());
    }
}
