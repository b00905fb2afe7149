package io.ibasho.gateway.herdata;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deletes her Keycloak account through the admin REST API, with a token of the account-deletion client's own service
 * account (client credentials). Only ever the account of the subject whose verified token asked for it. A 404 means
 * it is gone already (a repeated erasure): success.
 */
@ApplicationScoped
public class AccountDeletion {
    private static final Logger LOG = Logger.getLogger(AccountDeletion.class);

    @Inject
    AccountDeletionConfig config;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realmUrl;

    private WebClient client;

    /** Like the gateway's other secrets: the demo realm's value never reaches a Keycloak that is not local. */
    void refuseDemoSecretOutsideLocalhost(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent start) {
        String host = java.net.URI.create(realmUrl).getHost();
        boolean local = "localhost".equals(host) || "127.0.0.1".equals(host) || "::1".equals(host);
        if (!local && config.clientSecret().contains("change-me")) {
            throw new IllegalStateException("The gateway is configured with the demo account-deletion secret against "
                    + host + ": set IBASHO_GATEWAY_ACCOUNT_DELETION_CLIENT_SECRET (see docs/security.md).");
        }
    }

    @PostConstruct
    void init() {
        client = WebClient.create(
                vertx, new WebClientOptions().setConnectTimeout(5000).setFollowRedirects(false));
    }

    /** @return true when the account no longer exists */
    public Uni<Boolean> delete(String subject) {
        if (subject == null || !subject.matches("[0-9a-fA-F-]{36}")) {
            // Keycloak's user ids are UUIDs; anything else never reaches its admin API in a path
            return Uni.createFrom().item(false);
        }
        return client.postAbs(realmUrl + "/protocol/openid-connect/token")
                .timeout(10_000)
                .sendForm(io.vertx.mutiny.core.MultiMap.caseInsensitiveMultiMap()
                        .add("grant_type", "client_credentials")
                        .add("client_id", config.clientId())
                        .add("client_secret", config.clientSecret()))
                .flatMap(tokenAnswer -> {
                    if (tokenAnswer.statusCode() != 200) {
                        LOG.warnf("account deletion: no admin token (status %d)", tokenAnswer.statusCode());
                        return Uni.createFrom().item(false);
                    }
                    String adminToken = tokenAnswer.bodyAsJsonObject().getString("access_token");
                    String user = realmUrl.replaceFirst("/realms/", "/admin/realms/") + "/users/" + subject;
                    return client.deleteAbs(user)
                            .bearerTokenAuthentication(adminToken)
                            .timeout(10_000)
                            .send()
                            .map(answer -> {
                                boolean gone = answer.statusCode() == 204 || answer.statusCode() == 404;
                                if (!gone) {
                                    // the status only: never whose account
                                    LOG.warnf("account deletion refused by Keycloak (status %d)", answer.statusCode());
                                }
                                return gone;
                            });
                })
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("account deletion failed: %s", failure.getClass().getSimpleName());
                    return false;
                });
    }
}
