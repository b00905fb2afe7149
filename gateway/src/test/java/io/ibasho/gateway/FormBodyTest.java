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

    /**
     * The door's camera frame over a real Vert.x server: whole when small enough, null when larger, and an empty body
     * when another handler let the request end unread, where the read once waited for an end that had already come.
     */
    @Test
    void aBinaryBodyIsReadWholeRefusedWhenTooLargeAndNeverLeftHangingOnceEnded() throws Exception {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            io.vertx.ext.web.Router router = io.vertx.ext.web.Router.router(vertx);
            router.post("/frame").handler(ctx -> FormBody.bytes(ctx, 1_000, body -> answer(ctx, body)));
            router.post("/ended")
                    .handler(ctx -> ctx.request()
                            .handler(chunk -> {})
                            .endHandler(v -> FormBody.bytes(ctx, 1_000, body -> answer(ctx, body))));
            int port = vertx.createHttpServer()
                    .requestHandler(router)
                    .listen(0)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, java.util.concurrent.TimeUnit.SECONDS)
                    .actualPort();
            var http = java.net.http.HttpClient.newHttpClient();
            assertThat(post(http, port, "/frame", 1_000)).isEqualTo("1000 bytes");
            assertThat(post(http, port, "/frame", 1_001)).isEqualTo("too large");
            assertThat(post(http, port, "/frame", 200_000)).isEqualTo("too large");
            assertThat(post(http, port, "/ended", 500)).isEqualTo("0 bytes");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static void answer(io.vertx.ext.web.RoutingContext ctx, Buffer body) {
        ctx.response().end(body == null ? "too large" : body.length() + " bytes");
    }

    private static String post(java.net.http.HttpClient http, int port, String path, int bytes) throws Exception {
        return http.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                                .timeout(java.time.Duration.ofSeconds(10))
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[bytes]))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
