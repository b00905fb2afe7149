package io.ibasho.registration.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.nayuki.qrcodegen.QrCode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class QrCodeSvgTest {
    private static final String PAYLOAD = "ibasho-checkin:K7QX2M9P";
    private static final Pattern MODULE = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z");

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aShortCheckInPayloadIsAVersion2CodeOf25ModulesWithAFourModuleQuietZone() throws Exception {
        // 23 bytes in byte mode at medium error correction: version 2, 25 x 25 modules, 33 with the quiet zone
        Document svg = parse(QrCodeSvg.svg(PAYLOAD));
        Element root = svg.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 33 33");
        assertThat(svg.getElementsByTagName("rect").getLength()).isEqualTo(1);
        assertThat(svg.getElementsByTagName("path").getLength()).isEqualTo(1);

        String path = ((Element) svg.getElementsByTagName("path").item(0)).getAttribute("d");
        Matcher module = MODULE.matcher(path);
        int dark = 0;
        while (module.find()) {
            int x = Integer.parseInt(module.group(1));
            int y = Integer.parseInt(module.group(2));
            // nothing is drawn in the quiet zone: every dark module lies inside [4, 29) on both axes
            assertThat(x).isBetween(QrCodeSvg.QUIET_ZONE, 33 - QrCodeSvg.QUIET_ZONE - 1);
            assertThat(y).isBetween(QrCodeSvg.QUIET_ZONE, 33 - QrCodeSvg.QUIET_ZONE - 1);
            dark++;
        }
        assertThat(path.replaceAll(MODULE.pattern(), "")).isEmpty();
        assertThat(dark).isEqualTo(darkModules(QrCodeSvg.encode(PAYLOAD)));
        // the finder pattern's corners are where a QR code always has them
        assertThat(path).contains("M4,4h1v1h-1z", "M10,4h1v1h-1z", "M4,10h1v1h-1z");
    }

    @Test
    void theSameTextAlwaysDrawsTheSameCodeAndTheCodeHoldsOnlyThatText() {
        assertThat(QrCodeSvg.svg(PAYLOAD)).isEqualTo(QrCodeSvg.svg(PAYLOAD));
        assertThat(QrCodeSvg.svg(PAYLOAD)).isNotEqualTo(QrCodeSvg.svg("ibasho-checkin:K7QX2M9Q"));
        assertThat(QrCodeSvg.svg(PAYLOAD)).doesNotContain("K7QX2M9P"); // drawn, not written out as text
    }

    private static int darkModules(QrCode qr) {
        int dark = 0;
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                dark += qr.getModule(x, y) ? 1 : 0;
            }
        }
        return dark;
    }
}
