package io.ibasho.registration.lottery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every applicant in a tier must be equally likely to land in every position. Checked with a
 * chi-square goodness-of-fit test over many seeds. The seeds come from a fixed sequence so the test
 * gives the same verdict on every run; a real bias would fail it for any fixed sequence.
 */
class LotteryFairnessTest {

    private static final int APPLICANTS = 8;
    private static final int DRAWS = 4000;

    /** Chi-square critical values at p = 0.001 (upper tail), from the tables / scipy.stats.chi2.ppf(0.999, df). */
    private static final double CRITICAL_7_DF = 24.322;

    private static final double CRITICAL_49_DF = 85.351;

    /** counts[applicant][position] over all draws. */
    private static long[][] counts;

    @BeforeAll
    static void drawManyTimes() {
        SplittableRandom seeds = new SplittableRandom(20240611L);
        List<LotteryApplicant> applicants = new ArrayList<>();
        for (int i = 0; i < APPLICANTS; i++) {
            applicants.add(LotteryApplicant.of(new UUID(seeds.nextLong(), seeds.nextLong())));
        }
        LotteryPolicy policy = LotteryPolicy.withSeats(3);
        counts = new long[APPLICANTS][APPLICANTS];
        for (int d = 0; d < DRAWS; d++) {
            byte[] seed = new byte[LotterySeed.LENGTH_BYTES];
            seeds.nextBytes(seed);
            List<RankedApplicant> order =
                    LotteryDraw.rank(KnownAnswer.SUBJECT, policy, LotterySeed.fromHex(Hex.of(seed)), applicants);
            for (RankedApplicant r : order) {
                counts[applicants.indexOf(r.applicant())][r.drawPosition() - 1]++;
            }
        }
    }

    @Test
    void eachApplicantIsEquallyLikelyToGetEachPosition() {
        double expected = (double) DRAWS / APPLICANTS;
        for (int a = 0; a < APPLICANTS; a++) {
            double chiSquare = 0;
            for (int p = 0; p < APPLICANTS; p++) {
                chiSquare += square(counts[a][p] - expected) / expected;
            }
            // 8 positions, counts sum to DRAWS: 7 degrees of freedom
            assertThat(chiSquare)
                    .as("applicant %d, counts per position %s", a, java.util.Arrays.toString(counts[a]))
                    .isLessThan(CRITICAL_7_DF);
        }
    }

    @Test
    void eachPositionIsEquallyLikelyToGoToEachApplicant() {
        double expected = (double) DRAWS / APPLICANTS;
        for (int p = 0; p < APPLICANTS; p++) {
            double chiSquare = 0;
            for (int a = 0; a < APPLICANTS; a++) {
                chiSquare += square(counts[a][p] - expected) / expected;
            }
            assertThat(chiSquare).as("position %d", p + 1).isLessThan(CRITICAL_7_DF);
        }
    }

    @Test
    void theWholeApplicantByPositionTableIsUniform() {
        // every row and every column sums to DRAWS: (8 - 1) * (8 - 1) = 49 degrees of freedom
        assertThat(tableChiSquare(counts)).isLessThan(CRITICAL_49_DF);
    }

    @Test
    void theTestCatchesAKnownBias() {
        // Negative control: the classic naive shuffle (swap each place with any place) is biased.
        // If this stopped failing the threshold, the fairness tests above would prove nothing.
        SplittableRandom random = new SplittableRandom(20240611L);
        long[][] naive = new long[APPLICANTS][APPLICANTS];
        for (int d = 0; d < DRAWS; d++) {
            int[] places = java.util.stream.IntStream.range(0, APPLICANTS).toArray();
            for (int i = 0; i < APPLICANTS; i++) {
                int j = random.nextInt(APPLICANTS);
                int swap = places[i];
                places[i] = places[j];
                places[j] = swap;
            }
            for (int position = 0; position < APPLICANTS; position++) {
                naive[places[position]][position]++;
            }
        }

        assertThat(tableChiSquare(naive)).isGreaterThan(CRITICAL_49_DF);
    }

    private static double tableChiSquare(long[][] table) {
        double expected = (double) DRAWS / APPLICANTS;
        double chiSquare = 0;
        for (long[] row : table) {
            for (long count : row) {
                chiSquare += square(count - expected) / expected;
            }
        }
        return chiSquare;
    }

    @Test
    void everyDrawIsAPermutation() {
        for (int i = 0; i < APPLICANTS; i++) {
            final int column = i;
            assertThat(java.util.Arrays.stream(counts[i]).sum())
                    .as("applicant %d", i)
                    .isEqualTo(DRAWS);
            assertThat(java.util.Arrays.stream(counts)
                            .mapToLong(row -> row[column])
                            .sum())
                    .as("position %d", i + 1)
                    .isEqualTo(DRAWS);
        }
    }

    private static double square(double x) {
        return x * x;
    }
}
