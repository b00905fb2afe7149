package io.ibasho.registration.lottery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ibasho.registration.lottery.VerificationResult.Check;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LotteryVerifierTest {

    @TempDir
    Path dir;

    private static PublishedDraw published() {
        LotteryDraw draw = KnownAnswer.draw();
        return PublishedDraw.of(draw, KnownAnswer.DRAWN_AT, draw.allocate(KnownAnswer::childcareReserved));
    }

    @Test
    void anHonestDrawVerifies() {
        VerificationResult result = LotteryVerifier.verify(published());

        assertThat(result.ok()).as(result.toString()).isTrue();
        assertThat(result.failed()).isEmpty();
        assertThat(result.toString()).startsWith("OK");
    }

    @Test
    void aFreshlyGeneratedDrawVerifiesAfterAJsonRoundTrip() {
        LotterySeed seed = LotterySeed.generate();
        SeedCommitment commitment = seed.commitment(); // published when applications open
        List<LotteryApplicant> applicants = LotteryDrawTest.applicants(25, new java.util.Random(9));
        LotteryPolicy policy =
                LotteryPolicy.withSeats(10).withPriorityTiers("初めての方", "その他").withOneWinPerMonth(true);
        LotteryDraw draw = LotteryDraw.perform(KnownAnswer.SUBJECT, policy, commitment, seed, applicants);
        DrawOutcome outcome = draw.allocate(id -> id.getLeastSignificantBits() % 2 == 0);

        String json = PublishedDraw.of(draw, KnownAnswer.DRAWN_AT, outcome).toJson();
        PublishedDraw read = PublishedDraw.fromJson(json);

        assertThat(read).isEqualTo(PublishedDraw.of(draw, KnownAnswer.DRAWN_AT, outcome));
        assertThat(LotteryVerifier.verify(read).ok()).isTrue();
    }

    @Test
    void aTamperedOrderIsFoundAtTheFirstWrongPosition() {
        PublishedDraw honest = published();
        List<UUID> order = new ArrayList<>(honest.order());
        Collections.swap(order, 2, 3);

        VerificationResult result = LotteryVerifier.verify(with(honest, order, honest.winners(), honest.reserve()));

        assertThat(result.failedCheck()).isEqualTo(Check.ORDER);
        assertThat(result.message()).contains("position 3").contains(KnownAnswer.G.toString());
    }

    @Test
    void aTruncatedOrderIsFound() {
        PublishedDraw honest = published();

        VerificationResult result =
                LotteryVerifier.verify(with(honest, honest.order().subList(0, 7), honest.winners(), honest.reserve()));

        assertThat(result.failedCheck()).isEqualTo(Check.ORDER);
        assertThat(result.message()).contains("position 8").contains("(nothing)");
    }

    @Test
    void aSeedThatDoesNotOpenTheCommitmentIsFound() {
        PublishedDraw honest = published();
        String otherSeed = LotterySeed.generate().toHex();

        VerificationResult result = LotteryVerifier.verify(new PublishedDraw(
                honest.subject(),
                honest.drawnAt(),
                honest.policy(),
                honest.commitment(),
                otherSeed,
                honest.inputDigest(),
                honest.applications(),
                honest.order(),
                honest.childcareAnswers(),
                honest.winners(),
                honest.reserve()));

        assertThat(result.failedCheck()).isEqualTo(Check.COMMITMENT);
    }

    @Test
    void aSwappedSeedAndCommitmentStillGivesAnotherOrder() {
        // Someone who replaces both cannot reproduce the published order; and the commitment published
        // when applications opened (kept by applicants) would not match either.
        PublishedDraw honest = published();
        LotterySeed other = LotterySeed.generate();

        VerificationResult result = LotteryVerifier.verify(new PublishedDraw(
                honest.subject(),
                honest.drawnAt(),
                honest.policy(),
                other.commitment().sha256Hex(),
                other.toHex(),
                honest.inputDigest(),
                honest.applications(),
                honest.order(),
                honest.childcareAnswers(),
                honest.winners(),
                honest.reserve()));

        assertThat(result.failedCheck()).isEqualTo(Check.ORDER);
    }

    @Test
    void aChangedTierIsFoundByTheInputDigest() {
        PublishedDraw honest = published();
        List<LotteryApplicant> applications = new ArrayList<>(honest.applications());
        LotteryApplicant last = applications.get(7);
        applications.set(7, new LotteryApplicant(last.applicationId(), 0, false, last.needsChildcare()));

        VerificationResult result = LotteryVerifier.verify(new PublishedDraw(
                honest.subject(),
                honest.drawnAt(),
                honest.policy(),
                honest.commitment(),
                honest.seed(),
                honest.inputDigest(),
                applications,
                honest.order(),
                honest.childcareAnswers(),
                honest.winners(),
                honest.reserve()));

        assertThat(result.failedCheck()).isEqualTo(Check.INPUT_DIGEST);
    }

    @Test
    void tamperedWinnersOrReserveAreFound() {
        PublishedDraw honest = published();
        List<UUID> winners = List.of(KnownAnswer.G, KnownAnswer.B, KnownAnswer.A);
        List<UUID> reserve = List.of(KnownAnswer.D, KnownAnswer.A, KnownAnswer.C, KnownAnswer.H, KnownAnswer.E);

        assertThat(LotteryVerifier.verify(with(honest, honest.order(), winners, honest.reserve()))
                        .failedCheck())
                .isEqualTo(Check.WINNERS);
        assertThat(LotteryVerifier.verify(with(honest, honest.order(), honest.winners(), reserve))
                        .failedCheck())
                .isEqualTo(Check.RESERVE);
    }

    @Test
    void childcareAnswersMustBeExactlyTheOnesTheAllocationNeeded() {
        PublishedDraw honest = published();

        VerificationResult missing = LotteryVerifier.verify(withAnswers(honest, List.of()));
        VerificationResult extra = LotteryVerifier.verify(withAnswers(
                honest, List.of(new ChildcareAnswer(KnownAnswer.A, false), new ChildcareAnswer(KnownAnswer.D, true))));
        VerificationResult flipped =
                LotteryVerifier.verify(withAnswers(honest, List.of(new ChildcareAnswer(KnownAnswer.A, true))));

        assertThat(missing.failedCheck()).isEqualTo(Check.CHILDCARE_ANSWERS);
        assertThat(missing.message()).contains(KnownAnswer.A.toString()).contains("position 1");
        assertThat(extra.failedCheck()).isEqualTo(Check.CHILDCARE_ANSWERS);
        assertThat(flipped.failedCheck()).as("with childcare, A would have won").isEqualTo(Check.WINNERS);
    }

    @Test
    void aMalformedSeedIsAFormatFinding() {
        PublishedDraw honest = published();

        VerificationResult result = LotteryVerifier.verify(new PublishedDraw(
                honest.subject(),
                honest.drawnAt(),
                honest.policy(),
                honest.commitment(),
                "not a seed",
                honest.inputDigest(),
                honest.applications(),
                honest.order(),
                honest.childcareAnswers(),
                honest.winners(),
                honest.reserve()));

        assertThat(result.failedCheck()).isEqualTo(Check.FORMAT);
    }

    /** Finding 4 of the reviewer: a /1 file is refused with an answer that says why, not as if it were broken. */
    @Test
    void aDrawInTheOldFormatIsRefusedWithTheReasonAndWhereToCheckIt() throws IOException {
        String old = published().toJson().replace("ibasho-lottery-draw/2", "ibasho-lottery-draw/1");

        Run run = run(write(old).toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out)
                .startsWith("MISMATCH (FORMAT): format is \"ibasho-lottery-draw/1\"")
                .contains("cannot be checked under ibasho-lottery-draw/2's rules")
                .contains("ADR 0013")
                .contains("commit 413f67cc19");
    }

    // --- command line --------------------------------------------------------------------------

    @Test
    void commandLinePrintsOkForAnHonestFile() throws IOException {
        Path file = write(published().toJson());

        Run run = run(file.toString());

        assertThat(run.status).isZero();
        assertThat(run.out).startsWith("OK");
    }

    @Test
    void commandLineExplainsTheRecomputedOrder() throws IOException {
        Run run = run("--explain", write(published().toJson()).toString());

        assertThat(run.status).isZero();
        assertThat(run.out)
                .contains("  1      0  " + KnownAnswer.EXPECTED_KEYS.get(0) + "  " + KnownAnswer.A + "  reserve 1");
        assertThat(run.out).contains(KnownAnswer.B + "  won");
    }

    @Test
    void commandLinePrintsTheFirstMismatchForATamperedFile() throws IOException {
        PublishedDraw honest = published();
        List<UUID> order = new ArrayList<>(honest.order());
        order.remove(KnownAnswer.F);
        order.addFirst(KnownAnswer.F); // as if F had been moved to the top of the list

        Run run = run(
                write(with(honest, order, honest.winners(), honest.reserve()).toJson())
                        .toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out)
                .startsWith("MISMATCH (ORDER): drawn order, position 1: published " + KnownAnswer.F + ", recomputed "
                        + KnownAnswer.A);
    }

    @Test
    void commandLineReportsUnreadableFiles() throws IOException {
        assertThat(run(dir.resolve("missing.json").toString()).status).isEqualTo(2);
        assertThat(run().status).isEqualTo(2);

        Run malformed = run(write("{\"format\": \"ibasho-lottery-draw/1\",}").toString());
        assertThat(malformed.status).isEqualTo(1);
        assertThat(malformed.out).startsWith("MISMATCH (FORMAT)");
    }

    @Test
    void theExampleInTheDocsVerifies() throws IOException {
        Path example = docs().resolve("lottery-known-answer.json");

        Run run = run(example.toString());
        PublishedDraw draw = PublishedDraw.fromJson(Files.readString(example));

        assertThat(run.out).startsWith("OK");
        assertThat(draw.order()).isEqualTo(KnownAnswer.EXPECTED_ORDER);
        assertThat(draw).isEqualTo(published());
    }

    // --- JSON strictness -----------------------------------------------------------------------

    @Test
    void jsonThatCouldReadTwoWaysIsRefused() {
        String json = published().toJson();

        assertThatThrownBy(() -> PublishedDraw.fromJson(json.replaceFirst("\\{", "{\"seed\": \"00\",")))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> PublishedDraw.fromJson(json.replaceFirst(
                        "\"format\": \"ibasho-lottery-draw/2\"", "\"format\": \"ibasho-lottery-draw/1\"")))
                .hasMessageContaining("format");
        assertThatThrownBy(() -> PublishedDraw.fromJson(json.replace(KnownAnswer.A.toString(), "1-2-3-4-5")))
                .hasMessageContaining("1-2-3-4-5");
        assertThatThrownBy(() -> PublishedDraw.fromJson(json + "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonWithByteOrderMarkAndEscapesIsRead() {
        String json = "\uFEFF" + published().toJson().replace("初めての方", "\\u521d\\u3081\\u3066\\u306e\\u65b9");

        assertThat(PublishedDraw.fromJson(json)).isEqualTo(published());
    }

    // --- helpers -------------------------------------------------------------------------------

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LotteryVerifier.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("draw-" + System.nanoTime() + ".json"), json);
    }

    private static PublishedDraw with(PublishedDraw d, List<UUID> order, List<UUID> winners, List<UUID> reserve) {
        return new PublishedDraw(
                d.subject(),
                d.drawnAt(),
                d.policy(),
                d.commitment(),
                d.seed(),
                d.inputDigest(),
                d.applications(),
                order,
                d.childcareAnswers(),
                winners,
                reserve);
    }

    private static PublishedDraw withAnswers(PublishedDraw d, List<ChildcareAnswer> answers) {
        return new PublishedDraw(
                d.subject(),
                d.drawnAt(),
                d.policy(),
                d.commitment(),
                d.seed(),
                d.inputDigest(),
                d.applications(),
                d.order(),
                answers,
                d.winners(),
                d.reserve());
    }

    /** The repository's docs folder, found from wherever the tests run. */
    private static Path docs() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/lottery-known-answer.json"))) {
                return p.resolve("docs");
            }
        }
        throw new IllegalStateException(
                "docs/lottery-known-answer.json not found above " + Path.of("").toAbsolutePath());
    }
}
