package io.ibasho.typedinput;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a Japanese phone keyboard gives is read as she meant it. */
class TypedInputTest {
    @Test
    void fullWidthDigitsColonsAndHyphensAreReadAsHalfWidth() {
        assertThat(TypedInput.plain("０９０－１２３４－５６７８")).isEqualTo("090-1234-5678");
        assertThat(TypedInput.plain(" ２２：００ ")).isEqualTo("22:00");
        // a long-vowel mark or a minus sign typed for a hyphen
        assertThat(TypedInput.plain("090ー1234−5678")).isEqualTo("090-1234-5678");
        assertThat(TypedInput.plain("　")).isNull();
        assertThat(TypedInput.plain(null)).isNull();
    }

    @Test
    void separatorsInACodeAreDropped() {
        assertThat(TypedInput.withoutSeparators("６３８２３８")).isEqualTo("638238");
        assertThat(TypedInput.withoutSeparators("638 238")).isEqualTo("638238");
        assertThat(TypedInput.withoutSeparators("６３８　２３８")).isEqualTo("638238");
        assertThat(TypedInput.withoutSeparators("ABCD－EFGH")).isEqualTo("ABCDEFGH");
        assertThat(TypedInput.withoutSeparators(" - ")).isNull();
    }

    @Test
    void aTimeIsReadWithOneOrTwoDigitsForTheHourAndGivenAsHhMm() {
        assertThat(TypedInput.time("9:00")).isEqualTo("09:00");
        assertThat(TypedInput.time("０９：３０")).isEqualTo("09:30");
        assertThat(TypedInput.time(" ２２：００ ")).isEqualTo("22:00");
        assertThat(TypedInput.time("0:05")).isEqualTo("00:05");
        assertThat(TypedInput.time("23:59")).isEqualTo("23:59");
        assertThat(TypedInput.time("24:00")).isNull();
        assertThat(TypedInput.time("9:0")).isNull();
        assertThat(TypedInput.time("9:60")).isNull();
        assertThat(TypedInput.time("123:00")).isNull();
        assertThat(TypedInput.time("9時")).isNull();
        assertThat(TypedInput.time("")).isNull();
        assertThat(TypedInput.time(null)).isNull();
    }
}
