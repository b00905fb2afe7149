package io.ibasho.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * A relayed problem's public instance: a service's problem that names its public path already goes as it came, without
 * a parse (the rush's refusals); every other shape gets the same answer as a parse and a write.
 */
class PublicProblemInstanceTest {
    private static final Gateway.Upstream REGISTRATION =
            new Gateway.Upstream("registration", "/api/registrations", URI.create("http://127.0.0.1:1"));

    @Test
    void aProblemThatNamesItsPublicPathGoesAsItCame() {
        Buffer problem = Buffer.buffer("""
                {"type":"https://ibasho.example/problems/session-full","title":"Conflict","status":409,\
                "detail":"This session is full: join its waitlist.","instance":"/api/registrations/sessions/5/bookings"}""");
        assertThat(Gateway.withPublicInstance(problem, REGISTRATION)).isSameAs(problem);
    }

    @Test
    void aPathInsideTheServiceIsGivenItsPrefix() {
        assertThat(instanceOf(Gateway.withPublicInstance(
                        Buffer.buffer("{\"status\":409,\"instance\":\"/sessions/5/bookings\"}"), REGISTRATION)))
                .isEqualTo("/api/registrations/sessions/5/bookings");
        // a doubled prefix collapses
        assertThat(instanceOf(Gateway.withPublicInstance(
                        Buffer.buffer("{\"instance\":\"/api/registrations/api/registrations/mine\"}"), REGISTRATION)))
                .isEqualTo("/api/registrations/mine");
    }

    @Test
    void whatTheBytesCannotSayForSureIsParsed() {
        // spaces around the member, an escape in it, a second member of that name deeper down, a non-string value
        assertThat(Gateway.plainInstance(Buffer.buffer("{\"instance\" : \"/x\"}")))
                .isNull();
        assertThat(Gateway.plainInstance(Buffer.buffer("{\"instance\":\"/api/registrations/a\\u002fb\"}")))
                .isNull();
        assertThat(Gateway.plainInstance(Buffer.buffer("{\"instance\":\"/a\",\"violations\":[{\"instance\":\"/b\"}]}")))
                .isNull();
        assertThat(Gateway.plainInstance(Buffer.buffer("{\"instance\":7}"))).isNull();
        assertThat(Gateway.plainInstance(Buffer.buffer("{\"instance\":"))).isNull();
        // a quote inside a string value is escaped, so it never reads as the member
        assertThat(Gateway.plainInstance(Buffer.buffer(
                        "{\"detail\":\"said \\\"instance\\\":\\\"/x\\\"\",\"instance\":\"/api/registrations/y\"}")))
                .isEqualTo("/api/registrations/y");

        assertThat(instanceOf(
                        Gateway.withPublicInstance(Buffer.buffer("{\"instance\" : \"/sessions/5\"}"), REGISTRATION)))
                .isEqualTo("/api/registrations/sessions/5");
        assertThat(instanceOf(Gateway.withPublicInstance(
                        Buffer.buffer("{\"instance\":\"/sessions/\\u0035\"}"), REGISTRATION)))
                .isEqualTo("/api/registrations/sessions/5");
        Buffer nested = Gateway.withPublicInstance(
                Buffer.buffer("{\"instance\":\"/a\",\"violations\":[{\"instance\":\"/b\"}]}"), REGISTRATION);
        assertThat(instanceOf(nested)).isEqualTo("/api/registrations/a");
        assertThat(new JsonObject(nested)
                        .getJsonArray("violations")
                        .getJsonObject(0)
                        .getString("instance"))
                .isEqualTo("/b");
    }

    @Test
    void aBodyWithoutAnInstanceOrNotJsonGoesAsItCame() {
        Buffer none = Buffer.buffer("{\"status\":409,\"title\":\"Conflict\"}");
        assertThat(Gateway.withPublicInstance(none, REGISTRATION)).isSameAs(none);
        Buffer broken = Buffer.buffer("{\"instance\":\"/sessions/5\"");
        assertThat(Gateway.withPublicInstance(broken, REGISTRATION)).isSameAs(broken);
    }

    private static String instanceOf(Buffer problem) {
        return new JsonObject(problem).getString("instance");
    }
}
