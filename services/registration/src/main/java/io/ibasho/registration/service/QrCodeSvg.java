package io.ibasho.registration.service;

import io.nayuki.qrcodegen.QrCode;

/**
 * Draws a QR code as SVG from the library's module matrix: a white background with the quiet zone the standard asks
 * for (4 modules on every side, so phones and door scanners find the code) and one path of the dark modules. Pure: no
 * Quarkus, plain unit tests.
 */
public final class QrCodeSvg {
    /** Modules of white around the code (ISO/IEC 18004 asks for at least 4). */
    public static final int QUIET_ZONE = 4;

    private QrCodeSvg() {}

    /** Medium error correction: survives a scratched phone screen or a creased printout, and stays small. */
    public static QrCode encode(String text) {
        return QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
    }

    public static String svg(String text) {
        return svg(encode(text));
    }

    public static String svg(QrCode qr) {
        int side = qr.size + 2 * QUIET_ZONE;
        StringBuilder dark = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    dark.append('M')
                            .append(x + QUIET_ZONE)
                            .append(',')
                            .append(y + QUIET_ZONE)
                            .append("h1v1h-1z");
                }
            }
        }
        // crispEdges: no anti-aliased seams between modules, which some scanners misread
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 %d %d" width="%d" height="%d" \
                shape-rendering="crispEdges">
                <rect width="100%%" height="100%%" fill="#FFFFFF"/>
                <path d="%s" fill="#000000"/>
                </svg>
                """.formatted(side, side, side * 8, side * 8, dark);
    }
}
