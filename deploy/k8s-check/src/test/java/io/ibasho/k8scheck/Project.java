package io.ibasho.k8scheck;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository is: the reactor root handed in by Maven, else found upwards from the working directory. */
final class Project {
    static Path root() {
        String configured = System.getProperty("ibasho.project");
        if (configured != null && Files.isDirectory(Path.of(configured, "k8s"))) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("k8s"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "k8s/ not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Path k8s() {
        return root().resolve("k8s");
    }

    private Project() {}
}
