package io.ibasho.registration.lottery;

import io.ibasho.registration.lottery.VerificationResult.Check;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Recomputes a published draw from scratch and compares it with what was published.
 *
 * <p>Anyone can run it with only a JDK, from a checkout of the source:
 * <pre>
 *   java services/registration/src/main/java/io/ibasho/registration/lottery/LotteryVerifier.java draw.json
 * </pre>
 * (JDK 22 or newer; with JDK 21 compile the package with javac first, see docs/lottery.md).
 * Exit status 0 = OK, 1 = mismatch, 2 = the file could not be read.
 */
public final class LotteryVerifier {

    private LotteryVerifier() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command line without {@link System#exit}, so it can be tested. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean explain = args.length == 2 && args[0].equals("--explain");
        if (args.length != 1 && !explain) {
            err.println("usage: LotteryVerifier [--explain] <published-draw.json>");
            return 2;
        }
        Path file = Path.of(args[args.length - 1]);
        PublishedDraw draw;
        try {
            draw = PublishedDraw.fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            out.println("MISMATCH (" + Check.FORMAT + "): " + e.getMessage());
            return 1;
        }
        VerificationResult result = verify(draw);
        if (explain && result.ok()) {
            explain(draw, out);
        }
        out.println(result);
        return result.ok() ? 0 : 1;
    }

    public static VerificationResult verify(PublishedDraw published) {
        LotterySeed seed;
        SeedCommitment commitment;
        try {
            seed = LotterySeed.fromHex(published.seed());
            commitment = new SeedCommitment(published.commitment());
        } catch (IllegalArgumentException | NullPointerException e) {
            return VerificationResult.mismatch(Check.FORMAT, e.getMessage());
        }
        if (!commitment.isOpenedBy(seed)) {
            return VerificationResult.mismatch(
                    Check.COMMITMENT,
                    "SHA-256 of the published seed is " + seed.commitment().sha256Hex() + " but the commitment is "
                            + commitment.sha256Hex());
        }

        if (published.drawnAt().isBefore(published.subject().applicationsClosedAt())) {
            return VerificationResult.mismatch(
                    Check.DRAWN_AT,
                    "drawn at " + published.drawnAt() + ", before applications closed at "
                            + published.subject().applicationsClosedAt());
        }
        String digest;
        List<RankedApplicant> order;
        try {
            digest = InputDigest.of(published.subject(), published.policy(), published.applications());
            order = LotteryDraw.rank(published.policy(), seed, digest, published.applications());
        } catch (IllegalArgumentException e) {
            return VerificationResult.mismatch(Check.FORMAT, e.getMessage());
        }
        String claimedDigest =
                published.inputDigest() == null ? "" : published.inputDigest().toLowerCase(Locale.ROOT);
        if (!digest.equals(claimedDigest)) {
            return VerificationResult.mismatch(
                    Check.INPUT_DIGEST,
                    "the published input digest is " + published.inputDigest()
                            + " but the session, closing time, policy and applications give " + digest);
        }
        if (published.monthWins() != null) {
            var contradicted = published.monthWins().contradicted(published.applications());
            if (contradicted.isPresent()) {
                return VerificationResult.mismatch(
                        Check.MONTH_FLAGS,
                        "application " + contradicted.get().canonicalId() + " is published with alreadyWonThisMonth "
                                + contradicted.get().alreadyWonThisMonth()
                                + " but its monthWins token is "
                                + (contradicted.get().alreadyWonThisMonth() ? "not " : "")
                                + "among the holders");
            }
        }

        List<UUID> recomputed =
                order.stream().map(RankedApplicant::applicationId).toList();
        Optional<String> orderMismatch = firstDifference("drawn order", published.order(), recomputed);
        if (orderMismatch.isPresent()) {
            return VerificationResult.mismatch(Check.ORDER, orderMismatch.get());
        }

        Map<UUID, Boolean> answers = new HashMap<>();
        for (ChildcareAnswer a : published.childcareAnswers()) {
            if (answers.put(a.applicationId(), a.reserved()) != null) {
                return VerificationResult.mismatch(
                        Check.CHILDCARE_ANSWERS, "two childcare answers are published for " + a.applicationId());
            }
        }
        SeatAllocation allocation = SeatAllocation.start(order, published.policy());
        Set<UUID> asked = new HashSet<>();
        for (Optional<RankedApplicant> next = allocation.nextDecisionNeeded();
                next.isPresent();
                next = allocation.nextDecisionNeeded()) {
            RankedApplicant applicant = next.get();
            Boolean reserved = answers.get(applicant.applicationId());
            if (reserved == null) {
                return VerificationResult.mismatch(
                        Check.CHILDCARE_ANSWERS,
                        "application "
                                + applicant.applicationId() + " (drawn position " + applicant.drawPosition()
                                + ") needed a childcare answer, but none is published");
            }
            asked.add(applicant.applicationId());
            allocation.recordChildcare(applicant.applicationId(), reserved);
        }
        for (ChildcareAnswer a : published.childcareAnswers()) {
            if (!asked.contains(a.applicationId())) {
                return VerificationResult.mismatch(
                        Check.CHILDCARE_ANSWERS,
                        "a childcare answer is published for " + a.applicationId()
                                + ", but the allocation never needed to ask about it");
            }
        }
        DrawOutcome outcome = allocation.outcome();
        Optional<String> winnersMismatch = firstDifference("winners", published.winners(), outcome.winnerIds());
        if (winnersMismatch.isPresent()) {
            return VerificationResult.mismatch(Check.WINNERS, winnersMismatch.get());
        }
        Optional<String> reserveMismatch = firstDifference("reserve list", published.reserve(), outcome.reserveIds());
        if (reserveMismatch.isPresent()) {
            return VerificationResult.mismatch(Check.RESERVE, reserveMismatch.get());
        }
        return VerificationResult.passed("the seed matches the commitment; " + order.size() + " applications; "
                + "the drawn order, the " + outcome.winners().size() + " winners and the reserve list of "
                + outcome.reserve().size() + " were recomputed and match");
    }

    private static Optional<String> firstDifference(String what, List<UUID> published, List<UUID> recomputed) {
        for (int i = 0; i < Math.max(published.size(), recomputed.size()); i++) {
            String claimed = i < published.size() ? published.get(i).toString() : "(nothing)";
            String actual = i < recomputed.size() ? recomputed.get(i).toString() : "(nothing)";
            if (!claimed.equals(actual)) {
                return Optional.of(
                        what + ", position " + (i + 1) + ": published " + claimed + ", recomputed " + actual);
            }
        }
        return Optional.empty();
    }

    /** The recomputed order line by line, so an applicant can find her own id and rank key. */
    private static void explain(PublishedDraw draw, PrintStream out) {
        LotterySeed seed = LotterySeed.fromHex(draw.seed());
        List<RankedApplicant> order = LotteryDraw.rank(draw.subject(), draw.policy(), seed, draw.applications());
        Set<UUID> winners = new HashSet<>(draw.winners());
        List<UUID> reserve = new ArrayList<>(draw.reserve());
        out.printf(
                Locale.ROOT,
                "%3s  %5s  %-64s  %-36s  %s%n",
                "pos",
                "group",
                "rank key (HMAC-SHA256, hex)",
                "application id",
                "result");
        for (RankedApplicant r : order) {
            String result =
                    winners.contains(r.applicationId()) ? "won" : "reserve " + (reserve.indexOf(r.applicationId()) + 1);
            out.printf(
                    Locale.ROOT,
                    "%3d  %5d  %s  %s  %s%n",
                    r.drawPosition(),
                    r.rankGroup(),
                    r.rankKeyHex(),
                    r.applicationId(),
                    result);
        }
    }
}
