package io.ibasho.registration.lottery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The known-answer vector published in docs/lottery.md. The expected values were computed with the
 * independent Python reimplementation printed in the same document, not with this code.
 */
final class KnownAnswer {

    static final String SEED_HEX = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    static final String COMMITMENT_HEX = "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd";

    static final LotteryPolicy POLICY = LotteryPolicy.withSeats(3)
            .withPriorityTiers("初めての方 / first-time participants", "その他の方 / everyone else")
            .withOneWinPerMonth(true)
            .withChildcareRequiredToWin(true)
            .withConfirmationWithinHours(48);

    static final UUID A = id("2d47fef4-5c4a-47dd-b078-ea8d020a4785");
    static final UUID B = id("a277e661-ff6f-4e53-81a6-ef4d98ce50dc");
    static final UUID C = id("0f00dd63-0a58-4e4e-a5a5-1be927a826b0");
    static final UUID D = id("0db755cc-0344-43aa-85c0-771f0a0a71cf");
    static final UUID E = id("d6f379ea-6f44-47cd-81cc-d7a7c36d2410");
    static final UUID F = id("be558035-7907-40c9-b3a2-9bef19d5b69b");
    static final UUID G = id("a3724941-86e8-4ac9-a61c-a7f3fb67af8a");
    static final UUID H = id("65f7ed47-3d60-4696-90ee-9afc56a738e9");

    static final List<LotteryApplicant> APPLICANTS = List.of(
            new LotteryApplicant(A, 0, false, true),
            new LotteryApplicant(B, 0, false, false),
            new LotteryApplicant(C, 1, false, false),
            new LotteryApplicant(D, 1, false, true),
            new LotteryApplicant(E, 0, true, false),
            new LotteryApplicant(F, 1, false, false),
            new LotteryApplicant(G, 0, false, false),
            new LotteryApplicant(H, 1, true, true));

    /** Session and closing of the vector: applications closed at 12:00 in Tokyo on 10 December 2026. */
    static final DrawSubject SUBJECT = new DrawSubject(
            UUID.fromString("5f0c1a3e-8b2d-4e6f-9a7b-1c2d3e4f5a6b"), Instant.parse("2026-12-10T03:00:00Z"));

    static final Instant DRAWN_AT = Instant.parse("2026-12-10T03:00:12Z");

    static final List<UUID> EXPECTED_ORDER = List.of(A, B, G, C, F, D, H, E);
    static final List<Integer> EXPECTED_GROUPS = List.of(0, 0, 0, 1, 1, 1, 2, 2);
    static final List<String> EXPECTED_KEYS = List.of(
            "155259817924d0b0baed3243be7e5fdc113139797a60b0dca36ba752a91892a8",
            "822302339af7f185a97c48ce48b37e932b0cc0f5645e8a3d57d660bdca5c7600",
            "bf21df20b61a8c8c5361ed5629cc27227cfc1b9e1cd92ae32017383704e5e106",
            "1b3d41291ad54a3433bb2030c573ea50577c464f9637c87fde10a0f694246f7c",
            "8c138067b7966270ed140c45d6a4b6dbdeee8c837ca1fa4842599572fa0823f7",
            "ebf952c23840d0cf7acdaab4357f46c55161acf2902cd8d4eeed7cebfb059650",
            "044bbaef6df00d9140d09050e26de2346e4b5338ade995361029617f2ee1f711",
            "0773feb8187b7cf62abbdea794602672339ca0a89e7f99b56e3fc90c2688c96b");

    static final String EXPECTED_CANONICAL_INPUT = """
            ibasho-lottery-input/2
            session=5f0c1a3e-8b2d-4e6f-9a7b-1c2d3e4f5a6b
            applications-closed-at=2026-12-10T03:00:00Z
            seats=3
            tiers=2
            one-win-per-month=true
            childcare-required-to-win=true
            confirmation-required=true
            confirmation-hours=48
            applications=8
            0db755cc-0344-43aa-85c0-771f0a0a71cf tier=1 won-this-month=false needs-childcare=true
            0f00dd63-0a58-4e4e-a5a5-1be927a826b0 tier=1 won-this-month=false needs-childcare=false
            2d47fef4-5c4a-47dd-b078-ea8d020a4785 tier=0 won-this-month=false needs-childcare=true
            65f7ed47-3d60-4696-90ee-9afc56a738e9 tier=1 won-this-month=true needs-childcare=true
            a277e661-ff6f-4e53-81a6-ef4d98ce50dc tier=0 won-this-month=false needs-childcare=false
            a3724941-86e8-4ac9-a61c-a7f3fb67af8a tier=0 won-this-month=false needs-childcare=false
            be558035-7907-40c9-b3a2-9bef19d5b69b tier=1 won-this-month=false needs-childcare=false
            d6f379ea-6f44-47cd-81cc-d7a7c36d2410 tier=0 won-this-month=true needs-childcare=false
            """;
    static final String EXPECTED_INPUT_DIGEST = "0e337096cb61cbbb4ac9d3c21ca44e90f5d1f220e06fe8281da9eafd22dc54ad";

    /** In the vector, childcare cannot be reserved for A, the only applicant asked about. */
    static boolean childcareReserved(UUID applicationId) {
        return !applicationId.equals(A);
    }

    static final List<UUID> EXPECTED_WINNERS = List.of(B, G, C);
    static final List<UUID> EXPECTED_RESERVE = List.of(A, F, D, H, E);

    private KnownAnswer() {}

    static LotteryDraw draw() {
        return LotteryDraw.perform(
                SUBJECT, POLICY, new SeedCommitment(COMMITMENT_HEX), LotterySeed.fromHex(SEED_HEX), APPLICANTS);
    }

    private static UUID id(String text) {
        return UUID.fromString(text);
    }
}
