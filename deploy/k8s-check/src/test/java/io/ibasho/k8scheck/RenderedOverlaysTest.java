package io.ibasho.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every overlay renders with a real kustomize, and every object it renders binds strictly to a typed model or CRD. */
class RenderedOverlaysTest {
    static final List<String> OVERLAYS = Manifests.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyObjectBindsToItsTypedModelOrCrdSchemaWithNoUnknownField(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        System.out.println("[k8s-check] " + Kubectl.version() + " rendered overlays/" + overlay + ": "
                + manifests.objects().size() + " objects");
        assertThat(manifests.objects()).hasSizeGreaterThan(40);
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : manifests.objects()) {
            if (TypedModels.hasModel(object)) {
                problems.addAll(TypedModels.check(object));
            } else if (CrdSchemas.hasSchema(object)) {
                problems.addAll(CrdSchemas.check(object));
            } else {
                problems.add(Manifests.id(object) + ": " + TypedModels.key(object)
                        + " has neither a typed model nor a CRD schema here");
            }
        }
        assertThat(problems).as(overlay).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyObjectLandsInTheOverlaysNamespace(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        String namespace = manifests
                .ofKind("Namespace")
                .findFirst()
                .orElseThrow()
                .path("metadata")
                .path("name")
                .asText();
        assertThat(manifests.objects().stream()
                        .filter(o -> !o.path("kind").asText().equals("Namespace"))
                        .filter(o -> !namespace.equals(
                                o.path("metadata").path("namespace").asText()))
                        .map(Manifests::id))
                .as("objects outside namespace " + namespace)
                .isEmpty();
    }
}
