package io.ibasho.k8scheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real kustomize: {@code kubectl kustomize}. Debian 12's kubernetes-client (kubectl 1.20, built-in kustomize v2.0.3)
 * is what {@code ./ibasho test} installs; any newer kubectl renders the same manifests. IBASHO_KUBECTL names another
 * binary. Without one the tests are skipped with a reason, except in CI (CI=true), where that is a failure.
 */
final class Kubectl {
    static Path require() {
        Optional<Path> found = find();
        if (found.isEmpty()) {
            String reason =
                    "kubectl not found (set IBASHO_KUBECTL or install Debian's kubernetes-client: ./ibasho test does"
                            + " that when run as root); the kustomize overlays were NOT rendered";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(reason);
            }
            Assumptions.abort(reason);
        }
        return found.get();
    }

    static Optional<Path> find() {
        String configured = System.getenv("IBASHO_KUBECTL");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The rendered YAML of one kustomization directory. */
    static String kustomize(Path directory) {
        Path kubectl = require();
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Path err = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(List.of(kubectl.toString(), "kustomize", directory.toString()))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kubectl kustomize " + directory + " did not finish in 2 minutes");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("kubectl kustomize " + directory + " failed: "
                            + Files.readString(err, StandardCharsets.UTF_8));
                }
                return Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + kubectl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The version line, for the test report. */
    static String version() {
        Path kubectl = require();
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "version", "--client")
                    .redirectErrorStream(true)
                    .start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return text.lines().findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private Kubectl() {}
}
