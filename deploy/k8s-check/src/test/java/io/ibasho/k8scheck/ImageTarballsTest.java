package io.ibasho.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Opens each application's image tarball (target/jib-image.tar, written by Jib in profile {@code images}) and checks
 * the image config the cluster will run: non-root user, the fast-jar entrypoint, the two ports, the labels, a pinned
 * base. Without the profile there are no tarballs and the test is skipped; with it (ibasho.images.expected=true) a
 * missing tarball fails.
 */
class ImageTarballsTest {
    static final List<String> APPLICATIONS = List.of(
            "services/event",
            "services/registration",
            "services/childcare-booking",
            "services/notification",
            "gateway");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @FieldSource("APPLICATIONS")
    void theImageRunsTheFastJarAsUid185OnPorts8080And9000WithItsLabels(String application) throws IOException {
        Path tarball = Project.root().resolve(application).resolve("target/jib-image.tar");
        if (!Files.exists(tarball)) {
            assertThat(Boolean.getBoolean("ibasho.images.expected"))
                    .as(tarball + " missing although profile images is on")
                    .isFalse();
            Assumptions.abort("no " + tarball + ": build the images with ./mvnw -Pimages verify -DskipTests");
        }
        Map<String, byte[]> files = smallFiles(tarball);
        JsonNode config = imageConfig(files);
        JsonNode run = config.path("config");
        String name = Path.of(application).getFileName().toString();

        assertThat(run.path("User").asText()).isEqualTo("185:185");
        assertThat(run.path("Entrypoint"))
                .extracting(JsonNode::asText)
                .containsExactly("java", "-jar", "/deployments/quarkus-run.jar");
        assertThat(run.path("WorkingDir").asText()).isEqualTo("/deployments");
        assertThat(iterable(run.path("ExposedPorts").fieldNames())).containsExactlyInAnyOrder("8080/tcp", "9000/tcp");
        JsonNode labels = run.path("Labels");
        assertThat(labels.path("org.opencontainers.image.title").asText()).isEqualTo(name);
        assertThat(labels.path("org.opencontainers.image.version").asText()).isNotBlank();
        String base = labels.path("org.opencontainers.image.base.name").asText();
        assertThat(base)
                .as("base image pinned by digest (or scratch for the offline check)")
                .matches("scratch|.+@sha256:[0-9a-f]{64}");
        assertThat(config.path("os").asText()).isEqualTo("linux");

        // The fast-jar and nothing else of the application: Jib's own classpath copy (/app) is filtered out.
        List<String> paths = layerPaths(tarball);
        assertThat(paths)
                .contains("deployments/quarkus-run.jar", "deployments/quarkus-app-dependencies.txt")
                .anyMatch(p -> p.startsWith("deployments/lib/main/"))
                .anyMatch(p -> p.startsWith("deployments/app/"))
                .noneMatch(p -> p.startsWith("app/"));
    }

    /** Every path in every (gzipped) layer, without the leading slash. */
    private static List<String> layerPaths(Path tarball) throws IOException {
        List<String> paths = new java.util.ArrayList<>();
        try (InputStream in = Files.newInputStream(tarball);
                TarArchiveInputStream outer = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = outer.getNextEntry()) != null) {
                if (!entry.isFile()
                        || entry.getSize() < 1_000
                        || !entry.getName().contains("blobs/")) {
                    continue;
                }
                // Closing what reads a layer must not close the tarball around it.
                InputStream layer = new java.io.BufferedInputStream(new java.io.FilterInputStream(outer) {
                    @Override
                    public void close() {}
                });
                layer.mark(2);
                int first = layer.read();
                int second = layer.read();
                layer.reset();
                if (first != 0x1f || second != 0x8b) {
                    continue; // not gzip: a manifest or config
                }
                TarArchiveInputStream files = new TarArchiveInputStream(new java.util.zip.GZIPInputStream(layer));
                TarArchiveEntry file;
                while ((file = files.getNextEntry()) != null) {
                    String name =
                            file.getName().startsWith("/") ? file.getName().substring(1) : file.getName();
                    paths.add(name.startsWith("./") ? name.substring(2) : name);
                }
            }
        }
        return paths;
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    /** The config blob, from a Docker-style manifest.json or an OCI index.json, whichever the tarball holds. */
    private static JsonNode imageConfig(Map<String, byte[]> files) throws IOException {
        if (files.containsKey("manifest.json")) {
            JsonNode manifest = JSON.readTree(files.get("manifest.json")).get(0);
            return JSON.readTree(files.get(manifest.path("Config").asText()));
        }
        JsonNode index = JSON.readTree(files.get("index.json"));
        String manifestDigest = index.path("manifests").get(0).path("digest").asText();
        JsonNode manifest = JSON.readTree(files.get(blob(manifestDigest)));
        return JSON.readTree(
                files.get(blob(manifest.path("config").path("digest").asText())));
    }

    private static String blob(String digest) {
        return "blobs/" + digest.replace(':', '/');
    }

    /** Every entry under 1 MB (manifests and configs; layers are larger and not needed here). */
    private static Map<String, byte[]> smallFiles(Path tarball) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (InputStream in = Files.newInputStream(tarball);
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile() && entry.getSize() < 1_000_000) {
                    String name =
                            entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
                    files.put(name, tar.readAllBytes());
                }
            }
        }
        return files;
    }
}
