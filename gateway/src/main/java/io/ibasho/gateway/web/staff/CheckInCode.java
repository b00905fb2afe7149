package io.ibasho.gateway.web.staff;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * A booking code at the door: typed by the organiser, or read from the QR code on her phone (a camera frame the door
 * page sends). The QR code holds {@value #PAYLOAD_PREFIX} and the code, nothing else (registration's check-in payload).
 * Pure: the frame is decoded here, in memory, and never kept or logged.
 */
public final class CheckInCode {
    static final String PAYLOAD_PREFIX = "ibasho-checkin:";
    /** Codes are short; anything longer typed into the field is not a code. */
    static final int MAX_LENGTH = 32;

    private CheckInCode() {}

    /** The code as typed or scanned, normalised (the prefix, spaces and case removed), or empty if it is no code. */
    public static Optional<String> of(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String code = typed.strip();
        if (code.regionMatches(true, 0, PAYLOAD_PREFIX, 0, PAYLOAD_PREFIX.length())) {
            code = code.substring(PAYLOAD_PREFIX.length());
        }
        code = code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        return code.isEmpty() || code.length() > MAX_LENGTH || !code.matches("[0-9A-Z]+")
                ? Optional.empty()
                : Optional.of(code);
    }

    /** The booking code of the QR code in this camera frame (JPEG or PNG), or empty when none is readable in it. */
    public static Optional<String> fromFrame(byte[] image) {
        BufferedImage frame;
        try {
            frame = ImageIO.read(new ByteArrayInputStream(image));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (frame == null) {
            return Optional.empty();
        }
        int width = frame.getWidth();
        int height = frame.getHeight();
        int[] pixels = frame.getRGB(0, 0, width, height, null, 0, width);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
        try {
            String text = new QRCodeReader()
                    .decode(
                            bitmap,
                            Map.of(
                                    DecodeHintType.TRY_HARDER,
                                    Boolean.TRUE,
                                    DecodeHintType.POSSIBLE_FORMATS,
                                    List.of(BarcodeFormat.QR_CODE)))
                    .getText();
            // only a check-in payload counts: any other QR code (a URL on a poster) is no booking
            return text != null && text.startsWith(PAYLOAD_PREFIX) ? of(text) : Optional.empty();
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (ReaderException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
