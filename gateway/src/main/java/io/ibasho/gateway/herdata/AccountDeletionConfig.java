package io.ibasho.gateway.herdata;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Keycloak client with which the gateway deletes her account when she erases her data (docs/adr/0014): a
 * confidential client whose service account holds realm-management's {@code manage-users} and nothing else.
 */
@ConfigMapping(prefix = "ibasho.gateway.account-deletion")
public interface AccountDeletionConfig {
    @WithDefault("ibasho-account-eraser")
    String clientId();

    /** IBASHO_GATEWAY_ACCOUNT_DELETION_CLIENT_SECRET in production. */
    String clientSecret();
}
