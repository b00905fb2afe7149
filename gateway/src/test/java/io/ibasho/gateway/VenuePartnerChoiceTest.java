package io.ibasho.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlRadioButtonInput;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.Test;

/**
 * The venue form offers her organisation's partner groups as checkboxes (the test realm's tsubomi belongs to hinata),
 * not a field to type ids into, and never another organisation's: organiser2 of minato sees no tsubomi, and a tsubomi
 * sent by hand is refused beside the field before the event service is asked (here an echo, which would take anything).
 * Without script: HtmlUnit as a plain browser.
 */
@QuarkusTest
@WithTestResource(EchoUpstream.class)
class VenuePartnerChoiceTest {
    @TestHTTPResource("/")
    URL root;

    private String base() {
        return root.toString().replace("localhost", "127.0.0.1").replaceAll("/$", "");
    }

    @Test
    void anOrganiserTicksHerOrganisationsPartnerGroupsInEitherLanguage() throws Exception {
        try (WebClient browser = PlainBrowser.open()) {
            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            PlainBrowser.signIn(browser, base(), "organiser1");

            HtmlPage page = browser.getPage(base() + "/staff/venues/new?lang=ja");
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
            HtmlCheckBoxInput tsubomi = page.getHtmlElementById("partner-tsubomi");
            assertThat(tsubomi.isChecked()).isFalse();
            assertThat(tsubomi.getNameAttribute()).isEqualTo("partnerGroups");
            assertThat(page.<org.htmlunit.html.HtmlElement>getFirstByXPath("//label[@for='partner-tsubomi']")
                            .asNormalizedText())
                    .isEqualTo("tsubomi");
            assertThat(page.<org.htmlunit.html.HtmlElement>getFirstByXPath("//fieldset[@id='f-partnerGroups']/legend")
                            .asNormalizedText())
                    .isEqualTo("この会場の予定を見られる協力団体");
            assertThat(page.getElementById("no-partner-groups")).isNull();
            assertThat(page.getElementById("partnerGroups-unlisted")).isNull();
            assertThat(page.<org.htmlunit.html.HtmlElement>getFirstByXPath("//label[@for='f-areaEn']")
                            .asNormalizedText())
                    .startsWith("地域（英語・任意");

            // ticked and saved: the check passes and the venue goes to the event service (an echo: it answers no id)
            HtmlForm form = page.getHtmlElementById("venue-form");
            form.getInputByName("nameJa").setValue("つぼみの会場");
            form.getInputByName("areaEn").setValue("Hinata Ward");
            page.<HtmlRadioButtonInput>getHtmlElementById("visibility-NEVER").setChecked(true);
            tsubomi.setChecked(true);
            HtmlPage saved = form.<org.htmlunit.html.HtmlButton>getFirstByXPath(".//button[@type='submit']")
                    .click();
            assertThat(saved.getUrl().toString()).as(saved.asNormalizedText()).endsWith("?done=saved");

            HtmlPage english = browser.getPage(base() + "/staff/venues/new?lang=en");
            assertThat(english.<org.htmlunit.html.HtmlElement>getFirstByXPath(
                                    "//fieldset[@id='f-partnerGroups']/legend")
                            .asNormalizedText())
                    .isEqualTo("Partner groups who see this venue's schedule");
            assertThat(english.<org.htmlunit.html.HtmlElement>getFirstByXPath("//label[@for='f-areaEn']")
                            .asNormalizedText())
                    .startsWith("Area in English (optional");
            assertThat(english.getElementById("partner-tsubomi")).isNotNull();
        }
    }

    @Test
    void anotherOrganisationsGroupIsNeitherOfferedNorAccepted() throws Exception {
        try (WebClient browser = PlainBrowser.open()) {
            browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
            PlainBrowser.signIn(browser, base(), "organiser2");

            HtmlPage page = browser.getPage(base() + "/staff/venues/new?lang=ja");
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(page.getElementById("partner-tsubomi")).isNull();
            assertThat(page.getWebResponse().getContentAsString()).doesNotContain("tsubomi");
            assertThat(page.getElementById("no-partner-groups").asNormalizedText())
                    .isEqualTo("この組織には、まだ協力団体のアカウントがありません。");

            // hinata's group sent by hand: refused beside the field, nothing sent on
            String csrf = page.<org.htmlunit.html.HtmlInput>getFirstByXPath(
                            "//form[@id='venue-form']//input[@name='csrf']")
                    .getValue();
            WebRequest crafted = new WebRequest(new URL(base() + "/staff/venues/new"), HttpMethod.POST);
            crafted.setRequestParameters(List.of(
                    new NameValuePair("csrf", csrf),
                    new NameValuePair("nameJa", "みなとの会場"),
                    new NameValuePair("addressVisibility", "NEVER"),
                    new NameValuePair("partnerGroups", "tsubomi")));
            HtmlPage refused = browser.getPage(crafted);
            assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(refused.getElementById("partnerGroups-error").asNormalizedText())
                    .isEqualTo("この協力団体は、この組織の協力団体に見つかりません。一覧から選び直してください: tsubomi");
            // sent back to her as ticked, marked as not hers, so she can untick it
            HtmlCheckBoxInput sentBack = refused.getHtmlElementById("partner-tsubomi");
            assertThat(sentBack.isChecked()).isTrue();
            assertThat(refused.<org.htmlunit.html.HtmlElement>getFirstByXPath("//label[@for='partner-tsubomi']")
                            .asNormalizedText())
                    .isEqualTo("tsubomi（この組織の協力団体に見つかりません）");
        }
    }
}
