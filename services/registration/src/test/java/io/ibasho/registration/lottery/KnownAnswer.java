package io.ibasho.registration.lottery;

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

    static final List<UUID> EXPECTED_ORDER = List.of(G, B, A, F, D, C, H, E);
    static final List<Integer> EXPECTED_GROUPS = List.of(0, 0, 0, 1, 1, 1, 2, 2);
    static final List<String> EXPECTED_KEYS = List.of(
            "5e4f90613551ad48a1c0609b3022d8eb752a85e6af09a226babef2c7b4610700",
            "6a177132f140e84f733e1d3f4d5a52ef85a1c9aead9f6ba7051adf28e6dd44a7",
            "95287a8218f5d73ebf79e7ba9160ee3c5e6a7909ad52840258c4e9acfd77fc62",
            "c59475d8e04076bfa82f7294fc2481256567e036162f590e702f94807d3b18f1",
            "e1c0ab78261f74f70de0bd6e13be346c4ea23c32d1813ad60358a3df4533eebb",
            "fa82289d31fd3ae3ac6103cd21629e6be8c6b80ef4bda3792c0342e070dccbab",
            "266dc4c056693c9f237406e1740f0b372e3e08ef775f9d40ce5a4e1436bfa085",
            "ab9a6a3d2bd8d4b297589ec2c829b0834a5b170871dd8668fee0820bc2964bb0");

    static final String EXPECTED_CANONICAL_INPUT = """
            ibasho-lottery-input/1
            seats=3
            tiers=2
            one-win-per-month=true
            childcare-required-to-win=true
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
    static final String EXPECTED_INPUT_DIGEST = "5387ef3aa93582dd79d196086f12cf8deb49dbae76c9c5df16dc757dccb8c2eb";

    /** In the vector, childcare cannot be reserved for A, the only applicant asked about. */
    static boolean childcareReserved(UUID applicationId) {
        return !applicationId.equals(A);
    }

    static final List<UUID> EXPECTED_WINNERS = List.of(G, B, F);
    static final List<UUID> EXPECTED_RESERVE = List.of(A, D, C, H, E);

    private KnownAnswer() {}

    static LotteryDraw draw() {
        return LotteryDraw.perform(
                POLICY, new SeedCommitment(COMMITMENT_HEX), LotterySeed.fromHex(SEED_HEX), APPLICANTS);
    }

    private static UUID id(String text) {
        return UUID.fromString(text);
    }
}
