package io.ibasho.bench;

import io.ibasho.registration.lottery.DrawOutcome;
import io.ibasho.registration.lottery.DrawSubject;
import io.ibasho.registration.lottery.LotteryApplicant;
import io.ibasho.registration.lottery.LotteryDraw;
import io.ibasho.registration.lottery.LotteryPolicy;
import io.ibasho.registration.lottery.LotterySeed;
import io.ibasho.registration.lottery.SeedCommitment;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 15's "lottery draw of 100,000 applications with tiers (pure, JMH) < 1 s": the whole draw as the service makes
 * it (input digest, one HMAC per application, the sort, then the seats handed out in drawn order with the childcare
 * answers), on applications spread over three priority tiers, a tenth of them already winners this month, three in
 * ten asking for childcare of whom a quarter cannot get it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LotteryDrawBenchmark {
    @Param({"1000", "100000"})
    int applications;

    @Param({"100"})
    int seats;

    private DrawSubject subject;
    private LotteryPolicy policy;
    private LotterySeed seed;
    private SeedCommitment commitment;
    private List<LotteryApplicant> applicants;
    private Set<UUID> noChildcarePlace;

    @Setup
    public void applicationsClosed() {
        Random random = new Random(15); // the same applications in every run
        subject =
                new DrawSubject(new UUID(random.nextLong(), random.nextLong()), Instant.parse("2026-12-01T00:00:00Z"));
        policy = LotteryPolicy.withSeats(seats)
                .withPriorityTiers("初めての方", "市内在住の方", "その他")
                .withOneWinPerMonth(true);
        seed = LotterySeed.generate(new SecureRandom());
        commitment = SeedCommitment.of(seed);
        applicants = new ArrayList<>(applications);
        noChildcarePlace = new HashSet<>();
        for (int i = 0; i < applications; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            boolean childcare = random.nextInt(10) < 3;
            applicants.add(new LotteryApplicant(id, random.nextInt(3), random.nextInt(10) == 0, childcare));
            if (childcare && random.nextInt(4) == 0) {
                noChildcarePlace.add(id);
            }
        }
    }

    @Benchmark
    public DrawOutcome drawAndAllocate() {
        return LotteryDraw.perform(subject, policy, commitment, seed, applicants)
                .allocate(id -> !noChildcarePlace.contains(id));
    }
}
