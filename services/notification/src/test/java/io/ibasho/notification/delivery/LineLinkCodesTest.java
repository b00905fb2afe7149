package io.ibasho.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.testsupport.LineApiFake;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LineLinkCodesTest {
    @Test
    void codesUseOnlyCharactersThatCannotBeMistakenForEachOther() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String code = LineLinkCodes.newCode();
            assertThat(code).matches("[A-HJ-NP-Z2-9]{8}");
            seen.add(code);
        }
        assertThat(seen).hasSizeGreaterThan(990);
        assertThat(LineLinkCodes.ALPHABET).hasSize(32).doesNotContain("0", "O", "1", "I");
    }

    @Test
    void theCodeIsFoundInWhatSheTypesWhateverTheCaseSpacesOrHyphens() {
        assertThat(LineLinkCodes.inMessage("ABCD-2345")).contains("ABCD2345");
        assertThat(LineLinkCodes.inMessage(" abcd 2345\n")).contains("ABCD2345");
        // a Japanese keyboard's full-width letters, digits and hyphen, or a long-vowel mark for the hyphen
        assertThat(LineLinkCodes.inMessage("ＡＢＣＤ－２３４５")).contains("ABCD2345");
        assertThat(LineLinkCodes.inMessage("abcdー2345")).contains("ABCD2345");
        assertThat(LineLinkCodes.display("ABCD2345")).isEqualTo("ABCD-2345");
        // Anything else she writes is not a code.
        assertThat(LineLinkCodes.inMessage("こんにちは")).isEmpty();
        assertThat(LineLinkCodes.inMessage("ABCD-234")).isEmpty();
        assertThat(LineLinkCodes.inMessage("ABCD-2340")).isEmpty();
        assertThat(LineLinkCodes.inMessage(null)).isEmpty();
        assertThat(LineLinkCodes.inMessage("x".repeat(41))).isEmpty();
    }

    @Test
    void theStoredHashDependsOnTheChannelSecret() {
        assertThat(LineLinkCodes.hash("secret-a", "ABCD2345"))
                .hasSize(64)
                .isNotEqualTo(LineLinkCodes.hash("secret-b", "ABCD2345"))
                .isEqualTo(LineLinkCodes.hash("secret-a", "ABCD2345"));
    }

    @Test
    void aSignatureIsValidOnlyForItsBodyAndSecret() {
        String body = "{\"destination\":\"U0\",\"events\":[]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        // The fake signs independently, as LINE does.
        String signed = LineApiFake.sign("channel-secret", body);
        assertThat(LineSignature.valid("channel-secret", bytes, signed)).isTrue();
        assertThat(LineSignature.of("channel-secret", bytes)).isEqualTo(signed);
        assertThat(LineSignature.valid("other-secret", bytes, signed)).isFalse();
        assertThat(LineSignature.valid("channel-secret", (body + " ").getBytes(StandardCharsets.UTF_8), signed))
                .isFalse();
        assertThat(LineSignature.valid("channel-secret", bytes, null)).isFalse();
        assertThat(LineSignature.valid("channel-secret", bytes, "not base64 !")).isFalse();
    }
}
