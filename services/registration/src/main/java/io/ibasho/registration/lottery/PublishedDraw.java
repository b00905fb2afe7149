package io.ibasho.registration.lottery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything published after a draw so that anyone can check it, exactly as published. Seed,
 * commitment and digest stay text here: checking them is the verifier's job, and a malformed value must
 * come back as a finding, not as an exception while reading.
 *
 * @param subject          the session and the time its applications closed (part of the input digest)
 * @param drawnAt          when the order was drawn (never before the closing), to the second
 * @param policy           the rules shown to applicants
 * @param commitment       SHA-256 of the seed, published when applications opened
 * @param seed             the seed revealed at the draw
 * @param inputDigest      {@link InputDigest} recorded when applications closed
 * @param applications     every application entered into the draw (published sorted by id, so the list
 *                         itself gives nothing away about the outcome)
 * @param order            the claimed drawn order, all applications
 * @param childcareAnswers the childcare service's answers used during the allocation
 * @param winners          the claimed winners, in drawn order
 * @param reserve          the claimed reserve list, position 1 first
 * @param monthWins        the once-a-month flags made checkable ({@link MonthWins}); null in draws made before it
 */
public record PublishedDraw(
        DrawSubject subject,
        Instant drawnAt,
        LotteryPolicy policy,
        String commitment,
        String seed,
        String inputDigest,
        List<LotteryApplicant> applications,
        List<UUID> order,
        List<ChildcareAnswer> childcareAnswers,
        List<UUID> winners,
        List<UUID> reserve,
        MonthWins monthWins) {

    /** Names the JSON layout; bump it with any change to the algorithm or the canonical input. */
    public static final String FORMAT = "ibasho-lottery-draw/2";

    /**
     * Draws made before ADR 0013 ranked by {@code HMAC(seed, id)} over another input digest: checked under /2's rules
     * they would fail for reasons that say nothing about the draw, so they are refused as FORMAT with this answer.
     */
    public static final String OLD_FORMAT = "ibasho-lottery-draw/1";

    public static final String OLD_FORMAT_ANSWER =
            "format is \"ibasho-lottery-draw/1\": a draw in the old format cannot"
                    + " be checked under ibasho-lottery-draw/2's rules (another rank key and input digest, ADR 0013); check it with"
                    + " the /1 verifier of commit 413f67cc19 (docs/lottery.md §8)";

    public PublishedDraw {
        Objects.requireNonNull(subject, "subject");
        drawnAt = Objects.requireNonNull(drawnAt, "drawnAt").truncatedTo(ChronoUnit.SECONDS);
        Objects.requireNonNull(policy, "policy");
        applications = List.copyOf(applications);
        order = List.copyOf(order);
        childcareAnswers = List.copyOf(childcareAnswers);
        winners = List.copyOf(winners);
        reserve = List.copyOf(reserve);
    }

    public PublishedDraw(
            DrawSubject subject,
            Instant drawnAt,
            LotteryPolicy policy,
            String commitment,
            String seed,
            String inputDigest,
            List<LotteryApplicant> applications,
            List<UUID> order,
            List<ChildcareAnswer> childcareAnswers,
            List<UUID> winners,
            List<UUID> reserve) {
        this(
                subject,
                drawnAt,
                policy,
                commitment,
                seed,
                inputDigest,
                applications,
                order,
                childcareAnswers,
                winners,
                reserve,
                null);
    }

    public PublishedDraw withMonthWins(MonthWins wins) {
        return new PublishedDraw(
                subject,
                drawnAt,
                policy,
                commitment,
                seed,
                inputDigest,
                applications,
                order,
                childcareAnswers,
                winners,
                reserve,
                wins);
    }

    /** What the service publishes once the allocation is complete. */
    public static PublishedDraw of(LotteryDraw draw, Instant drawnAt, DrawOutcome outcome) {
        return new PublishedDraw(
                draw.subject(),
                drawnAt,
                draw.policy(),
                draw.commitment().sha256Hex(),
                draw.seed().toHex(),
                draw.inputDigest(),
                InputDigest.sortedById(
                        draw.order().stream().map(RankedApplicant::applicant).toList()),
                draw.order().stream().map(RankedApplicant::applicationId).toList(),
                outcome.childcareAnswers(),
                outcome.winnerIds(),
                outcome.reserveIds());
    }

    public String toJson() {
        return PublishedDrawJson.write(this);
    }

    public static PublishedDraw fromJson(String json) {
        return PublishedDrawJson.read(json);
    }
}
