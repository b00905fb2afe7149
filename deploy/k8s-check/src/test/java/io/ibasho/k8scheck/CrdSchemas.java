package io.ibasho.k8scheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The published CRDs of the operators that have no Java model on Maven Central (CloudNativePG, the Keycloak operator),
 * copied unchanged into src/test/resources/crds (see the README there), and a validator for their structural
 * openAPIV3Schema as the API server applies it: types, required fields, enums, and no field that the schema does not
 * declare (the API server would silently prune it, so a misspelt field would simply not take effect). Objects marked
 * x-kubernetes-preserve-unknown-fields take anything, as in Kubernetes.
 */
final class CrdSchemas {
    /** apiVersion/kind -> the CRD file that defines it. */
    static final Map<String, String> CRDS = Map.of(
            "postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io_clusters.yaml",
            "postgresql.cnpg.io/v1/Database", "postgresql.cnpg.io_databases.yaml",
            "postgresql.cnpg.io/v1/ScheduledBackup", "postgresql.cnpg.io_scheduledbackups.yaml",
            "k8s.keycloak.org/v2alpha1/Keycloak", "keycloaks.k8s.keycloak.org-v1.yml",
            "k8s.keycloak.org/v2alpha1/KeycloakRealmImport", "keycloakrealmimports.k8s.keycloak.org-v1.yml");

    static boolean hasSchema(JsonNode object) {
        return CRDS.containsKey(TypedModels.key(object));
    }

    static List<String> check(JsonNode object) {
        String key = TypedModels.key(object);
        JsonNode schema = schemaOf(key).orElseThrow(() -> new AssertionError("no CRD schema for " + key));
        List<String> problems = new ArrayList<>();
        // metadata is Kubernetes' own ObjectMeta: bound to the typed model instead.
        problems.addAll(TypedModels.checkMetadata(object));
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("metadata")
                    || field.getKey().equals("apiVersion")
                    || field.getKey().equals("kind")) {
                continue;
            }
            JsonNode fieldSchema = schema.path("properties").get(field.getKey());
            if (fieldSchema == null) {
                problems.add(Manifests.id(object) + ": unknown field " + field.getKey());
            } else {
                validate(field.getValue(), fieldSchema, Manifests.id(object) + "." + field.getKey(), problems);
            }
        }
        return problems;
    }

    static Optional<JsonNode> schemaOf(String key) {
        String file = CRDS.get(key);
        if (file == null) {
            return Optional.empty();
        }
        String version = key.split("/")[1];
        try (InputStream in = CrdSchemas.class.getResourceAsStream("/crds/" + file)) {
            JsonNode crd = Manifests.YAML.readTree(in);
            for (JsonNode v : crd.path("spec").path("versions")) {
                if (v.path("name").asText().equals(version)) {
                    return Optional.of(v.path("schema").path("openAPIV3Schema"));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read CRD " + file, e);
        }
    }

    static void validate(JsonNode value, JsonNode schema, String path, List<String> problems) {
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                problems.add(path + ": null is not allowed");
            }
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                problems.add(path + ": expected an integer or a string");
            }
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> validateObject(value, schema, path, problems);
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(path + ": expected a list");
                    return;
                }
                int i = 0;
                for (JsonNode item : value) {
                    validate(item, schema.path("items"), path + "[" + i++ + "]", problems);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(path + ": expected a string, got " + value);
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(path + ": expected an integer, got " + value);
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(path + ": expected a number, got " + value);
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(path + ": expected true or false, got " + value);
                }
            }
            default -> {
                // no type: anything (the schema says nothing more)
            }
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.path("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                problems.add(path + ": " + value + " is not one of " + schema.path("enum"));
            }
        }
    }

    private static void validateObject(JsonNode value, JsonNode schema, String path, List<String> problems) {
        if (!value.isObject()) {
            problems.add(path + ": expected an object");
            return;
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(path + ": missing required field " + required.asText());
            }
        }
        boolean preserveUnknown =
                schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode fieldSchema = properties.get(field.getKey());
            if (fieldSchema != null) {
                validate(field.getValue(), fieldSchema, path + "." + field.getKey(), problems);
            } else if (additional != null && additional.isObject()) {
                validate(field.getValue(), additional, path + "." + field.getKey(), problems);
            } else if (!preserveUnknown && !(additional != null && additional.asBoolean(false))) {
                problems.add(path + ": unknown field " + field.getKey());
            }
        }
    }

    private CrdSchemas() {}
}
