package io.ibasho.k8scheck;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Binds every object to its typed model: fabric8's for Kubernetes' own kinds, Strimzi's published model (io.strimzi:api)
 * for Kafka's. Both keep unknown fields in an "additionalProperties" map instead of failing, so strictness is added
 * here: any non-empty additionalProperties anywhere in the bound object is an unknown (misspelt, misplaced or
 * removed) field. Kinds of operators without a published Java model (CloudNativePG, Keycloak) are checked against
 * their CRD schemas by {@link CrdSchemas}.
 */
final class TypedModels {
    static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class));

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    static boolean hasModel(JsonNode object) {
        return MODELS.containsKey(key(object));
    }

    static String key(JsonNode object) {
        return object.path("apiVersion").asText() + "/" + object.path("kind").asText();
    }

    /** @return the problems: a binding error, or each unknown field with its path */
    static List<String> check(JsonNode object) {
        Class<?> model = MODELS.get(key(object));
        if (model == null) {
            return List.of(Manifests.id(object) + ": no typed model for " + key(object));
        }
        Object bound;
        try {
            bound = JSON.treeToValue(object, model);
        } catch (Exception e) {
            return List.of(
                    Manifests.id(object) + ": does not bind to " + model.getSimpleName() + ": " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        unknownFields(bound, Manifests.id(object), problems);
        return problems.stream().distinct().toList(); // covariant getters (bridge methods) report a field twice
    }

    /** Metadata alone (for objects validated by CRD schema: the schema leaves metadata to Kubernetes). */
    static List<String> checkMetadata(JsonNode object) {
        List<String> problems = new ArrayList<>();
        try {
            ObjectMeta meta = JSON.treeToValue(object.path("metadata"), ObjectMeta.class);
            unknownFields(meta, Manifests.id(object) + ".metadata", problems);
        } catch (Exception e) {
            problems.add(Manifests.id(object) + ".metadata: " + e.getMessage());
        }
        return problems;
    }

    private static void unknownFields(Object value, String path, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                unknownFields(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.") && !pkg.startsWith("io.strimzi.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
                continue;
            }
            String field = Character.toLowerCase(getter.getName().charAt(3))
                    + getter.getName().substring(4);
            unknownFields(child, path + "." + field, problems);
        }
    }

    private TypedModels() {}
}
