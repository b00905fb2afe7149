package io.ibasho.k8scheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The objects of one rendered overlay, as JSON trees (the typed models are checked in {@link TypedModels}). */
record Manifests(String overlay, List<ObjectNode> objects) {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final List<String> OVERLAYS = List.of("dev", "prod");
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    /** Renders k8s/overlays/NAME once per test run (kubectl is slow to start). */
    static Manifests overlay(String name) {
        return RENDERED.computeIfAbsent(
                name,
                n -> parse(
                        n, Kubectl.kustomize(Project.k8s().resolve("overlays").resolve(n))));
    }

    static Manifests parse(String overlay, String yaml) {
        List<ObjectNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents =
                YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document instanceof ObjectNode object && !object.isEmpty()) {
                    objects.add(object);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("rendered YAML of " + overlay + " does not parse", e);
        }
        return new Manifests(overlay, List.copyOf(objects));
    }

    static JsonNode readYamlFile(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    Stream<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
    }

    ObjectNode named(String kind, String name) {
        return ofKind(kind)
                .filter(o -> name.equals(name(o)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " " + name));
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static String id(JsonNode object) {
        return object.path("kind").asText() + "/" + name(object);
    }
}
