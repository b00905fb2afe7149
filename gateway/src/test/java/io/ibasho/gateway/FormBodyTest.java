package io.ibasho.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class FormBodyTest {
    @Test
    void onlyAUrlencodedFormIsReadAndGarbageIsAnEmptyForm() {
        assertThat(FormBody.parse(
                                "application/x-www-form-urlencoded",
                                Buffer.buffer("csrf=abc&nickname=%E3%81%AF%E3%81%AA"))
                        .get("nickname"))
                .isEqualTo("はな");
        assertThat(FormBody.parse(null, Buffer.buffer("csrf=abc")).isEmpty()).isTrue();
        assertThat(FormBody.parse("application/json", Buffer.buffer("{\"csrf\":\"abc\"}"))
                        .isEmpty())
                .isTrue();
        assertThat(FormBody.parse("application/x-www-form-urlencoded", Buffer.buffer("%%%=%zz&&=="))
                        .get("csrf"))
                .isNull();
        assertThat(FormBody.parse(
                        "application/x-www-form-urlencoded",
                        Buffer.buffer(new byte[] {(byte) 0xff, (byte) 0xfe, '=', 'x'})))
                .isNotNull();
    }
}
