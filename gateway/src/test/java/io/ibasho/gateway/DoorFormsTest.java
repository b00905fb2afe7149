package io.ibasho.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The door page follows registration, which owns the door's day rule: it shows its forms when registration's roster
 * says the door is open, sends what the organiser taps to registration, and says registration's refusal
 * ({@code not-door-day}) in its own words (event and registration are fakes: {@link FakeDoorServices}).
 */
@QuarkusTest
@WithTestResource(FakeDoorServices.class)
class DoorFormsTest {
    private static final String DROP_INS =
            "fake.door.calls./api/registrations/sessions/" + FakeDoorServices.SESSION + "/drop-ins";
    private static final String ATTENDANCE = "fake.door.calls./api/registrations/sessions/" + FakeDoorServices.SESSION
            + "/registrations/" + FakeDoorServices.REGISTRATION + "/attendance";

    @TestHTTPResource("/")
    URL root;

    private String base() {
        return root.toString().replace("localhost", "127.0.0.1").replaceAll("/$", "");
    }

    private String door() {
        return base() + "/staff/sessions/" + FakeDoorServices.SESSION + "/door";
    }

    @AfterEach
    void forget() {
        System.clearProperty("fake.door.open");
        System.clearProperty("fake.door.refuse");
    }

    private static int calls(String property) {
        return Integer.parseInt(System.getProperty(property, "0"));
    }

    private static HtmlPage submit(HtmlPage page, String formId) throws Exception {
        HtmlForm form = (HtmlForm) page.getElementById(formId);
        return ((HtmlButton) form.getFirstByXPath(".//button[@type='submit']")).click();
    }

    @Test
    void aClosedDoorAsRegistrationSaysItNamesTheSessionsDayAndShowsNoForms() throws Exception {
        System.setProperty("fake.door.open", "false");
        try (WebClient browser = PlainBrowser.open()) {
            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            PlainBrowser.signIn(browser, base(), "organiser1");
            HtmlPage page = browser.getPage(door());
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(page.getElementById("door-closed").getTextContent())
                    .startsWith("受付と飛び入りは、開催日（12月8日")
                    .endsWith("）の当日に記録できます。");
            assertThat(page.getElementById("check-in")).isNull();
            assertThat(page.getElementById("drop-in")).isNull();
        }
    }

    @Test
    void whatTheOrganiserTapsGoesToRegistrationAndItsRefusalIsSaidInThePagesWords() throws Exception {
        // registration says the door is open now; the gateway's own clock (December 2026) would have said otherwise
        System.setProperty("fake.door.open", "true");
        try (WebClient browser = PlainBrowser.open()) {
            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            PlainBrowser.signIn(browser, base(), "organiser1");
            HtmlPage page = browser.getPage(door());
            assertThat(page.getElementById("door-closed")).isNull();

            int dropInsBefore = calls(DROP_INS);
            HtmlPage counted = submit(page, "drop-in");
            assertThat(calls(DROP_INS)).isEqualTo(dropInsBefore + 1);
            assertThat(counted.getUrl().toString()).endsWith("/door?dropIn=1");

            // past midnight, the page still open: registration refuses, and the page says why in its own words
            System.setProperty("fake.door.refuse", "true");
            HtmlPage refused = submit(browser.getPage(door()), "drop-in");
            assertThat(calls(DROP_INS)).isEqualTo(dropInsBefore + 2);
            assertThat(refused.getUrl().toString()).endsWith("/door?problem=not-door-day");
            assertThat(refused.getElementById("message").getTextContent()).isEqualTo("受付と飛び入りは、開催日の当日に記録できます。");
            assertThat(refused.asNormalizedText()).doesNotContain("Attendance and drop-ins are recorded");

            int attendanceBefore = calls(ATTENDANCE);
            HtmlPage code = browser.getPage(door());
            code.<org.htmlunit.html.HtmlInput>getHtmlElementById("code").setValue("ab12cd34");
            HtmlPage checkIn = submit(code, "check-in");
            assertThat(calls(ATTENDANCE)).isEqualTo(attendanceBefore + 1);
            assertThat(checkIn.getUrl().toString()).endsWith("/door?problem=not-door-day");
            assertThat(checkIn.getElementById("message").getTextContent()).isEqualTo("受付と飛び入りは、開催日の当日に記録できます。");
        }
    }
}
