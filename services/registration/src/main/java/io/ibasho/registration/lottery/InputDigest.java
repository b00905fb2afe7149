package io.ibasho.registration.lottery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A fingerprint of everything that decides the outcome apart from the seed and the childcare answers:
 * the session and its closing time, the frozen rules and every application with its tier and flags.
 *
 * <p>It is recorded when applications close (and shown at once), and it is mixed into every rank key
 * ({@link LotteryDraw#rankKey}): the order cannot be known before the set of applications is final, even
 * by someone who knows the seed. Nobody can add, drop or re-tier an application after closing without
 * the digest changing. The exact text
 * is specified in docs/lottery.md; change it only together with {@link #FORMAT_LINE}.
 */
public final class InputDigest {

    public static final String FORMAT_LINE = "ibasho-lottery-input/2";

    private InputDigest() {}

    /** Lower-case hex SHA-256 of the UTF-8 bytes of {@link #canonicalText}. */
    public static String of(DrawSubject subject, LotteryPolicy policy, Collection<LotteryApplicant> applicants) {
        return Hex.of(
                SeedCommitment.sha256(canonicalText(subject, policy, applicants).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * One field per line, each line ending in a single LF (no CR, no BOM), applications sorted by
     * their lower-case id text so the order in which they arrived does not matter.
     */
    public static String canonicalText(
            DrawSubject subject, LotteryPolicy policy, Collection<LotteryApplicant> applicants) {
        List<LotteryApplicant> sorted = sortedById(applicants);
        StringBuilder text = new StringBuilder();
        line(text, FORMAT_LINE);
        line(text, "session=" + subject.sessionId());
        line(text, "applications-closed-at=" + DrawSubject.text(subject.applicationsClosedAt()));
        line(text, "seats=" + policy.seats());
        line(text, "tiers=" + policy.tierCount());
        line(text, "one-win-per-month=" + policy.oneWinPerMonth());
        line(text, "childcare-required-to-win=" + policy.childcareRequiredToWin());
        line(text, "confirmation-required=" + policy.confirmationRequired());
        line(text, "confirmation-hours=" + policy.confirmationHours());
        line(text, "applications=" + sorted.size());
        for (LotteryApplicant a : sorted) {
            policy.rankGroup(a); // rejects a tier the policy does not have
            line(
                    text,
                    a.canonicalId()
                            + " tier=" + a.tier()
                            + " won-this-month=" + a.alreadyWonThisMonth()
                            + " needs-childcare=" + a.needsChildcare());
        }
        return text.toString();
    }

    /** Sorted by canonical id text; a duplicate id is an error, never silently merged. */
    static List<LotteryApplicant> sortedById(Collection<LotteryApplicant> applicants) {
        // each id's text made once, not twice per comparison (a draw of 100,000 sorted 3.4 million of them)
        java.util.TreeMap<String, LotteryApplicant> byId = new java.util.TreeMap<>();
        for (LotteryApplicant a : applicants) {
            if (byId.put(a.canonicalId(), a) != null) {
                throw new IllegalArgumentException("application " + a.canonicalId() + " is entered twice");
            }
        }
        return new ArrayList<>(byId.values());
    }

    private static void line(StringBuilder text, String line) {
        text.append(line).append('\n');
    }
}
