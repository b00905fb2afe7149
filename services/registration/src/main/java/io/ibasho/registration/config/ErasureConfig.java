package io.ibasho.registration.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Erasure of her data (issue #18, docs/adr/0014). */
@ConfigMapping(prefix = "ibasho.registration.erasure")
public interface ErasureConfig {
    /** How recent her sign-in (the token's {@code auth_time}) must be for her to delete her account. */
    @WithDefault("PT10M")
    Duration maxSignInAge();
}
