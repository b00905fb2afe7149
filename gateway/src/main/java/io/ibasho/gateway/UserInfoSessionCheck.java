package io.ibasho.gateway;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keycloak's userinfo endpoint, called with her access token: 200 while her SSO session lives, 401 once it has ended
 * ({@code error_description="user_session_not_found"}), although the token itself would still verify locally. One
 * cheap request (no client secret, no password hashing): about 1,100 a second on the development machine's Keycloak.
 */
@ApplicationScoped
public class UserInfoSessionCheck implements KeycloakSessionCheck {
    private static final Logger LOG = Logger.getLogger(UserInfoSessionCheck.class);

    @Inject
    GatewayConfig config;

    @Inject
    io.vertx.core.Vertx vertx;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String issuer;

    private WebClient keycloak;
    private String userInfoUrl;

    @PostConstruct
    void connect() {
        keycloak = WebClient.create(
                new io.vertx.mutiny.core.Vertx(vertx),
                new io.vertx.ext.web.client.WebClientOptions()
                        .setConnectTimeout(
                                (int) config.browser().sessionCheckWait().toMillis())
                        .setFollowRedirects(false));
        userInfoUrl = config.browser().sessionCheckUrl().orElse(issuer + "/protocol/openid-connect/userinfo");
    }

    @Override
    public Uni<SessionAtKeycloak> check(String accessToken) {
        return keycloak.getAbs(userInfoUrl)
                .putHeader("Authorization", "Bearer " + accessToken)
                .timeout(config.browser().sessionCheckWait().toMillis())
                .send()
                .map(response -> switch (response.statusCode()) {
                    case 200 -> SessionAtKeycloak.OPEN;
                    case 401 -> ended(response.getHeader("WWW-Authenticate"));
                    default -> {
                        LOG.warnf("Keycloak's userinfo answered %d to a session check", response.statusCode());
                        yield SessionAtKeycloak.NO_ANSWER;
                    }
                })
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.debugf(
                            "Keycloak unreachable for a session check: %s",
                            e.getClass().getSimpleName());
                    return SessionAtKeycloak.NO_ANSWER;
                });
    }

    /**
     * Any refusal counts as ended: a token Keycloak no longer accepts must not keep her pages open. A refusal for
     * another reason than an ended session (an issuer the gateway and Keycloak see differently) would sign everyone out
     * at once, so it is logged with Keycloak's own words, which name no person.
     */
    private static SessionAtKeycloak ended(String challenge) {
        if (challenge == null || !challenge.contains("user_session_not_found")) {
            LOG.warnf("Keycloak's userinfo refused a session's token: %s", challenge);
        }
        return SessionAtKeycloak.ENDED;
    }
}
