package io.ibasho.registration.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The seat-and-childcare saga with childcare-booking (architecture.md): how long a held seat waits for an answer. */
@ConfigMapping(prefix = "ibasho.registration.childcare")
public interface ChildcareSagaConfig {
    /**
     * A seat held for a ChildcareRequested that gets no answer this long is released as if childcare said no
     * ({@code NO_ANSWER}): a stopped childcare service must not keep seats from other women. Childcare normally
     * answers in well under a second.
     */
    @WithDefault("PT10M")
    Duration answerTimeout();

    /** How often unanswered holds are looked for (read by the @Scheduled sweep). */
    @WithDefault("30s")
    Duration answerCheck();
}
