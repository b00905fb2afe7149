package io.ibasho.gateway.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryCodesTest {

    @Test
    void aCodeMatchesItsOwnHashOnlyAndTheHashDoesNotHoldIt() {
        List<String> codes = RecoveryCodes.generate(10);
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        String code = codes.get(0);
        String hash = RecoveryCodes.hash(code);
        assertThat(hash).startsWith("v1:").doesNotContain(code).doesNotContain(code.replace("-", ""));
        assertThat(RecoveryCodes.hash(code))
                .as("salted: two hashes of one code differ")
                .isNotEqualTo(hash);
        assertThat(RecoveryCodes.matches(hash, code)).isTrue();
        assertThat(RecoveryCodes.matches(hash, codes.get(1))).isFalse();
        assertThat(RecoveryCodes.matches("v1:broken", code)).isFalse();
        assertThat(RecoveryCodes.matches(hash, null)).isFalse();
    }

    @Test
    void herTypingIsForgiven() {
        String hash = RecoveryCodes.hash("7K2M-QX40-1ABC-DEFG");
        assertThat(RecoveryCodes.matches(hash, "7k2mqx401abcdefg")).isTrue();
        assertThat(RecoveryCodes.matches(hash, "7K2M QX4O IABC DEFG"))
                .as("O for 0, I for 1, spaces")
                .isTrue();
        assertThat(RecoveryCodes.matches(hash, "７Ｋ２Ｍ－ＱＸ４０－１ＡＢＣ－ＤＥＦＧ"))
                .as("full-width")
                .isTrue();
        assertThat(RecoveryCodes.normalise("7K2M-QX40-1ABC-DEF"))
                .as("too short")
                .isNull();
        assertThat(RecoveryCodes.normalise("7K2M-QX40-1ABC-DEFU"))
                .as("U is not in the alphabet")
                .isNull();
    }
}
