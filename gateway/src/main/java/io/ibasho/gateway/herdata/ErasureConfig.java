package io.ibasho.gateway.herdata;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Deleting her account (docs/adr/0014). */
@ConfigMapping(prefix = "ibasho.gateway.erasure")
public interface ErasureConfig {
    /**
     * The delete button is offered only this soon after her sign-in; registration checks the same on the token it is
     * sent ({@code ibasho.registration.erasure.max-sign-in-age}).
     */
    @WithDefault("PT10M")
    Duration maxSignInAge();
}
