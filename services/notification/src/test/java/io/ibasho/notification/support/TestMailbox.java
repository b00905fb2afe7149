package io.ibasho.notification.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * A real SMTP server (GreenMail) in the test JVM on the port %test.quarkus.mailer.port names. Started once and
 * shared; every test uses its own fresh addresses, so tests never see each other's mail.
 */
public final class TestMailbox {
    public static final int SMTP_PORT = 32525;
    private static GreenMail server;

    public record Received(String to, String senderName, String subject, String body, String messageId) {}

    private TestMailbox() {}

    public static synchronized void start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    /** SMTP goes away (connections refused) until {@link #start()}; mail received so far is dropped. */
    public static synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public static List<Received> to(String address) {
        start();
        return Arrays.stream(server.getReceivedMessages())
                .map(TestMailbox::read)
                .filter(m -> m.to().equalsIgnoreCase(address))
                .toList();
    }

    public static List<Received> awaitCount(String address, int count, Duration atMost) {
        Awaitility.await()
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(300))
                .until(() -> to(address).size() >= count);
        return to(address);
    }

    public static String codeIn(Received mail) {
        Matcher matcher = Pattern.compile("(\\d{6})").matcher(mail.body());
        if (!matcher.find()) {
            throw new AssertionError("no 6-digit code in the mail");
        }
        return matcher.group(1);
    }

    private static Received read(MimeMessage message) {
        try {
            Address[] recipients = message.getAllRecipients();
            String to =
                    recipients == null || recipients.length == 0 ? "" : ((InternetAddress) recipients[0]).getAddress();
            String sender = ((InternetAddress) message.getFrom()[0]).getPersonal();
            Object content = message.getContent();
            return new Received(to, sender, message.getSubject(), content.toString(), message.getMessageID());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
