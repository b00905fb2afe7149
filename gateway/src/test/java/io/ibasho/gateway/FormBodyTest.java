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

    @Test
    void aSessionFormsLongestJapaneseProgrammeIsReadWhole() {
        String programme = "内".repeat(2_000);
        String body = "csrf=abc&description="
                + java.net.URLEncoder.encode(programme, java.nio.charset.StandardCharsets.UTF_8)
                + "&bring=" + java.net.URLEncoder.encode("持".repeat(300), java.nio.charset.StandardCharsets.UTF_8)
                + "&titleJa=" + java.net.URLEncoder.encode("題".repeat(200), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body.length()).as("urlencoded, 9 bytes a character").isGreaterThan(16 * 1024);
        var form = FormBody.parse("application/x-www-form-urlencoded", Buffer.buffer(body));
        assertThat(form.get("csrf")).isEqualTo("abc");
        assertThat(form.get("description")).isEqualTo(programme);
    }
}
