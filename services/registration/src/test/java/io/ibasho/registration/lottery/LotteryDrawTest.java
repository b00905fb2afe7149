package io.ibasho.registration.lottery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LotteryDrawTest {

    private static final LotterySeed SEED = LotterySeed.fromHex(KnownAnswer.SEED_HEX);

    // --- known answer --------------------------------------------------------------------------

    @Test
    void knownAnswerOrderMatchesTheIndependentReimplementation() {
        LotteryDraw draw = KnownAnswer.draw();

        assertThat(draw.order()).extracting(RankedApplicant::applicationId).isEqualTo(KnownAnswer.EXPECTED_ORDER);
        assertThat(draw.order()).extracting(RankedApplicant::rankGroup).isEqualTo(KnownAnswer.EXPECTED_GROUPS);
        assertThat(draw.order()).extracting(RankedApplicant::rankKeyHex).isEqualTo(KnownAnswer.EXPECTED_KEYS);
        assertThat(draw.order()).extracting(RankedApplicant::drawPosition).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void knownAnswerInputDigestAndCanonicalText() {
        assertThat(InputDigest.canonicalText(KnownAnswer.SUBJECT, KnownAnswer.POLICY, KnownAnswer.APPLICANTS))
                .isEqualTo(KnownAnswer.EXPECTED_CANONICAL_INPUT);
        assertThat(KnownAnswer.draw().inputDigest()).isEqualTo(KnownAnswer.EXPECTED_INPUT_DIGEST);
    }

    @Test
    void knownAnswerWinnersAndReserve() {
        DrawOutcome outcome = KnownAnswer.draw().allocate(KnownAnswer::childcareReserved);

        assertThat(outcome.winnerIds()).isEqualTo(KnownAnswer.EXPECTED_WINNERS);
        assertThat(outcome.reserveIds()).isEqualTo(KnownAnswer.EXPECTED_RESERVE);
        assertThat(outcome.childcareAnswers()).containsExactly(new ChildcareAnswer(KnownAnswer.A, false));
    }

    @Test
    void rankKeyIsHmacOfTheInputDigestAndTheLowerCaseIdText() {
        // Upper-case input text parses to the same UUID, and the key is computed over the lower-case form.
        UUID upper = UUID.fromString(KnownAnswer.A.toString().toUpperCase());

        assertThat(HexFormat.of()
                        .formatHex(LotteryDraw.rankKey(
                                SEED, KnownAnswer.EXPECTED_INPUT_DIGEST.toUpperCase(java.util.Locale.ROOT), upper)))
                .isEqualTo(KnownAnswer.EXPECTED_KEYS.get(0));
    }

    @Test
    void knowingTheSeedBeforeClosingDoesNotGiveTheRankBecauseEveryChangeToTheSetChangesEveryKey() {
        // an insider who can read the seed computes A's key with the applications known so far ...
        List<LotteryApplicant> soFar = KnownAnswer.APPLICANTS.subList(0, 7);
        String digestSoFar = InputDigest.of(KnownAnswer.SUBJECT, KnownAnswer.POLICY, soFar);
        // ... but one more application before the deadline changes the digest, and with it every rank key
        String finalDigest = InputDigest.of(KnownAnswer.SUBJECT, KnownAnswer.POLICY, KnownAnswer.APPLICANTS);
        assertThat(digestSoFar).isNotEqualTo(finalDigest);
        for (LotteryApplicant a : soFar) {
            assertThat(LotteryDraw.rankKey(SEED, digestSoFar, a.applicationId()))
                    .isNotEqualTo(LotteryDraw.rankKey(SEED, finalDigest, a.applicationId()));
        }
    }

    // --- determinism ---------------------------------------------------------------------------

    @Test
    void sameInputsGiveTheSameOrder() {
        List<LotteryApplicant> applicants = applicants(30, new Random(1));

        List<RankedApplicant> first =
                LotteryDraw.rank(KnownAnswer.SUBJECT, KnownAnswer.POLICY.withOneWinPerMonth(false), SEED, applicants);
        List<RankedApplicant> second = LotteryDraw.rank(
                KnownAnswer.SUBJECT, KnownAnswer.POLICY.withOneWinPerMonth(false), SEED, List.copyOf(applicants));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void orderInWhichApplicationsArrivedDoesNotMatter() {
        List<LotteryApplicant> applicants = applicants(30, new Random(2));
        List<RankedApplicant> reference = LotteryDraw.rank(KnownAnswer.SUBJECT, KnownAnswer.POLICY, SEED, applicants);
        String digest = InputDigest.of(KnownAnswer.SUBJECT, KnownAnswer.POLICY, applicants);
        Random shuffler = new Random(3);

        for (int i = 0; i < 20; i++) {
            List<LotteryApplicant> shuffled = new ArrayList<>(applicants);
            Collections.shuffle(shuffled, shuffler);

            assertThat(LotteryDraw.rank(KnownAnswer.SUBJECT, KnownAnswer.POLICY, SEED, shuffled))
                    .isEqualTo(reference);
            assertThat(InputDigest.of(KnownAnswer.SUBJECT, KnownAnswer.POLICY, shuffled))
                    .isEqualTo(digest);
        }
    }

    @Test
    void anotherSeedGivesAnotherOrder() {
        List<LotteryApplicant> applicants = applicants(20, new Random(4)).stream()
                .map(a -> LotteryApplicant.of(a.applicationId()))
                .toList();
        LotterySeed other = LotterySeed.fromHex("ff" + KnownAnswer.SEED_HEX.substring(2));

        assertThat(ids(LotteryDraw.rank(KnownAnswer.SUBJECT, LotteryPolicy.withSeats(5), other, applicants)))
                .isNotEqualTo(ids(LotteryDraw.rank(KnownAnswer.SUBJECT, LotteryPolicy.withSeats(5), SEED, applicants)));
    }

    // --- policies ------------------------------------------------------------------------------

    @Test
    void everyoneInAnEarlierTierIsRankedBeforeEveryoneInALaterTier() {
        LotteryPolicy policy = LotteryPolicy.withSeats(3).withPriorityTiers("first-time", "returning", "others");
        List<LotteryApplicant> applicants = applicants(60, new Random(5)).stream()
                .map(a -> new LotteryApplicant(a.applicationId(), a.tier() % 3, false, false))
                .toList();

        List<RankedApplicant> order = LotteryDraw.rank(KnownAnswer.SUBJECT, policy, SEED, applicants);

        assertThat(order).extracting(RankedApplicant::rankGroup).isSorted();
        assertThat(order).extracting(r -> r.applicant().tier()).isSorted();
        // within a tier, the rank key decides
        for (int i = 1; i < order.size(); i++) {
            if (order.get(i).rankGroup() == order.get(i - 1).rankGroup()) {
                assertThat(order.get(i).rankKeyHex())
                        .isGreaterThan(order.get(i - 1).rankKeyHex());
            }
        }
    }

    @Test
    void withOneWinPerMonthApplicantsWhoAlreadyWonComeAfterEveryTier() {
        LotteryPolicy policy = LotteryPolicy.withSeats(2)
                .withPriorityTiers("first-time", "others")
                .withOneWinPerMonth(true);
        List<LotteryApplicant> applicants = applicants(40, new Random(6));

        List<RankedApplicant> order = LotteryDraw.rank(KnownAnswer.SUBJECT, policy, SEED, applicants);

        int firstAlreadyWon = IntStream.range(0, order.size())
                .filter(i -> order.get(i).applicant().alreadyWonThisMonth())
                .findFirst()
                .orElseThrow();
        assertThat(order.subList(0, firstAlreadyWon))
                .noneMatch(r -> r.applicant().alreadyWonThisMonth());
        assertThat(order.subList(firstAlreadyWon, order.size()))
                .allMatch(r -> r.applicant().alreadyWonThisMonth())
                .allMatch(r -> r.rankGroup() == 2);
        // a first-time applicant who already won this month still comes after a returning one who did not
        assertThat(order.subList(firstAlreadyWon, order.size()))
                .anyMatch(r -> r.applicant().tier() == 0);
    }

    @Test
    void withOneWinPerMonthAnApplicantWhoAlreadyWonStillGetsASeatNobodyElseWants() {
        UUID alreadyWon = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        LotteryPolicy policy = LotteryPolicy.withSeats(2).withOneWinPerMonth(true);
        List<LotteryApplicant> applicants =
                List.of(new LotteryApplicant(alreadyWon, 0, true, false), LotteryApplicant.of(other));

        LotteryDraw draw = LotteryDraw.perform(KnownAnswer.SUBJECT, policy, SEED.commitment(), SEED, applicants);

        assertThat(ids(draw.order())).containsExactly(other, alreadyWon);
        assertThat(draw.allocate(id -> true).winnerIds()).containsExactly(other, alreadyWon);
    }

    @Test
    void withoutTheMonthlyLimitTheFlagIsIgnored() {
        List<LotteryApplicant> flagged = applicants(30, new Random(7));
        List<LotteryApplicant> unflagged = flagged.stream()
                .map(a -> new LotteryApplicant(a.applicationId(), a.tier(), false, a.needsChildcare()))
                .toList();
        LotteryPolicy policy = KnownAnswer.POLICY.withOneWinPerMonth(false);

        // the flag is in the input digest (so in the keys), but without the limit it puts nobody in a later group
        String digest = InputDigest.of(KnownAnswer.SUBJECT, policy, flagged);
        assertThat(ids(LotteryDraw.rank(policy, SEED, digest, flagged)))
                .isEqualTo(ids(LotteryDraw.rank(policy, SEED, digest, unflagged)));
    }

    @Test
    void aTierThePolicyDoesNotHaveIsRefused() {
        List<LotteryApplicant> applicants = List.of(new LotteryApplicant(UUID.randomUUID(), 1, false, false));

        assertThatThrownBy(() -> LotteryDraw.rank(KnownAnswer.SUBJECT, LotteryPolicy.withSeats(1), SEED, applicants))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tier");
    }

    @Test
    void anApplicationEnteredTwiceIsRefused() {
        UUID id = UUID.randomUUID();
        List<LotteryApplicant> applicants = List.of(LotteryApplicant.of(id), new LotteryApplicant(id, 0, false, true));

        assertThatThrownBy(() -> LotteryDraw.rank(KnownAnswer.SUBJECT, LotteryPolicy.withSeats(1), SEED, applicants))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void noApplicantsGiveAnEmptyOrder() {
        LotteryDraw draw = LotteryDraw.perform(
                KnownAnswer.SUBJECT, LotteryPolicy.withSeats(10), SEED.commitment(), SEED, List.of());

        assertThat(draw.order()).isEmpty();
        assertThat(draw.allocate(id -> true).winners()).isEmpty();
        assertThat(draw.allocate(id -> true).reserve()).isEmpty();
    }

    @Test
    void invalidPoliciesAreRefused() {
        assertThatThrownBy(() -> LotteryPolicy.withSeats(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LotteryPolicy.withSeats(3).withConfirmationWithinHours(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LotteryPolicy(3, List.of(), false, true, false, 24))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LotteryPolicy.withSeats(3).childcareRequiredToWin())
                .as("default")
                .isTrue();
        assertThat(LotteryPolicy.withSeats(3).withConfirmationWithinHours(48).confirmationHours())
                .isEqualTo(48);
    }

    // --- input digest --------------------------------------------------------------------------

    @Test
    void inputDigestChangesWhenAnyApplicationOrRuleChanges() {
        String original = InputDigest.of(KnownAnswer.SUBJECT, KnownAnswer.POLICY, KnownAnswer.APPLICANTS);
        List<LotteryApplicant> retiered = new ArrayList<>(KnownAnswer.APPLICANTS);
        LotteryApplicant first = retiered.get(0);
        retiered.set(
                0, new LotteryApplicant(first.applicationId(), 1, first.alreadyWonThisMonth(), first.needsChildcare()));
        List<LotteryApplicant> childcareDropped = new ArrayList<>(KnownAnswer.APPLICANTS);
        childcareDropped.set(
                0, new LotteryApplicant(first.applicationId(), first.tier(), first.alreadyWonThisMonth(), false));

        assertThat(List.of(
                        InputDigest.of(KnownAnswer.SUBJECT, KnownAnswer.POLICY, retiered),
                        InputDigest.of(KnownAnswer.SUBJECT, KnownAnswer.POLICY, childcareDropped),
                        InputDigest.of(KnownAnswer.SUBJECT, KnownAnswer.POLICY, KnownAnswer.APPLICANTS.subList(1, 8)),
                        InputDigest.of(
                                KnownAnswer.SUBJECT,
                                LotteryPolicy.withSeats(4)
                                        .withPriorityTiers("a", "b")
                                        .withOneWinPerMonth(true),
                                KnownAnswer.APPLICANTS),
                        InputDigest.of(
                                KnownAnswer.SUBJECT,
                                KnownAnswer.POLICY.withOneWinPerMonth(false),
                                KnownAnswer.APPLICANTS),
                        InputDigest.of(
                                KnownAnswer.SUBJECT,
                                KnownAnswer.POLICY.withChildcareRequiredToWin(false),
                                KnownAnswer.APPLICANTS)))
                .doesNotContain(original)
                .doesNotHaveDuplicates();
    }

    // --- tie-break -----------------------------------------------------------------------------

    @Test
    void equalKeysAreBrokenByTheIdTextNotByJavasSignedUuidComparison() {
        // UUID.compareTo treats the first half as a signed long, so 8… sorts before 1… there.
        UUID high = UUID.fromString("80000000-0000-4000-8000-000000000000");
        UUID low = UUID.fromString("10000000-0000-4000-8000-000000000000");
        assertThat(high.compareTo(low)).isNegative();
        byte[] sameKey = new byte[32];

        List<LotteryDraw.Entry> entries = new ArrayList<>(List.of(
                new LotteryDraw.Entry(LotteryApplicant.of(high), 0, sameKey),
                new LotteryDraw.Entry(LotteryApplicant.of(low), 0, sameKey)));
        entries.sort(LotteryDraw.Entry.DRAW_ORDER);

        assertThat(entries).extracting(e -> e.applicant().applicationId()).containsExactly(low, high);
    }

    @Test
    void keysCompareAsUnsignedNumbers() {
        byte[] small = new byte[32];
        small[0] = 0x7f;
        byte[] large = new byte[32];
        large[0] = (byte) 0x80; // negative as a Java byte
        List<LotteryDraw.Entry> entries = new ArrayList<>(List.of(
                new LotteryDraw.Entry(LotteryApplicant.of(UUID.randomUUID()), 0, large),
                new LotteryDraw.Entry(LotteryApplicant.of(UUID.randomUUID()), 0, small)));
        entries.sort(LotteryDraw.Entry.DRAW_ORDER);

        assertThat(entries).extracting(LotteryDraw.Entry::key).containsExactly(small, large);
    }

    // --- preview -------------------------------------------------------------------------------

    @Test
    void previewIsMarkedAsNotTheRealDrawAndFollowsThePolicy() {
        DrawPreview preview = LotteryDraw.preview(KnownAnswer.POLICY, KnownAnswer.APPLICANTS, id -> true);

        assertThat(preview.isRealDraw()).isFalse();
        assertThat(preview.notice()).contains("本番の抽選ではありません").contains("not the real draw");
        assertThat(preview.toString()).startsWith(DrawPreview.NOTICE);
        assertThat(preview.provisionalOrder())
                .extracting(RankedApplicant::rankGroup)
                .isSorted();
        assertThat(preview.provisionalOrder())
                .extracting(RankedApplicant::applicationId)
                .containsExactlyInAnyOrderElementsOf(KnownAnswer.EXPECTED_ORDER);
        assertThat(preview.provisionalOutcome().winners()).hasSize(3);
    }

    @Test
    void previewUsesAThrowawaySeedNotTheRealOne() {
        // 8! orders: the previews coinciding with the real draw every time would mean the real seed leaked in.
        long sameAsReal = IntStream.range(0, 5)
                .mapToObj(i ->
                        LotteryDraw.preview(LotteryPolicy.withSeats(3), single(KnownAnswer.APPLICANTS), id -> true))
                .filter(p -> ids(p.provisionalOrder())
                        .equals(ids(LotteryDraw.rank(
                                KnownAnswer.SUBJECT,
                                LotteryPolicy.withSeats(3),
                                SEED,
                                single(KnownAnswer.APPLICANTS)))))
                .count();

        assertThat(sameAsReal).isLessThan(5);
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Random applicants in tiers 0 and 1, deterministic for a given {@code random}. */
    static List<LotteryApplicant> applicants(int n, Random random) {
        List<LotteryApplicant> applicants = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            applicants.add(new LotteryApplicant(id, random.nextInt(2), random.nextInt(4) == 0, random.nextInt(3) == 0));
        }
        return applicants;
    }

    private static List<LotteryApplicant> single(List<LotteryApplicant> applicants) {
        return applicants.stream()
                .map(a -> LotteryApplicant.of(a.applicationId()))
                .toList();
    }

    static List<UUID> ids(List<RankedApplicant> order) {
        return order.stream().map(RankedApplicant::applicationId).toList();
    }
}
