package io.ibasho.childcarebooking.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property-style checks over many random sessions, using a fixed seed so a failure is
 * reproducible: the seed and session number are in every assertion message.
 */
class CapacityPropertyTest {

    private static final long SEED = 20240401L;
    private static final int SESSIONS = 3_000;
    private static final Instant DEADLINE = Instant.parse("2025-06-13T09:00:00Z");
    private static final Instant BEFORE_DEADLINE = DEADLINE.minusSeconds(3600);

    @Test
    void acceptingRequestsNeverLetsCarersNeededExceedCarersOrTheCap() {
        Random random = new Random(SEED);
        int accepted = 0;
        int refusedForRatio = 0;
        for (int session = 0; session < SESSIONS; session++) {
            ChildcareCapacity capacity = randomCapacity(random);
            int carers = capacity.offer().carersAvailable();
            List<ChildAge> confirmed = new ArrayList<>();

            int requests = 1 + random.nextInt(40);
            for (int request = 0; request < requests; request++) {
                List<ChildAge> siblings = randomChildren(random, 1 + random.nextInt(3));
                Assessment assessment = capacity.assess(confirmed, siblings, BEFORE_DEADLINE);
                if (assessment.accepted()) {
                    confirmed.addAll(siblings);
                    accepted++;
                } else if (assessment.outcome() == AssessmentOutcome.RATIO_EXCEEDED) {
                    refusedForRatio++;
                }
                String where = "seed " + SEED + ", session " + session + ", request " + request;
                assertThat(capacity.carersNeeded(confirmed)).as(where).isLessThanOrEqualTo(carers);
                capacity.maxChildrenPerSession()
                        .ifPresent(cap -> assertThat(confirmed).as(where).hasSizeLessThanOrEqualTo(cap));
                assertThat(confirmed)
                        .as(where)
                        .allMatch(child -> capacity.offer().acceptsAge(child));
            }
        }
        // Guard against a vacuous pass: the random sessions must exercise both sides of the rule.
        assertThat(accepted).isGreaterThan(SESSIONS);
        assertThat(refusedForRatio).isGreaterThan(SESSIONS / 10);
    }

    @Test
    void carersNeededIsTheSmallestNumberOfCarersThatCoversEveryChildsShare() {
        Random random = new Random(SEED + 1);
        for (int trial = 0; trial < SESSIONS; trial++) {
            CarerRatios ratios = randomRatios(random);
            List<ChildAge> children = randomChildren(random, random.nextInt(60));

            assertThat(ratios.carersNeeded(children))
                    .as("seed %d, trial %d, ratios %s, children %s", SEED + 1, trial, ratios, children)
                    .isEqualTo(fewestCarersByCounting(ratios, children));
        }
    }

    @Test
    void remainingPlacesAreExactlyWhatAssessWouldStillAccept() {
        Random random = new Random(SEED + 2);
        for (int session = 0; session < SESSIONS / 3; session++) {
            ChildcareCapacity capacity = randomCapacity(random);
            List<ChildAge> existing = new ArrayList<>();
            for (ChildAge child : randomChildren(random, random.nextInt(30))) {
                if (capacity.assess(existing, List.of(child), BEFORE_DEADLINE).accepted()) {
                    existing.add(child);
                }
            }
            RemainingPlaces remaining = capacity.remaining(existing, BEFORE_DEADLINE);

            for (RemainingPlaces.BandPlaces places : remaining.byBand()) {
                String where = "seed " + (SEED + 2) + ", session " + session + ", band " + places.band();
                OptionalInt acceptedAge = acceptedAgeIn(capacity.offer(), places.band());
                if (acceptedAge.isEmpty()) {
                    assertThat(places.morePlaces()).as(where).isZero();
                    continue;
                }
                ChildAge child = ChildAge.of(acceptedAge.getAsInt());
                int more = places.morePlaces();
                if (more > 0) {
                    assertThat(capacity.assess(existing, copies(child, more), BEFORE_DEADLINE)
                                    .accepted())
                            .as(where + ": " + more + " more should fit")
                            .isTrue();
                }
                assertThat(capacity.assess(existing, copies(child, more + 1), BEFORE_DEADLINE)
                                .accepted())
                        .as(where + ": " + (more + 1) + " more should not fit")
                        .isFalse();
            }
        }
    }

    /**
     * Independent oracle: the fewest whole carers c such that every child's share fits, found by
     * counting up and comparing fractions by cross-multiplication over the product of the ratios
     * (rather than their least common multiple, as the production code uses).
     */
    private static int fewestCarersByCounting(CarerRatios ratios, List<ChildAge> children) {
        BigInteger product = BigInteger.ONE;
        for (BandRatio ratio : ratios.bands()) {
            product = product.multiply(BigInteger.valueOf(ratio.childrenPerCarer()));
        }
        BigInteger shares = BigInteger.ZERO;
        for (ChildAge child : children) {
            int perCarer = ratios.ratioFor(child).childrenPerCarer();
            shares = shares.add(product.divide(BigInteger.valueOf(perCarer)));
        }
        int carers = 0;
        while (product.multiply(BigInteger.valueOf(carers)).compareTo(shares) < 0) {
            carers++;
        }
        return carers;
    }

    private static ChildcareCapacity randomCapacity(Random random) {
        int youngest = random.nextInt(6);
        int oldest = youngest + random.nextInt(ChildAge.OLDEST - youngest + 1);
        ChildcareOffer offer = ChildcareOffer.offered(youngest, oldest, random.nextInt(5), DEADLINE);
        CarerRatios ratios = random.nextBoolean() ? CarerRatios.japaneseNurseryStandard2024() : randomRatios(random);
        OptionalInt cap = random.nextInt(3) == 0 ? OptionalInt.of(1 + random.nextInt(20)) : OptionalInt.empty();
        return new ChildcareCapacity(offer, ratios, cap);
    }

    /** Random contiguous bands from 0 to 17 with ratios from 1:1 to 1:30. */
    private static CarerRatios randomRatios(Random random) {
        List<BandRatio> bands = new ArrayList<>();
        int youngest = 0;
        while (youngest <= ChildAge.OLDEST) {
            int oldest = Math.min(ChildAge.OLDEST, youngest + random.nextInt(6));
            bands.add(BandRatio.of(youngest, oldest, 1 + random.nextInt(30)));
            youngest = oldest + 1;
        }
        return new CarerRatios(bands);
    }

    /** Young children are the interesting ones for ratios, so most random children are under 6. */
    private static List<ChildAge> randomChildren(Random random, int count) {
        List<ChildAge> children = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int age = random.nextInt(4) == 0 ? random.nextInt(ChildAge.OLDEST + 1) : random.nextInt(6);
            children.add(ChildAge.of(age));
        }
        return children;
    }

    private static OptionalInt acceptedAgeIn(ChildcareOffer offer, AgeBand band) {
        int from = Math.max(band.youngest(), offer.youngestAccepted());
        int to = Math.min(band.oldest(), offer.oldestAccepted());
        return from <= to ? OptionalInt.of(from) : OptionalInt.empty();
    }

    private static List<ChildAge> copies(ChildAge child, int count) {
        return Collections.nCopies(count, child);
    }
}
