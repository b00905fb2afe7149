package io.ibasho.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The rules every rendered overlay keeps (k8s/README.md "What the tests check"). */
class HouseRulesTest {
    static final List<String> OVERLAYS = Manifests.OVERLAYS;
    static final List<String> SERVICES = List.of("event", "registration", "childcare-booking", "notification");
    /** A release version or a digest: never latest, never a snapshot, never no tag at all. */
    static final Pattern PINNED_IMAGE =
            Pattern.compile(".+(:\\d+\\.\\d+(\\.\\d+)?(-[a-z0-9.]+)?|@sha256:[0-9a-f]{64})");

    static final Pattern SECRET_LOOKING = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|JAAS|KEY).*");
    static final String PART_OF = "app.kubernetes.io/part-of";

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyContainerHasRequestsLimitsProbesOnTheManagementPortAndRunsLocked(String overlay) {
        List<String> problems = new ArrayList<>();
        Manifests.overlay(overlay).ofKind("Deployment").forEach(deployment -> {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            if (!pod.path("securityContext").path("runAsNonRoot").asBoolean(false)) {
                problems.add(Manifests.id(deployment) + ": runAsNonRoot");
            }
            for (JsonNode container : pod.path("containers")) {
                String where =
                        Manifests.id(deployment) + "/" + container.path("name").asText();
                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        if (container
                                .path("resources")
                                .path(kind)
                                .path(resource)
                                .asText()
                                .isEmpty()) {
                            problems.add(where + ": no " + kind + "." + resource);
                        }
                    }
                }
                Map<String, String> probes = Map.of(
                        "readinessProbe",
                        "/q/health/ready",
                        "livenessProbe",
                        "/q/health/live",
                        "startupProbe",
                        "/q/health/started");
                probes.forEach((probe, path) -> {
                    JsonNode get = container.path(probe).path("httpGet");
                    if (!get.path("path").asText().equals(path)
                            || !get.path("port").asText().equals("management")) {
                        problems.add(where + ": " + probe + " must GET " + path + " on port management");
                    }
                });
                boolean managementPort = false;
                for (JsonNode port : container.path("ports")) {
                    managementPort |= port.path("name").asText().equals("management")
                            && port.path("containerPort").asInt() == 9000;
                }
                if (!managementPort) {
                    problems.add(where + ": no port management=9000 (SmallRye Health on the management interface)");
                }
                JsonNode security = container.path("securityContext");
                if (!security.path("readOnlyRootFilesystem").asBoolean(false)
                        || security.path("allowPrivilegeEscalation").asBoolean(true)) {
                    problems.add(where + ": read-only root filesystem, no privilege escalation");
                }
            }
        });
        Manifests manifests = Manifests.overlay(overlay);
        List<JsonNode> operatorResources = List.of(
                manifests.named("KafkaNodePool", "combined").path("spec").path("resources"),
                manifests.named("Cluster", "ibasho-postgres").path("spec").path("resources"),
                manifests.named("Keycloak", "ibasho-keycloak").path("spec").path("resources"));
        for (JsonNode resources : operatorResources) {
            if (resources.path("limits").path("memory").isMissingNode()
                    || resources.path("requests").path("cpu").isMissingNode()) {
                problems.add("an operator-run workload without requests and limits: " + resources);
            }
        }
        assertThat(problems).as(overlay).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void noSecretIsInlinedAndEverySecretReferencedIsDocumentedOrMadeByAnOperator(String overlay) throws IOException {
        Manifests manifests = Manifests.overlay(overlay);
        assertThat(manifests.ofKind("Secret").map(Manifests::id))
                .as("Secrets are created outside git (k8s/README.md)")
                .isEmpty();
        List<String> problems = new ArrayList<>();
        Set<String> referenced = new HashSet<>();
        manifests.ofKind("Deployment").forEach(deployment -> {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            for (JsonNode container : pod.path("containers")) {
                for (JsonNode env : container.path("env")) {
                    String name = env.path("name").asText();
                    if (env.has("value") && SECRET_LOOKING.matcher(name).matches()) {
                        problems.add(
                                Manifests.id(deployment) + ": " + name + " has a literal value; take it from a Secret");
                    }
                    JsonNode ref = env.path("valueFrom").path("secretKeyRef");
                    if (!ref.isMissingNode()) {
                        referenced.add(ref.path("name").asText());
                    }
                }
            }
            for (JsonNode volume : pod.path("volumes")) {
                if (volume.has("secret")) {
                    referenced.add(volume.path("secret").path("secretName").asText());
                }
            }
        });
        collectSecretNames(manifests.named("Cluster", "ibasho-postgres"), referenced);
        collectSecretNames(manifests.named("Keycloak", "ibasho-keycloak"), referenced);
        collectSecretNames(manifests.named("KeycloakRealmImport", "ibasho-realm"), referenced);
        Set<String> madeByOperators = new HashSet<>(Set.of("ibasho-kafka-cluster-ca-cert"));
        manifests.ofKind("KafkaUser").forEach(user -> madeByOperators.add(Manifests.name(user)));
        String readme = Files.readString(Project.k8s().resolve("README.md"));
        for (String secret : referenced) {
            if (!madeByOperators.contains(secret) && !readme.contains("`" + secret + "`")) {
                problems.add("Secret " + secret
                        + " is referenced but neither made by an operator nor listed in k8s/README.md");
            }
        }
        assertThat(problems).as(overlay).isEmpty();
        assertThat(referenced).contains("gateway-oidc", "event-db", "notification-webhook-key", "postgres-backup-s3");
    }

    /** Every {"name": ..} under a key ending in Secret/secret or {"secret": {"name": ..}} (operator CR conventions). */
    private static void collectSecretNames(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String key = field.getKey();
                JsonNode value = field.getValue();
                if (key.equals("realm")) {
                    return; // the realm's own "secret" fields are operator placeholders, checked by ProductionRealmTest
                }
                if ((key.endsWith("Secret")
                                || key.equals("secret")
                                || key.equals("accessKeyId")
                                || key.equals("secretAccessKey"))
                        && value.isObject()
                        && value.has("name")) {
                    names.add(value.path("name").asText());
                } else if (key.equals("secret") && value.isTextual()) {
                    names.add(value.asText());
                } else if (key.endsWith("Secret") && value.isTextual()) {
                    names.add(value.asText());
                }
                collectSecretNames(value, names);
            });
        } else if (node.isArray()) {
            node.forEach(item -> collectSecretNames(item, names));
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyImageIsPinned(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        List<String> images = new ArrayList<>();
        manifests
                .ofKind("Deployment")
                .forEach(d -> d.path("spec")
                        .path("template")
                        .path("spec")
                        .path("containers")
                        .forEach(c -> images.add(c.path("image").asText())));
        images.add(manifests
                .named("Cluster", "ibasho-postgres")
                .path("spec")
                .path("imageName")
                .asText());
        images.add(manifests
                .named("Keycloak", "ibasho-keycloak")
                .path("spec")
                .path("image")
                .asText());
        assertThat(images)
                .hasSizeGreaterThan(6)
                .allSatisfy(image -> assertThat(image)
                        .matches(PINNED_IMAGE)
                        .doesNotContain(":latest")
                        .doesNotContain("SNAPSHOT"));
        assertThat(manifests
                        .named("Kafka", "ibasho-kafka")
                        .path("spec")
                        .path("kafka")
                        .path("version")
                        .asText())
                .matches("\\d+\\.\\d+\\.\\d+");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyObjectCarriesTheSameThreeLabels(String overlay) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : Manifests.overlay(overlay).objects()) {
            JsonNode labels = object.path("metadata").path("labels");
            if (!labels.path(PART_OF).asText().equals("ibasho")
                    || labels.path("app.kubernetes.io/name").asText().isEmpty()
                    || labels.path("app.kubernetes.io/component").asText().isEmpty()) {
                problems.add(Manifests.id(object) + " " + labels);
            }
            if (object.path("kind").asText().equals("Deployment")) {
                JsonNode podLabels =
                        object.path("spec").path("template").path("metadata").path("labels");
                if (!podLabels.path("app.kubernetes.io/name").asText().equals(Manifests.name(object))
                        || !podLabels.path(PART_OF).asText().equals("ibasho")
                        || !podLabels
                                .path("app.kubernetes.io/component")
                                .equals(labels.path("app.kubernetes.io/component"))) {
                    problems.add(Manifests.id(object) + ": pod labels " + podLabels);
                }
            }
        }
        assertThat(problems)
                .as("app.kubernetes.io/name, /component and /part-of=ibasho on every object, " + overlay)
                .isEmpty();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void networkPoliciesLeaveOnlyTheGatewayOpenAndOnlyServicesReachPostgresAndKafka(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        List<String> problems = new ArrayList<>();
        boolean defaultDeny = manifests
                .ofKind("NetworkPolicy")
                .anyMatch(p -> p.path("spec").path("podSelector").isEmpty()
                        && p.path("spec").path("ingress").isEmpty());
        if (!defaultDeny) {
            problems.add("no default-deny ingress policy");
        }
        manifests.ofKind("NetworkPolicy").forEach(policy -> {
            JsonNode target = policy.path("spec").path("podSelector").path("matchLabels");
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                if (rule.path("from").isEmpty()) {
                    problems.add(Manifests.id(policy) + ": a rule open to every source");
                    continue;
                }
                boolean managementOnly = !rule.path("ports").isEmpty();
                for (JsonNode port : rule.path("ports")) {
                    managementOnly &= port.path("port").asInt() == 9000;
                }
                for (JsonNode peer : rule.path("from")) {
                    boolean outside = peer.has("namespaceSelector") || peer.has("ipBlock");
                    if (outside
                            && !(isGateway(target)
                                    || isKeycloak(target)
                                    || managementOnly
                                    || isOperatorProbe(target, peer, rule))) {
                        problems.add(Manifests.id(policy) + ": " + target + " reachable from outside the namespace: "
                                + peer);
                    }
                    JsonNode peerLabels = peer.path("podSelector").path("matchLabels");
                    if (target.has("cnpg.io/cluster")
                            && !outside
                            && !(isService(peerLabels)
                                    || isKeycloak(peerLabels)
                                    || peerLabels.path("cnpg.io/cluster").equals(target.path("cnpg.io/cluster")))) {
                        problems.add(Manifests.id(policy) + ": PostgreSQL reachable from " + peerLabels);
                    }
                    if (target.has("strimzi.io/cluster") && !outside && !isService(peerLabels)) {
                        problems.add(Manifests.id(policy) + ": Kafka reachable from " + peerLabels);
                    }
                    if (isService(target) && !outside && !isGateway(peerLabels)) {
                        problems.add(Manifests.id(policy) + ": services reachable from " + peerLabels);
                    }
                }
            }
        });
        JsonNode listener = manifests
                .named("Kafka", "ibasho-kafka")
                .path("spec")
                .path("kafka")
                .path("listeners");
        for (JsonNode l : listener) {
            if (!l.path("type").asText().equals("internal")
                    || l.path("networkPolicyPeers").isEmpty()) {
                problems.add("Kafka listener " + l.path("name").asText() + " must be internal with networkPolicyPeers");
            }
            l.path("networkPolicyPeers").forEach(peer -> {
                if (!isService(peer.path("podSelector").path("matchLabels")) || peer.has("namespaceSelector")) {
                    problems.add("Kafka listener peer " + peer);
                }
            });
        }
        assertThat(problems).as(overlay).isEmpty();
    }

    private static boolean isGateway(JsonNode labels) {
        return labels.size() == 1
                && labels.path("app.kubernetes.io/name").asText().equals("gateway");
    }

    private static boolean isKeycloak(JsonNode labels) {
        return labels.size() == 1 && labels.path("app").asText().equals("keycloak");
    }

    private static boolean isService(JsonNode labels) {
        return labels.size() == 1
                && labels.path("app.kubernetes.io/component").asText().equals("service");
    }

    /** The CloudNativePG operator's status port on the PostgreSQL pods, from the operator's own namespace. */
    private static boolean isOperatorProbe(JsonNode target, JsonNode peer, JsonNode rule) {
        return target.has("cnpg.io/cluster")
                && peer.path("namespaceSelector")
                        .path("matchLabels")
                        .path("kubernetes.io/metadata.name")
                        .asText()
                        .equals("cnpg-system")
                && rule.path("ports").size() == 1
                && rule.path("ports").get(0).path("port").asInt() == 8000;
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theGatewaysRateLimitDivisorIsItsReplicaCountAndNothingScalesIt(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        ObjectNode gateway = manifests.named("Deployment", "gateway");
        String divisor = null;
        for (JsonNode env : gateway.path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0)
                .path("env")) {
            if (env.path("name").asText().equals("IBASHO_GATEWAY_RATE_LIMIT_REPLICAS")) {
                divisor = env.path("value").asText();
            }
        }
        assertThat(divisor)
                .as("IBASHO_GATEWAY_RATE_LIMIT_REPLICAS")
                .isEqualTo(gateway.path("spec").path("replicas").asText());
        assertThat(manifests
                        .ofKind("HorizontalPodAutoscaler")
                        .map(h -> h.path("spec")
                                .path("scaleTargetRef")
                                .path("name")
                                .asText()))
                .as("autoscaled")
                .containsExactlyInAnyOrder("event", "registration", "childcare-booking", "notification");
        assertThat(manifests.ofKind("PodDisruptionBudget").map(Manifests::name))
                .containsExactlyInAnyOrder("event", "registration", "childcare-booking", "notification", "gateway");
    }
}
