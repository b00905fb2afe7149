package io.ibasho.gateway.recovery;

import io.ibasho.gateway.herdata.AccountDeletionConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The few Keycloak admin calls account recovery (and the venue form's partner groups) needs, with the gateway's account service account (client
 * {@code ibasho-account-eraser}, realm-management's {@code manage-users} only; docs/adr/0014, 0019). User ids are
 * checked to be UUIDs before they go into a path; usernames go only into a query parameter.
 */
@ApplicationScoped
public class KeycloakAccounts {
    /** The user attribute holding her recovery codes' hashes: admin-only in the realm's user profile. */
    public static final String CODES_ATTRIBUTE = "recovery_codes";

    /**
     * When she was first given codes (admin-only too): the codes shown after her registration are shown once, and not
     * again when she has spent them all.
     */
    public static final String OFFERED_ATTRIBUTE = "recovery_codes_offered";

    /** Keycloak refused the call (status), or could not be reached. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String what) {
            super(what, null, false, false);
        }
    }

    @Inject
    AccountDeletionConfig config;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realmUrl;

    private WebClient client;

    @PostConstruct
    void init() {
        client = WebClient.create(
                vertx, new WebClientOptions().setConnectTimeout(5000).setFollowRedirects(false));
    }

    private String admin() {
        return realmUrl.replaceFirst("/realms/", "/admin/realms/");
    }

    public Uni<String> adminToken() {
        return client.postAbs(realmUrl + "/protocol/openid-connect/token")
                .timeout(10_000)
                .sendForm(MultiMap.caseInsensitiveMultiMap()
                        .add("grant_type", "client_credentials")
                        .add("client_id", config.clientId())
                        .add("client_secret", config.clientSecret()))
                .map(answer -> {
                    require(answer, 200, "admin token");
                    return answer.bodyAsJsonObject().getString("access_token");
                });
    }

    /** The id of the enabled user with exactly this username, if there is one. */
    public Uni<Optional<String>> userIdOf(String admin, String username) {
        return client.getAbs(admin() + "/users")
                .addQueryParam("username", username)
                .addQueryParam("exact", "true")
                .addQueryParam("briefRepresentation", "true")
                .bearerTokenAuthentication(admin)
                .timeout(10_000)
                .send()
                .map(answer -> {
                    require(answer, 200, "user search");
                    JsonArray users = answer.bodyAsJsonArray();
                    return users.stream()
                            .filter(JsonObject.class::isInstance)
                            .map(JsonObject.class::cast)
                            .filter(user -> username.equalsIgnoreCase(user.getString("username", "")))
                            .filter(user -> user.getBoolean("enabled", false))
                            .map(user -> user.getString("id"))
                            .findFirst();
                });
    }

    /**
     * Whether a partner group with this id exists in the organisation: some account (a partner's, or a partner system's
     * service account) carries it in its {@code partner_group} attribute, with the same {@code organisation} (the tokens' {@code org}). Groups live only
     * there (no table lists them), so a venue form checks here before linking a venue to a group.
     */
    public Uni<Boolean> partnerGroupExists(String admin, String organisation, String group) {
        return client.getAbs(admin() + "/users")
                .addQueryParam("q", "partner_group:" + group + " organisation:" + organisation)
                .addQueryParam("briefRepresentation", "false")
                .addQueryParam("max", "5")
                .bearerTokenAuthentication(admin)
                .timeout(10_000)
                .send()
                .map(answer -> {
                    require(answer, 200, "partner group search");
                    // the attribute search is checked again here: exactly this group, in exactly this organisation
                    return answer.bodyAsJsonArray().stream()
                            .filter(JsonObject.class::isInstance)
                            .map(JsonObject.class::cast)
                            .map(user -> user.getJsonObject("attributes", new JsonObject()))
                            .anyMatch(attributes -> attributes
                                            .getJsonArray("partner_group", new JsonArray())
                                            .contains(group)
                                    && attributes
                                            .getJsonArray("organisation", new JsonArray())
                                            .contains(organisation));
                });
    }

    /** Accounts read per page when listing an organisation's partner groups, and the most read in all. */
    static final int GROUP_PAGE = 100;

    static final int GROUP_ACCOUNTS_READ = 2_000;

    private static final java.util.regex.Pattern GROUP_ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    /**
     * The partner groups of the organisation, sorted: every {@code partner_group} carried by an account whose
     * {@code organisation} is exactly this one (the search is checked again here, as in {@link #partnerGroupExists}), so
     * the venue form offers her own organisation's groups and never another's. Only the two attributes are read.
     */
    public Uni<List<String>> partnerGroupsOf(String admin, String organisation) {
        return partnerGroupsFrom(admin, organisation, 0, new java.util.TreeSet<>());
    }

    private Uni<List<String>> partnerGroupsFrom(
            String admin, String organisation, int first, java.util.SortedSet<String> found) {
        return client.getAbs(admin() + "/users")
                .addQueryParam("q", "organisation:" + organisation)
                .addQueryParam("briefRepresentation", "false")
                .addQueryParam("first", String.valueOf(first))
                .addQueryParam("max", String.valueOf(GROUP_PAGE))
                .bearerTokenAuthentication(admin)
                .timeout(10_000)
                .send()
                .flatMap(answer -> {
                    require(answer, 200, "partner group list");
                    JsonArray accounts = answer.bodyAsJsonArray();
                    accounts.stream()
                            .filter(JsonObject.class::isInstance)
                            .map(JsonObject.class::cast)
                            .map(account -> account.getJsonObject("attributes", new JsonObject()))
                            .filter(attributes -> attributes
                                    .getJsonArray("organisation", new JsonArray())
                                    .contains(organisation))
                            .flatMap(attributes -> attributes.getJsonArray("partner_group", new JsonArray()).stream())
                            .map(String::valueOf)
                            .filter(group -> GROUP_ID.matcher(group).matches())
                            .forEach(found::add);
                    int next = first + GROUP_PAGE;
                    return accounts.size() < GROUP_PAGE || next >= GROUP_ACCOUNTS_READ
                            ? Uni.createFrom().item(List.copyOf(found))
                            : partnerGroupsFrom(admin, organisation, next, found);
                });
    }

    /** Her full representation (with attributes), to change and put back whole. */
    public Uni<JsonObject> user(String admin, String userId) {
        return client.getAbs(userPath(userId))
                .bearerTokenAuthentication(admin)
                .timeout(10_000)
                .send()
                .map(answer -> {
                    require(answer, 200, "user");
                    return answer.bodyAsJsonObject();
                });
    }

    public static List<String> storedCodes(JsonObject user) {
        JsonObject attributes = user.getJsonObject("attributes", new JsonObject());
        JsonArray codes = attributes.getJsonArray(CODES_ATTRIBUTE, new JsonArray());
        return codes.stream().map(String::valueOf).toList();
    }

    /** Whether she was ever given codes (she may have spent them all since). */
    public static boolean codesOffered(JsonObject user) {
        JsonObject attributes = user.getJsonObject("attributes", new JsonObject());
        return attributes.containsKey(OFFERED_ATTRIBUTE) || !storedCodes(user).isEmpty();
    }

    /** Replaces her stored code hashes (none: the attribute is removed). */
    public Uni<Void> storeCodes(String admin, String userId, JsonObject user, List<String> hashes) {
        return storeCodes(admin, userId, user, hashes, null);
    }

    /** Replaces her stored code hashes, and notes when codes were given to her (when {@code offeredAt} is set). */
    public Uni<Void> storeCodes(String admin, String userId, JsonObject user, List<String> hashes, String offeredAt) {
        JsonObject attributes =
                user.getJsonObject("attributes", new JsonObject()).copy();
        if (hashes.isEmpty()) {
            attributes.remove(CODES_ATTRIBUTE);
        } else {
            attributes.put(CODES_ATTRIBUTE, new JsonArray(hashes));
        }
        if (offeredAt != null) {
            attributes.put(OFFERED_ATTRIBUTE, new JsonArray().add(offeredAt));
        }
        JsonObject changed = user.copy().put("attributes", attributes);
        return client.putAbs(userPath(userId))
                .bearerTokenAuthentication(admin)
                .timeout(10_000)
                .sendJsonObject(changed)
                .map(answer -> {
                    require(answer, 204, "store recovery codes");
                    return null;
                });
    }

    /**
     * Puts the address the notification service confirmed with a code into her account as verified, or removes it
     * (empty) when she withdrew or replaced the channel (docs/adr/0027): Keycloak's reset mails only a verified
     * address, and only the gateway ever writes this field (admin-only in the realm's user profile).
     */
    public Uni<Void> storeConfirmedEmail(String admin, String userId, JsonObject user, Optional<String> address) {
        // an empty string, not null: Keycloak leaves a null field unchanged
        JsonObject changed = user.copy().put("email", address.orElse("")).put("emailVerified", address.isPresent());
        return client.putAbs(userPath(userId))
                .bearerTokenAuthentication(admin)
                .timeout(10_000)
                .sendJsonObject(changed)
                .map(answer -> {
                    require(answer, 204, "store confirmed e-mail");
                    return null;
                });
    }

    /** @return empty when set, otherwise Keycloak's reason (its password policy) */
    public Uni<Optional<String>> setPassword(String admin, String userId, String password) {
        return client.putAbs(userPath(userId) + "/reset-password")
                .bearerTokenAuthentication(admin)
                .timeout(10_000)
                .sendJsonObject(new JsonObject()
                        .put("type", "password")
                        .put("value", password)
                        .put("temporary", false))
                .map(answer -> {
                    if (answer.statusCode() == 204) {
                        return Optional.<String>empty();
                    }
                    if (answer.statusCode() == 400) {
                        return Optional.of("password-policy");
                    }
                    throw new Unavailable("set password: status " + answer.statusCode());
                });
    }

    /** Lifts a lock-out by failed logins (docs/adr/0018) and ends every session of the old password. */
    public Uni<Void> afterNewPassword(String admin, String userId) {
        Uni<Void> unlock = client.deleteAbs(admin() + "/attack-detection/brute-force/users/" + uuid(userId))
                .bearerTokenAuthentication(admin)
                .timeout(10_000)
                .send()
                .replaceWithVoid();
        Uni<Void> logout = client.postAbs(userPath(userId) + "/logout")
                .bearerTokenAuthentication(admin)
                .timeout(10_000)
                .send()
                .replaceWithVoid();
        return unlock.flatMap(ignored -> logout);
    }

    private String userPath(String userId) {
        return admin() + "/users/" + uuid(userId);
    }

    private static String uuid(String userId) {
        if (userId == null || !userId.matches("[0-9a-fA-F-]{36}")) {
            throw new IllegalArgumentException("not a Keycloak user id");
        }
        return userId;
    }

    private static void require(HttpResponse<?> answer, int status, String what) {
        if (answer.statusCode() != status) {
            // the status only: never whose account
            throw new Unavailable(what + ": status " + answer.statusCode());
        }
    }
}
