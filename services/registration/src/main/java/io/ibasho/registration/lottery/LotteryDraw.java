package io.ibasho.registration.lottery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The drawn order of one session: a pure function of the seed, the applications and the policy.
 *
 * <p>The order is: rank group ascending (tier, or after every tier for applicants who already won
 * this month under the one-win-per-month rule), then HMAC-SHA256(key = the 32 seed bytes,
 * message = UTF-8 of "inputDigest:id", the id in lower case) as an unsigned big-endian number ascending,
 * then the id text ascending. docs/lottery.md specifies it byte for byte; keep both in step.
 *
 * <p>Why the input digest is in the key: the seed exists from the opening on, and whoever can read it
 * (an operator, a careless backup) could otherwise compute an application's rank the moment its id is
 * made, then cancel and re-apply until an id ranks well. With the digest of the final set of
 * applications in every key, any change by anyone (one more application, one cancellation) changes every
 * rank, so nothing about the order is known until applications close.
 *
 * @param subject     the session and its closing
 * @param policy      the rules that applied
 * @param commitment  the commitment published when applications opened
 * @param seed        the revealed seed
 * @param inputDigest {@link InputDigest} of policy and applications
 * @param order       every applicant, in drawn order
 */
public record LotteryDraw(
        DrawSubject subject,
        LotteryPolicy policy,
        SeedCommitment commitment,
        LotterySeed seed,
        String inputDigest,
        List<RankedApplicant> order) {

    public LotteryDraw {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(commitment, "commitment");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(inputDigest, "inputDigest");
        // A draw with any other seed could not be verified by anyone, so it must not exist at all.
        if (!commitment.isOpenedBy(seed)) {
            throw new IllegalArgumentException("the seed does not match the published commitment");
        }
        order = List.copyOf(order);
    }

    /** Draws the order; refuses a seed that does not open the commitment published at opening. */
    public static LotteryDraw perform(
            DrawSubject subject,
            LotteryPolicy policy,
            SeedCommitment commitment,
            LotterySeed seed,
            Collection<LotteryApplicant> applicants) {
        String digest = InputDigest.of(subject, policy, applicants);
        return new LotteryDraw(subject, policy, commitment, seed, digest, rank(policy, seed, digest, applicants));
    }

    /** The drawn order alone, with the input digest computed here. */
    public static List<RankedApplicant> rank(
            DrawSubject subject, LotteryPolicy policy, LotterySeed seed, Collection<LotteryApplicant> applicants) {
        return rank(policy, seed, InputDigest.of(subject, policy, applicants), applicants);
    }

    /** The drawn order alone; the same for the same inputs whatever order they are given in. */
    public static List<RankedApplicant> rank(
            LotteryPolicy policy, LotterySeed seed, String inputDigest, Collection<LotteryApplicant> applicants) {
        List<Entry> entries = new ArrayList<>(applicants.size());
        // one keyed MAC for the whole draw (doFinal resets it): looking one up per application was most of the time
        Mac mac = keyedWith(seed);
        String digest = inputDigest.toLowerCase(java.util.Locale.ROOT);
        for (LotteryApplicant a : InputDigest.sortedById(applicants)) {
            entries.add(new Entry(a, policy.rankGroup(a), rankKey(mac, digest, a.applicationId())));
        }
        entries.sort(Entry.DRAW_ORDER);
        List<RankedApplicant> ranked = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            ranked.add(new RankedApplicant(ranked.size() + 1, e.applicant, e.group, Hex.of(e.key)));
        }
        return List.copyOf(ranked);
    }

    /**
     * HMAC-SHA256 with the raw seed bytes as key over the UTF-8 bytes of the input digest (64 lower-case hex), a colon
     * and the lower-case id text.
     */
    public static byte[] rankKey(LotterySeed seed, String inputDigest, UUID applicationId) {
        return rankKey(keyedWith(seed), inputDigest.toLowerCase(java.util.Locale.ROOT), applicationId);
    }

    private static byte[] rankKey(Mac keyed, String lowerCaseDigest, UUID applicationId) {
        return keyed.doFinal((lowerCaseDigest + ":" + applicationId).getBytes(StandardCharsets.UTF_8));
    }

    private static Mac keyedWith(LotterySeed seed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(seed.bytes(), "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime must provide HmacSHA256", e);
        }
    }

    /** Starts handing out seats in drawn order; see {@link SeatAllocation} for the childcare questions. */
    public SeatAllocation startAllocation() {
        return SeatAllocation.start(order, policy);
    }

    /** Allocates in one go when every childcare answer is already known (tests, dry runs). */
    public DrawOutcome allocate(Predicate<UUID> childcareReserved) {
        return SeatAllocation.allocate(order, policy, childcareReserved);
    }

    /**
     * A rehearsal before applications close, with a throwaway seed that is never stored. It shows
     * organisers how tiers and rules play out; it says nothing about who will win, and it cannot leak the
     * real seed because it never sees it.
     */
    public static DrawPreview preview(
            LotteryPolicy policy, Collection<LotteryApplicant> applicants, Predicate<UUID> childcareAssumed) {
        return preview(policy, applicants, childcareAssumed, new SecureRandom());
    }

    static DrawPreview preview(
            LotteryPolicy policy,
            Collection<LotteryApplicant> applicants,
            Predicate<UUID> childcareAssumed,
            SecureRandom throwaway) {
        // a throwaway digest too: the preview must not hint at the real keys
        List<RankedApplicant> order = rank(
                policy,
                LotterySeed.generate(throwaway),
                LotterySeed.generate(throwaway).toHex(),
                applicants);
        return new DrawPreview(order, SeatAllocation.allocate(order, policy, childcareAssumed));
    }

    /** One applicant while sorting; the key bytes are compared unsigned, as a big-endian number. */
    record Entry(LotteryApplicant applicant, int group, byte[] key) {

        static final Comparator<Entry> DRAW_ORDER = Comparator.comparingInt(Entry::group)
                .thenComparing(Entry::key, Arrays::compareUnsigned)
                .thenComparing(e -> e.applicant.canonicalId());
    }
}
