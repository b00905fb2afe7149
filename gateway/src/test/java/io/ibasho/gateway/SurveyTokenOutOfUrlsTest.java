package io.ibasho.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Her survey answer as the gateway passes it on (registration is a fake): the invitation's one-time token goes to
 * registration in the JSON body, never in a URL, where access logs, proxies and spans would keep it (docs/privacy.md).
 * Her own link, {@code /app/surveys/{registrationId}}, is as it was.
 */
@QuarkusTest
@WithTestResource(FakeNotification.class)
class SurveyTokenOutOfUrlsTest {
    private static final String ANSWER = "/api/registrations/surveys/answer";

    @TestHTTPResource("/")
    URL root;

    private String base() {
        return root.toString().replace("localhost", "127.0.0.1").replaceAll("/$", "");
    }

    @AfterEach
    void forgetTheInvitation() {
        System.clearProperty("fake.survey.token");
    }

    @Test
    void theTokenTravelsInTheBodyAndInNoPathTheGatewayCalls() throws Exception {
        String token = "tok" + UUID.randomUUID().toString().replace("-", "");
        System.setProperty("fake.survey.token", token);
        KeycloakAccounts accounts = KeycloakAccounts.asAdmin();
        String username = "survey-" + UUID.randomUUID().toString().substring(0, 8);
        String userId = accounts.createAttendee(username);
        try (WebClient browser = PlainBrowser.open()) {
            // the start page's list of sessions is not this fake's to give: only the survey matters here
            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            PlainBrowser.signIn(browser, base(), username);
            int answeredBefore = Integer.parseInt(System.getProperty("fake.calls.POST" + ANSWER, "0"));

            HtmlPage survey = browser.getPage(base() + "/app/surveys/" + FakeNotification.SURVEY_REGISTRATION);
            assertThat(survey.getWebResponse().getStatusCode())
                    .as(survey.asNormalizedText())
                    .isEqualTo(200);
            assertThat(survey.getWebResponse().getContentAsString()).doesNotContain(token);
            survey.<HtmlInput>getHtmlElementById("satisfaction-5").setChecked(true);
            survey.<HtmlInput>getHtmlElementById("comeAgain-yes").setChecked(true);
            HtmlPage thanks = survey.getHtmlElementById("survey")
                    .<org.htmlunit.html.HtmlButton>getFirstByXPath(".//button[@type='submit']")
                    .click();
            assertThat(thanks.getWebResponse().getStatusCode())
                    .as(thanks.asNormalizedText())
                    .isEqualTo(200);
            assertThat(thanks.getElementById("message").getTextContent()).contains("結びつかない形で保存しました");

            assertThat(Integer.parseInt(System.getProperty("fake.calls.POST" + ANSWER, "0")))
                    .as("one answer sent to registration's survey endpoint")
                    .isEqualTo(answeredBefore + 1);
            assertThat(System.getProperty("fake.body." + ANSWER))
                    .contains("\"token\":\"" + token + "\"")
                    .contains("\"satisfaction\":5")
                    .contains("\"comeAgain\":true");
            List<String> calledPaths = System.getProperties().stringPropertyNames().stream()
                    .filter(name -> name.startsWith("fake.calls."))
                    .toList();
            assertThat(calledPaths).as("every path the gateway called").noneMatch(path -> path.contains(token));
        } finally {
            accounts.delete(userId);
        }
    }
}
