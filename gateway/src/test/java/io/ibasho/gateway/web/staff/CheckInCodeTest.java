package io.ibasho.gateway.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class CheckInCodeTest {
    @Test
    void aTypedCodeIsReadAsTheDoorWouldHearIt() {
        assertThat(CheckInCode.of(" k7m3-p9qx ")).contains("K7M3P9QX");
        assertThat(CheckInCode.of("ibasho-checkin:K7M3P9QX")).contains("K7M3P9QX");
        assertThat(CheckInCode.of("")).isEmpty();
        assertThat(CheckInCode.of("<script>")).isEmpty();
        assertThat(CheckInCode.of("A".repeat(40))).isEmpty();
    }

    @Test
    void theCodeIsReadFromACameraFrameOfHerQrCode() throws Exception {
        byte[] frame = frame("ibasho-checkin:K7M3P9QX", "jpg");

        assertThat(CheckInCode.fromFrame(frame)).contains("K7M3P9QX");
    }

    @Test
    void aFrameWithoutHerQrCodeOrWithAnotherQrCodeGivesNoCode() throws Exception {
        assertThat(CheckInCode.fromFrame(frame("https://example.org/poster", "png")))
                .isEmpty();
        BufferedImage blank = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        assertThat(CheckInCode.fromFrame(bytes(blank, "png"))).isEmpty();
        assertThat(CheckInCode.fromFrame("not an image".getBytes())).isEmpty();
    }

    /** A 640 × 480 camera frame with the QR code in its middle, on white. */
    private static byte[] frame(String text, String format) throws WriterException, IOException {
        BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 300, 300);
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                int qx = x - 170;
                int qy = y - 90;
                boolean dark = qx >= 0 && qy >= 0 && qx < 300 && qy < 300 && matrix.get(qx, qy);
                image.setRGB(x, y, dark ? 0x101010 : 0xf4f4f4);
            }
        }
        return bytes(image, format);
    }

    private static byte[] bytes(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
