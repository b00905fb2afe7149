package io.ibasho.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ./ibasho up's SMTP stand-in, without the stack: the notification service's own SMTP client (Vert.x' mail client, as
 * Quarkus' mailer uses it) sends to it, the page and {@code /last} show the mail decoded, {@code /receipts} has one line
 * per mail with its Message-ID, and the stack runs it and points notification at it only when no SMTP server is
 * configured.
 */
class SmtpStandInTest {
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void acceptsWhatTheMailerSendsAndShowsItDecoded() throws Exception {
        SmtpStandIn standIn = SmtpStandIn.start(0, 0);
        Vertx vertx = Vertx.vertx();
        try {
            MailClient client = MailClient.create(
                    vertx,
                    new MailConfig()
                            .setHostname("127.0.0.1")
                            .setPort(standIn.smtpPort())
                            .setStarttls(StartTLSOptions.DISABLED)
                            .setKeepAlive(true));
            String body = "Ibasho に新しいお知らせが届いています。\n\n確認コード: 123456\n\n" + ".a line that starts with a dot\n"
                    + "x".repeat(120) + "\n";
            for (String to : List.of("bench-1@example.invalid", "bench-2@example.invalid")) {
                MailMessage mail = new MailMessage()
                        .setFrom("Ibasho <no-reply@ibasho.example>")
                        .setTo(to)
                        .setSubject("Ibasho からのお知らせ")
                        .setText(body);
                mail.setHeaders(io.vertx.core.MultiMap.caseInsensitiveMultiMap()
                        .add("Message-ID", "<" + to.substring(0, 7) + "@ibasho.example>"));
                client.sendMail(mail).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            }
            // one after another on the pooled connection, as notification's sender sends (printed: with Nagle on the
            // stand-in's socket a mail took 40 ms or more, the client's delayed ACK; no bound here, the machine is
            // shared)
            long started = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                MailMessage mail = new MailMessage()
                        .setFrom("Ibasho <no-reply@ibasho.example>")
                        .setTo("later@example.invalid")
                        .setSubject("Ibasho からのお知らせ")
                        .setText(body);
                client.sendMail(mail).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            }
            long perMailMicros = (System.nanoTime() - started) / 50_000;
            System.out.println("SmtpStandInTest: " + perMailMicros + " µs a mail, 50 in turn on one connection");
            client.close();

            assertEquals(52, standIn.acceptedCount());
            assertEquals(
                    List.of("bench-2@example.invalid"),
                    standIn.received().stream()
                            .filter(m -> !m.to().contains("later@example.invalid"))
                            .findFirst()
                            .orElseThrow()
                            .to());
            SmtpStandIn.Received newest = standIn.received().get(50);
            assertEquals(List.of("bench-2@example.invalid"), newest.to());
            assertEquals("Ibasho からのお知らせ", newest.subject());
            assertEquals("<bench-2@ibasho.example>", newest.messageId());
            assertTrue(newest.body().replace("\r\n", "\n").startsWith(body.stripTrailing()), newest.body());

            String base = "http://127.0.0.1:" + standIn.pagePort();
            HttpResponse<String> last = get(base + "/last?to=BENCH-1%40example.invalid");
            assertEquals(200, last.statusCode());
            assertTrue(last.body().contains("確認コード: 123456"), last.body());
            assertTrue(last.body().contains("\n.a line that starts with a dot"), last.body());
            assertEquals(404, get(base + "/last?to=nobody%40example.invalid").statusCode());

            List<String> receipts = get(base + "/receipts").body().lines().toList();
            assertEquals(52, receipts.size());
            long now = Instant.now().toEpochMilli();
            for (String receipt : receipts) {
                long at = Long.parseLong(receipt.split(" ")[0]);
                assertTrue(at <= now && at > now - 60_000, receipt);
                assertFalse(receipt.contains("example.invalid"), "a receipt says nothing about the recipient");
            }
            assertEquals("<bench-1@ibasho.example>", receipts.get(0).split(" ")[1]);

            String page = get(base + "/").body();
            assertTrue(page.contains("local stack only"), page);
            assertTrue(page.contains("Ibasho からのお知らせ"), page);
            assertTrue(page.contains("bench-1@example.invalid"), page);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            standIn.stop();
        }
    }

    @Test
    void speaksPlainSmtpAndRefusesOutOfOrderCommands() throws Exception {
        SmtpStandIn standIn = SmtpStandIn.start(0, 0);
        try (Socket socket = new Socket("127.0.0.1", standIn.smtpPort())) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            assertTrue(in.readLine().startsWith("220 "));
            assertEquals("250 localhost", send(out, in, "HELO test"));
            assertTrue(send(out, in, "DATA").startsWith("503 "));
            assertTrue(send(out, in, "RCPT TO:<a@example.invalid>").startsWith("503 "));
            assertTrue(send(out, in, "VRFY someone").startsWith("502 "));
            assertEquals("250 OK", send(out, in, "MAIL FROM:<no-reply@ibasho.example>"));
            assertEquals("250 OK", send(out, in, "RCPT TO:<a@example.invalid>"));
            assertEquals("250 OK", send(out, in, "RSET"));
            assertTrue(send(out, in, "DATA").startsWith("503 "), "RSET forgot the recipients");
            assertEquals("250 OK", send(out, in, "MAIL FROM:<no-reply@ibasho.example>"));
            assertEquals("250 OK", send(out, in, "RCPT TO:<a@example.invalid>"));
            assertTrue(send(out, in, "DATA").startsWith("354 "));
            out.write(("Subject: =?UTF-8?B?SWJhc2hvIOOBi+OCieOBruOBiuefpeOCieOBmw==?=\r\n"
                            + "Content-Type: text/plain; charset=utf-8\r\n"
                            + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                            + "=E3=82=B3=E3=83=BC=E3=83=89 =\r\n654321\r\n..\r\n.\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertTrue(in.readLine().startsWith("250 "));
            // pipelined (RFC 2920), as Vert.x' client sends when PIPELINING is offered: answered in order
            assertTrue(send(out, in, "EHLO test").startsWith("250-"));
            String capability;
            boolean pipelining = false;
            do {
                capability = in.readLine();
                pipelining |= capability.endsWith("PIPELINING");
            } while (capability.startsWith("250-"));
            assertTrue(pipelining);
            out.write(("MAIL FROM:<no-reply@ibasho.example>\r\nRCPT TO:<b@example.invalid>\r\nDATA\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("250 OK", in.readLine());
            assertEquals("250 OK", in.readLine());
            assertTrue(in.readLine().startsWith("354 "));
            out.write("Subject: two\r\n\r\nsecond\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(in.readLine().startsWith("250 "));
            assertEquals("221 Bye", send(out, in, "QUIT"));
        } finally {
            standIn.stop();
        }
        assertEquals(2, standIn.acceptedCount());
        assertEquals("second\r\n", standIn.received().get(0).body());
        SmtpStandIn.Received mail = standIn.received().get(1);
        assertEquals("Ibasho からのお知らせ", mail.subject());
        assertEquals("コード 654321\r\n.\r\n", mail.body());
        assertEquals("", mail.messageId());
    }

    @Test
    void aReceiptReadsTheMessageIdFromTheHeadOnlyFoldedOrInAnyCase() {
        assertEquals(
                "<a@ibasho.example>",
                SmtpStandIn.messageIdOf(bytes("Subject: x\r\nmessage-id: <a@ibasho.example>\r\n\r\nbody\r\n")));
        assertEquals(
                "<b@ibasho.example> (folded)",
                SmtpStandIn.messageIdOf(bytes("Message-ID: <b@ibasho.example>\r\n (folded)\r\nTo: c\r\n\r\nx")));
        // a Message-ID line in the body is not the mail's
        assertEquals("", SmtpStandIn.messageIdOf(bytes("Subject: x\r\n\r\nMessage-ID: <not@ibasho.example>\r\n")));
        assertEquals("", SmtpStandIn.messageIdOf(bytes("")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void upRunsTheStandInOnlyWhenNoSmtpServerIsConfigured() throws Exception {
        Path home = Files.createTempDirectory("ibasho-smtp-stand-in");
        StackSettings settings = StackSettings.fromEnvironment(home, Map.of("IBASHO_HOME", home.toString()));
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        LocalStack local = new LocalStack(settings, Artifacts.load(), out)
                .withEnvironment(Map.of())
                .withSmtpStandIn(33125, 33191);
        assertTrue(local.smtpStandInUsed());
        Map<String, String> env = notificationEnv(local);
        assertEquals("127.0.0.1", env.get("QUARKUS_MAILER_HOST"));
        assertEquals("33125", env.get("QUARKUS_MAILER_PORT"));
        assertEquals("DISABLED", env.get("QUARKUS_MAILER_START_TLS"));
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        new LocalStack(settings, Artifacts.load(), new PrintStream(status, true, StandardCharsets.UTF_8))
                .withEnvironment(Map.of())
                .withSmtpStandIn(33125, 33191)
                .status();
        assertTrue(status.toString(StandardCharsets.UTF_8).contains("smtp      :33125"), status.toString());
        ByteArrayOutputStream guide = new ByteArrayOutputStream();
        new LocalStack(settings, Artifacts.load(), new PrintStream(guide, true, StandardCharsets.UTF_8))
                .withEnvironment(Map.of())
                .withSmtpStandIn(33125, 33191)
                .printGuide();
        assertTrue(guide.toString(StandardCharsets.UTF_8).contains("http://localhost:33191/"), guide.toString());
        assertTrue(SmtpStandIn.command(33125, 33191).contains(SmtpStandIn.class.getName()));

        // a real SMTP server in the shell's environment wins: no stand-in, and the shell's settings reach notification
        LocalStack real = new LocalStack(settings, Artifacts.load(), out)
                .withEnvironment(Map.of("QUARKUS_MAILER_HOST", "smtp.example.org"))
                .withSmtpStandIn(33125, 33191);
        assertFalse(real.smtpStandInUsed());
        assertFalse(notificationEnv(real).containsKey("QUARKUS_MAILER_HOST"));
        // the tests' stacks (no withSmtpStandIn) have none
        assertFalse(new LocalStack(settings, Artifacts.load(), out)
                .withEnvironment(Map.of())
                .smtpStandInUsed());
        assertEquals(8125, Main.smtpStandInPort(Map.of()));
        assertEquals(8191, Main.smtpStandInPagePort(Map.of()));
        assertEquals(33125, Main.smtpStandInPort(Map.of("IBASHO_SMTP_STAND_IN_PORT", "33125")));
    }

    private static String send(OutputStream out, BufferedReader in, String command) throws Exception {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return in.readLine();
    }

    private static Map<String, String> notificationEnv(LocalStack stack) {
        return stack.apps().stream()
                .filter(app -> app.name().equals("notification"))
                .findFirst()
                .orElseThrow()
                .environment();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Exploratory test: on ./ibasho up the "forgot password" mail never arrived, the realm sending it to 32526 (the
     * tests' SMTP port). The realm ./ibasho up imports names the stand-in's port; the shipped file keeps 32526.
     */
    @Test
    void theRealmUpImportsSendsItsMailToTheStandIn() throws Exception {
        String shipped;
        try (var in = KeycloakServer.class.getResourceAsStream(KeycloakServer.REALM_RESOURCE)) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(
                shipped.matches("(?s).*\"smtpServer\"\\s*:\\s*\\{[^}]*\"port\"\\s*:\\s*\"32526\".*"), "shipped port");
        String local = KeycloakServer.withSmtpPort(shipped, 33125);
        assertTrue(local.matches("(?s).*\"smtpServer\"\\s*:\\s*\\{[^}]*\"port\"\\s*:\\s*\"33125\".*"), "stand-in port");
        assertFalse(local.contains("32526"));
        // nothing else of the realm changes
        assertEquals(shipped.replace("\"32526\"", "\"33125\""), local);
    }
}
