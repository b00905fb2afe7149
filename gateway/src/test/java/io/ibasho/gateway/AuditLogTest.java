package io.ibasho.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ibasho.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Organisers' and staff's access to personal data paths leaves one JSON line in the audit log (who, what, when, why,
 * outcome) and never the data; attendees' own requests and public paths leave none.
 */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
class AuditLogTest {
    private static final Path AUDIT = Path.of("target/audit.jsonl");

    @Test
    void organiserAndStaffReadsOfPersonalDataAreRecordedWithoutTheData() throws IOException {
        String marker = UUID.randomUUID().toString();
        String organiser = Tokens.accessToken("organiser1");
        given().auth()
                .oauth2(organiser)
                .header(
                        AuditLog.REASON_HEADER,
                        java.net.URLEncoder.encode("当日の受付 " + marker + "\nforged line", StandardCharsets.UTF_8)
                                .replace("+", "%20"))
                .get("/api/registrations/sessions/" + marker + "/roster?nickname=secret-" + marker)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.accessToken("carer1"))
                .contentType(ContentType.JSON)
                .body("{\"note\":\"private-" + marker + "\"}")
                .post("/api/childcare/sessions/" + marker + "/notes")
                .then()
                .statusCode(200);
        // not audited: an attendee's own booking, and public paths
        given().auth()
                .oauth2(Tokens.accessToken("hana"))
                .get("/api/registrations/mine?x=" + marker)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(organiser)
                .get("/api/events/sessions/" + marker)
                .then()
                .statusCode(200);

        List<JsonObject> entries =
                await().atMost(Duration.ofSeconds(10)).until(() -> entriesAbout(marker), list -> list.size() >= 2);
        assertThat(entries).hasSize(2);
        JsonObject read = entries.get(0);
        assertThat(read.getString("actor"))
                .isEqualTo(AuditLog.claimsOf(organiser).getString("sub"));
        assertThat(read.getString("org")).isEqualTo("hinata");
        assertThat(read.getJsonArray("roles").getList()).containsExactly("organiser");
        assertThat(read.getString("method")).isEqualTo("GET");
        assertThat(read.getString("path")).isEqualTo("/api/registrations/sessions/" + marker + "/roster");
        assertThat(read.getString("reason")).isEqualTo("当日の受付 " + marker + "forged line");
        assertThat(read.getInteger("status")).isEqualTo(200);
        assertThat(read.getString("at")).isNotBlank();
        JsonObject note = entries.get(1);
        assertThat(note.getJsonArray("roles").getList()).containsExactly("childcare-staff");
        assertThat(note.getString("method")).isEqualTo("POST");
        assertThat(note.containsKey("reason")).isFalse();

        String all = Files.readString(AUDIT, StandardCharsets.UTF_8);
        assertThat(all)
                .doesNotContain("secret-" + marker)
                .doesNotContain("private-" + marker)
                .doesNotContain("Bearer")
                .doesNotContain("?x=" + marker)
                .doesNotContain("/api/events/sessions/" + marker);
        assertThat(all.lines().filter(l -> l.contains(marker))).hasSize(2).allSatisfy(l -> new JsonObject(l));
    }

    @Test
    void somethingThatIsNotATokenIsNotAudited() throws IOException {
        // no claims, no role: nothing to attribute (the service answers it with 401). Forged JWTs are recorded with the
        // service's status (401), which is why every line carries the status.
        String marker = UUID.randomUUID().toString();
        given().auth()
                .oauth2("not-a-jwt")
                .get("/api/registrations/sessions/" + marker + "/roster")
                .then()
                .statusCode(200);
        assertThat(entriesAbout(marker)).isEmpty();
    }

    private static List<JsonObject> entriesAbout(String marker) throws IOException {
        if (!Files.exists(AUDIT)) {
            return List.of();
        }
        return Files.readAllLines(AUDIT, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(marker))
                .map(JsonObject::new)
                .toList();
    }
}
