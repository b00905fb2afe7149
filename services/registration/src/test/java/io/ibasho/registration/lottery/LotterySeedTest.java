package io.ibasho.registration.lottery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LotterySeedTest {

    @Test
    void generatedSeedIs32BytesAndOpensItsOwnCommitment() {
        LotterySeed seed = LotterySeed.generate();

        assertThat(seed.toHex()).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(seed.commitment().isOpenedBy(seed)).isTrue();
        assertThat(LotterySeed.fromHex(seed.toHex())).isEqualTo(seed);
    }

    @Test
    void twoGeneratedSeedsDiffer() {
        SecureRandom random = new SecureRandom();
        assertThat(LotterySeed.generate(random)).isNotEqualTo(LotterySeed.generate(random));
    }

    @Test
    void commitmentIsSha256OfTheRawSeedBytesNotOfTheHexText() {
        LotterySeed seed = LotterySeed.fromHex(KnownAnswer.SEED_HEX);

        assertThat(seed.commitment().sha256Hex()).isEqualTo(KnownAnswer.COMMITMENT_HEX);
    }

    @Test
    void commitmentIsNotOpenedByAnyOtherSeed() {
        SeedCommitment commitment = new SeedCommitment(KnownAnswer.COMMITMENT_HEX);
        LotterySeed other = LotterySeed.fromHex(KnownAnswer.SEED_HEX.replace("1f", "1e"));

        assertThat(commitment.isOpenedBy(other)).isFalse();
    }

    @Test
    void upperCaseHexIsTheSameSeedAndCommitment() {
        assertThat(LotterySeed.fromHex(KnownAnswer.SEED_HEX.toUpperCase()))
                .isEqualTo(LotterySeed.fromHex(KnownAnswer.SEED_HEX));
        assertThat(new SeedCommitment(KnownAnswer.COMMITMENT_HEX.toUpperCase()).sha256Hex())
                .isEqualTo(KnownAnswer.COMMITMENT_HEX);
    }

    @Test
    void malformedSeedsAreRefusedRatherThanRepaired() {
        for (String bad : List.of(
                "",
                "00",
                KnownAnswer.SEED_HEX + "00",
                KnownAnswer.SEED_HEX.substring(2),
                " " + KnownAnswer.SEED_HEX.substring(1),
                KnownAnswer.SEED_HEX.replace('0', 'g'),
                KnownAnswer.SEED_HEX.replace('0', '\uFF10') /* full-width zero */)) {
            assertThatThrownBy(() -> LotterySeed.fromHex(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void seedIsNeverPrinted() {
        LotterySeed seed = LotterySeed.fromHex(KnownAnswer.SEED_HEX);
        LotteryDraw draw = KnownAnswer.draw();

        assertThat(seed.toString()).doesNotContain(KnownAnswer.SEED_HEX).doesNotContain("0001020304");
        assertThat(draw.toString()).doesNotContain(KnownAnswer.SEED_HEX);
    }

    @Test
    void drawRefusesASeedThatDoesNotOpenTheCommitment() {
        SeedCommitment published = LotterySeed.generate().commitment();
        List<LotteryApplicant> applicants = List.of(LotteryApplicant.of(UUID.randomUUID()));

        assertThatThrownBy(() -> LotteryDraw.perform(
                        KnownAnswer.SUBJECT, LotteryPolicy.withSeats(1), published, LotterySeed.generate(), applicants))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("commitment");
    }
}
