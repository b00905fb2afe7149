package io.ibasho.registration.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The lottery's allocation after the draw (docs/lottery.md): asking childcare-booking one applicant at a time. */
@ConfigMapping(prefix = "ibasho.registration.lottery-allocation")
public interface LotteryAllocationConfig {
    /**
     * How long one childcare question may stay unanswered before it counts as "no" (reason NO_ANSWER), so that a
     * draw never hangs on a lost message or a stopped childcare service. The next applicant is then asked.
     */
    @WithDefault("PT10M")
    Duration childcareAnswerTimeout();

    /**
     * How often unanswered questions are looked for (read by the @Scheduled job); also how late a timeout can act.
     * "off" disables the timer (tests run the job themselves).
     */
    @WithDefault("30s")
    String timeoutCheck();
}
