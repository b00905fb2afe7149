package io.ibasho.k8scheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The production realm, derived from the local/test realm deploy/keycloak/ibasho-realm.json so that the two never drift
 * apart in what matters (roles, claims, the user profile, token lifetimes), and differ exactly in this:
 * <ul>
 * <li>no demo users, no {@code ibasho-test} password-grant client, no demo partner client (partner clients are made per
 * partner group by an admin, see docs/deploy.md);</li>
 * <li>one client scope per service audience ({@code audience-event}, ...) instead of one scope carrying all four, so
 * that "aud = the service's own name" means something; the gateway client, the door for all four, gets the four;</li>
 * <li>the default role of self-registered accounts is {@code attendee} alone: no {@code offline_access} (no refresh
 * token that outlives the session on a phone someone else may pick up), no {@code uma_authorization};</li>
 * <li>client secrets are operator placeholders filled from Secrets, never literals; TLS required for everyone;</li>
 * <li>redirect URIs are the public address only (the overlays patch the host), never localhost.</li>
 * </ul>
 */
final class ProductionRealm {
    static final List<String> SERVICES = List.of("event", "registration", "childcare-booking", "notification");
    static final String GATEWAY_CLIENT = "ibasho-gateway";
    static final String CLAIMS_SCOPE = "ibasho-claims";
    /** Keycloak operator placeholder, filled from Secret gateway-oidc key client-secret. */
    static final String GATEWAY_SECRET_PLACEHOLDER = "IBASHO_GATEWAY_CLIENT_SECRET";
    /** Keycloak operator placeholder, filled from Secret gateway-oidc key account-deletion-secret (docs/adr/0014). */
    static final String ERASER_SECRET_PLACEHOLDER = "IBASHO_GATEWAY_ACCOUNT_DELETION_CLIENT_SECRET";

    static final String ERASER_CLIENT = "ibasho-account-eraser";

    /**
     * Keycloak operator placeholders for the reset mail's SMTP server (docs/adr/0027), from Secret keycloak-smtp: the
     * test realm's mail sink (127.0.0.1, no auth) never reaches production.
     */
    static final Map<String, String> SMTP_PLACEHOLDERS = Map.of(
            "IBASHO_SMTP_HOST", "host",
            "IBASHO_SMTP_PORT", "port",
            "IBASHO_SMTP_USER", "user",
            "IBASHO_SMTP_PASSWORD", "password");

    private static final Set<String> DEMO_CLIENTS = Set.of("ibasho-test", "partner-tsubomi");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** The realm of the KeycloakRealmImport. */
    static ObjectNode from(JsonNode devRealm) {
        ObjectNode realm = devRealm.deepCopy();
        // no demo users; the eraser's service account stays, it holds the one role that client needs
        ArrayNode serviceAccounts = JSON.arrayNode();
        for (JsonNode user : realm.path("users")) {
            if (ERASER_CLIENT.equals(user.path("serviceAccountClientId").asText())) {
                serviceAccounts.add(user.deepCopy());
            }
        }
        realm.remove("users");
        if (!serviceAccounts.isEmpty()) {
            realm.set("users", serviceAccounts);
        }
        realm.put("sslRequired", "all");
        if (realm.has("smtpServer")) {
            ObjectNode smtp = (ObjectNode) realm.get("smtpServer");
            smtp.put("host", "${IBASHO_SMTP_HOST}");
            smtp.put("port", "${IBASHO_SMTP_PORT}");
            smtp.put("auth", "true");
            smtp.put("user", "${IBASHO_SMTP_USER}");
            smtp.put("password", "${IBASHO_SMTP_PASSWORD}");
            smtp.put("starttls", "true");
        }

        ArrayNode roles = (ArrayNode) realm.path("roles").path("realm");
        for (JsonNode role : roles) {
            if (role.path("name")
                    .asText()
                    .equals("default-roles-" + realm.path("realm").asText())) {
                ObjectNode composites = (ObjectNode) role.path("composites");
                composites.set("realm", JSON.arrayNode().add("attendee"));
            }
        }

        ObjectNode shared = (ObjectNode) findByName((ArrayNode) realm.path("clientScopes"), "ibasho-services");
        ArrayNode scopes = JSON.arrayNode();
        ObjectNode claims = shared.deepCopy();
        claims.put("name", CLAIMS_SCOPE);
        claims.put("description", "The claims the services check: organisation, partner group, realm roles, subject");
        ArrayNode claimMappers = JSON.arrayNode();
        for (JsonNode mapper : shared.path("protocolMappers")) {
            if (!mapper.path("protocolMapper").asText().equals("oidc-audience-mapper")) {
                claimMappers.add(mapper.deepCopy());
            }
        }
        claims.set("protocolMappers", claimMappers);
        scopes.add(claims);
        for (String service : SERVICES) {
            JsonNode mapper = findMapper(shared, "audience-" + service);
            ObjectNode scope = JSON.objectNode();
            scope.put("name", "audience-" + service);
            scope.put("protocol", "openid-connect");
            scope.put("description", "Audience " + service + ": tokens that the " + service + " service accepts");
            scope.set("attributes", shared.path("attributes").deepCopy());
            scope.set("protocolMappers", JSON.arrayNode().add(mapper.deepCopy()));
            scopes.add(scope);
        }
        realm.set("clientScopes", scopes);

        ArrayNode clients = JSON.arrayNode();
        for (JsonNode client : realm.path("clients")) {
            if (DEMO_CLIENTS.contains(client.path("clientId").asText())) {
                continue;
            }
            ObjectNode copy = client.deepCopy();
            if (copy.path("clientId").asText().equals(ERASER_CLIENT)) {
                copy.put("secret", "${" + ERASER_SECRET_PLACEHOLDER + "}");
            }
            if (copy.path("clientId").asText().equals(GATEWAY_CLIENT)) {
                copy.put("secret", "${" + GATEWAY_SECRET_PLACEHOLDER + "}");
                copy.set("redirectUris", JSON.arrayNode().add("https://ibasho.example/app/login"));
                copy.set("webOrigins", JSON.arrayNode().add("+"));
                ObjectNode attributes =
                        copy.has("attributes") ? (ObjectNode) copy.get("attributes") : copy.putObject("attributes");
                attributes.put("post.logout.redirect.uris", "https://ibasho.example/");
                ArrayNode defaults = JSON.arrayNode().add(CLAIMS_SCOPE);
                SERVICES.forEach(s -> defaults.add("audience-" + s));
                copy.set("defaultClientScopes", defaults);
                copy.set("optionalClientScopes", JSON.arrayNode());
            }
            clients.add(copy);
        }
        realm.set("clients", clients);
        return realm;
    }

    /** The whole KeycloakRealmImport object as committed in k8s/platform/keycloak/realm-import.yaml. */
    static ObjectNode realmImport(JsonNode devRealm) {
        ObjectNode object = JSON.objectNode();
        object.put("apiVersion", "k8s.keycloak.org/v2alpha1");
        object.put("kind", "KeycloakRealmImport");
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("name", "ibasho-realm");
        ObjectNode labels = metadata.putObject("labels");
        labels.put("app.kubernetes.io/name", "ibasho-realm");
        labels.put("app.kubernetes.io/component", "keycloak-realm");
        labels.put("app.kubernetes.io/part-of", "ibasho");
        ObjectNode spec = object.putObject("spec");
        spec.put("keycloakCRName", "ibasho-keycloak");
        ObjectNode placeholders = spec.putObject("placeholders");
        ObjectNode secret = placeholders.putObject(GATEWAY_SECRET_PLACEHOLDER).putObject("secret");
        secret.put("name", "gateway-oidc");
        secret.put("key", "client-secret");
        ObjectNode eraserSecret =
                placeholders.putObject(ERASER_SECRET_PLACEHOLDER).putObject("secret");
        eraserSecret.put("name", "gateway-oidc");
        eraserSecret.put("key", "account-deletion-secret");
        new java.util.TreeMap<>(SMTP_PLACEHOLDERS).forEach((placeholder, key) -> {
            ObjectNode smtpSecret = placeholders.putObject(placeholder).putObject("secret");
            smtpSecret.put("name", "keycloak-smtp");
            smtpSecret.put("key", key);
        });
        spec.set("realm", from(devRealm));
        return object;
    }

    private static JsonNode findByName(ArrayNode nodes, String name) {
        for (JsonNode node : nodes) {
            if (node.path("name").asText().equals(name)) {
                return node;
            }
        }
        throw new IllegalStateException("the dev realm has no " + name);
    }

    private static JsonNode findMapper(JsonNode scope, String name) {
        for (JsonNode mapper : scope.path("protocolMappers")) {
            if (mapper.path("name").asText().equals(name)) {
                return mapper;
            }
        }
        throw new IllegalStateException("the dev realm's ibasho-services scope has no mapper " + name);
    }

    static Map<String, String> placeholders() {
        return Map.of(
                GATEWAY_SECRET_PLACEHOLDER,
                "gateway-oidc/client-secret",
                ERASER_SECRET_PLACEHOLDER,
                "gateway-oidc/account-deletion-secret");
    }

    private ProductionRealm() {}
}
