package io.ibasho.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local stack's stand-in for an SMTP relay (a developer's machine has none), so that a woman who chooses e-mail on
 * {@code ./ibasho up} (or in a demo) can confirm her address and read what she is sent. Two halves:
 *
 * <ul>
 *   <li>an SMTP server on 127.0.0.1 that accepts every mail the notification service sends (EHLO/HELO, MAIL, RCPT,
 *       DATA, RSET, NOOP, QUIT, with PIPELINING; no TLS, no AUTH: it is never reachable from another machine), keeps it in memory and
 *       delivers it nowhere;
 *   <li>a page at {@code /} on a second port that shows the newest mails as they were sent (the neutral sender and
 *       subject, the body decoded), {@code /last?to=ADDRESS} (the newest body to one address, as text: how a script
 *       reads a confirmation code) and {@code /receipts} (one line per mail accepted: epoch milliseconds of the
 *       {@code 250} after DATA and the Message-ID, nothing about the recipient: what the benchmark measures).
 * </ul>
 *
 * Runs as its own process ({@link #main}) with only the JDK, its PID kept like every server of the stack. It logs its
 * start and nothing about any mail: addresses and codes stay in its memory and on its page (docs/adr/0066).
 */
public final class SmtpStandIn {
    /** Mails shown on the page with their bodies: the newest ones. */
    static final int MAX_SHOWN = 200;
    /**
     * Receipts kept for {@code /receipts}: the newest, as the benchmark reads those of its last rows (within its 64 MB
     * heap). Its warm-ups send more than 250,000 mails, and keeping the first 100,000 lost every measured row's
     * (docs/benchmarks.md, round 29).
     */
    static final int MAX_RECEIPTS = 100_000;

    private static final int MAX_MESSAGE_BYTES = 1 << 20;
    private static final Pattern ADDRESS = Pattern.compile("<([^>]*)>");
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([bBqQ])\\?([^?]*)\\?=");

    /** A mail it accepted: when (the 250 after DATA), to whom (the envelope's recipients), and what. */
    public record Received(Instant at, List<String> to, String messageId, String subject, String body) {}

    private record Receipt(long atMillis, String messageId) {}

    /**
     * A mail as it arrived, decoded only when the page or {@code /last} shows it: the benchmark sends hundreds a second
     * on the services' cores, and decoding every one cost the stand-in as much CPU as the notification service spent
     * sending them (docs/benchmarks.md, round 30).
     */
    private record Arrived(Instant at, List<String> to, byte[] data) {
        Received decoded() {
            return parse(at, to, new String(data, StandardCharsets.UTF_8));
        }
    }

    private final ServerSocket smtp;
    private final HttpServer page;
    // a platform thread per SMTP session (the mailer keeps a handful open): a blocked read waits in the kernel, where a
    // virtual thread's was parked and unparked through the JDK's poller, at several reads a mail
    private final ExecutorService sessions = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("smtp-session-", 0).factory());
    private final Deque<Arrived> shown = new ArrayDeque<>();
    private final Deque<Receipt> receipts = new ArrayDeque<>();
    private long accepted;

    private SmtpStandIn(ServerSocket smtp, HttpServer page) {
        this.smtp = smtp;
        this.page = page;
    }

    /** Starts SMTP on 127.0.0.1:{@code smtpPort} and the page on {@code pagePort} (0: a free one). */
    public static SmtpStandIn start(int smtpPort, int pagePort) throws IOException {
        ServerSocket smtp = new ServerSocket(smtpPort, 128, InetAddress.getByName("127.0.0.1"));
        HttpServer page = HttpServer.create(new InetSocketAddress("127.0.0.1", pagePort), 0);
        SmtpStandIn standIn = new SmtpStandIn(smtp, page);
        page.createContext("/", standIn::handlePage);
        page.start();
        Thread.ofPlatform().name("smtp-accept").daemon().start(standIn::acceptLoop);
        return standIn;
    }

    public int smtpPort() {
        return smtp.getLocalPort();
    }

    public int pagePort() {
        return page.getAddress().getPort();
    }

    public void stop() {
        try {
            smtp.close();
        } catch (IOException e) {
            // closing anyway
        }
        page.stop(0);
        sessions.shutdownNow();
    }

    public List<Received> received() {
        List<Arrived> arrived;
        synchronized (this) {
            arrived = List.copyOf(shown);
        }
        return arrived.stream().map(Arrived::decoded).toList();
    }

    public synchronized long acceptedCount() {
        return accepted;
    }

    /** The notification service's settings for this stand-in: its mailer sends here, in plain SMTP. */
    public static Map<String, String> notificationEnvironment(int smtpPort) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", Integer.toString(smtpPort));
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        env.put("QUARKUS_MAILER_TLS", "false");
        env.put("QUARKUS_MAILER_MOCK", "false");
        return env;
    }

    /** {@code java -cp local-stack.jar io.ibasho.localstack.SmtpStandIn <smtp port> <page port>}: until stopped. */
    public static void main(String[] args) throws Exception {
        SmtpStandIn standIn = start(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        System.out.println("SMTP stand-in: SMTP on 127.0.0.1:" + standIn.smtpPort() + ", page on http://127.0.0.1:"
                + standIn.pagePort() + "/ (mails kept in memory only, never delivered, never logged)");
        Thread.currentThread().join();
    }

    /** The command that runs it as a process of its own, with the launcher's own code. */
    static List<String> command(int smtpPort, int pagePort) {
        return ManagedProcess.ownClassCommand(
                "64m", SmtpStandIn.class, Integer.toString(smtpPort), Integer.toString(pagePort));
    }

    private void acceptLoop() {
        while (!smtp.isClosed()) {
            try {
                Socket socket = smtp.accept();
                sessions.execute(() -> converse(socket));
            } catch (IOException e) {
                if (smtp.isClosed()) {
                    return;
                }
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return;
            }
        }
    }

    /** One SMTP session (RFC 5321's minimum), as many mails as the client sends before QUIT. */
    private void converse(Socket socket) {
        try (socket) {
            socket.setSoTimeout(300_000);
            // no Nagle: with it, the second of two pipelined answers waited for the client's delayed ACK (40 ms a mail)
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = new PipelinedAnswers(socket.getOutputStream(), in);
            reply(out, "220 localhost ESMTP Ibasho's local SMTP stand-in");
            List<String> recipients = new ArrayList<>();
            boolean mailFrom = false;
            Lines lines = new Lines(in);
            String line;
            while ((line = lines.next()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (verb) {
                    // PIPELINING as real relays offer it (RFC 2920): the client sends MAIL, RCPT and DATA without
                    // waiting for
                    // each answer; answered in order here, as they are read
                    case "EHLO" ->
                        reply(out, "250-localhost\r\n250-PIPELINING\r\n250-SIZE " + MAX_MESSAGE_BYTES + "\r\n250 HELP");
                    case "HELO" -> reply(out, "250 localhost");
                    case "MAIL" -> {
                        mailFrom = true;
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        if (!mailFrom) {
                            reply(out, "503 MAIL first");
                        } else {
                            Matcher address = ADDRESS.matcher(line);
                            recipients.add(address.find() ? address.group(1) : line.substring(line.indexOf(':') + 1));
                            reply(out, "250 OK");
                        }
                    }
                    case "DATA" -> {
                        if (recipients.isEmpty()) {
                            reply(out, "503 RCPT first");
                            continue;
                        }
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        byte[] data = lines.data();
                        if (data == null) {
                            return;
                        }
                        if (data.length > MAX_MESSAGE_BYTES) {
                            reply(out, "552 Message too large");
                        } else {
                            keep(Instant.now(), recipients, data);
                            reply(out, "250 OK accepted");
                        }
                        mailFrom = false;
                        recipients.clear();
                    }
                    case "RSET" -> {
                        mailFrom = false;
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away: nothing to keep
        }
    }

    private synchronized void keep(Instant at, List<String> recipients, byte[] data) {
        accepted++;
        shown.addFirst(new Arrived(at, List.copyOf(recipients), data));
        while (shown.size() > MAX_SHOWN) {
            shown.removeLast();
        }
        receipts.addLast(new Receipt(at.toEpochMilli(), messageIdOf(data)));
        if (receipts.size() > MAX_RECEIPTS) {
            receipts.removeFirst();
        }
    }

    /**
     * Answers buffered while more pipelined commands are already waiting, and sent when the client waits (RFC 2920: one
     * segment for the answers to MAIL, RCPT and DATA).
     */
    private static final class PipelinedAnswers extends java.io.BufferedOutputStream {
        private final InputStream in;

        PipelinedAnswers(OutputStream out, InputStream in) {
            super(out);
            this.in = in;
        }

        @Override
        public synchronized void flush() throws IOException {
            if (in.available() == 0) {
                super.flush();
            }
        }

        @Override
        public synchronized void close() throws IOException {
            super.flush();
            super.close();
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The lines of one session, read into one buffer that the session reuses. */
    private static final class Lines {
        private final InputStream in;
        private byte[] buffer = new byte[1024];
        private int length;

        Lines(InputStream in) {
            this.in = in;
        }

        /** A line without its CRLF (or LF), or null at the end of the stream. */
        String next() throws IOException {
            return read() ? new String(buffer, 0, length, StandardCharsets.UTF_8) : null;
        }

        /** The message after DATA up to the lone dot, dot-unstuffed, lines joined with CRLF; null if the client left. */
        byte[] data() throws IOException {
            ByteArrayOutputStream data = new ByteArrayOutputStream(4096);
            while (read()) {
                if (length == 1 && buffer[0] == '.') {
                    return data.toByteArray();
                }
                if (data.size() <= MAX_MESSAGE_BYTES) {
                    int from = length > 0 && buffer[0] == '.' ? 1 : 0;
                    data.write(buffer, from, length - from);
                    data.write('\r');
                    data.write('\n');
                }
            }
            return null;
        }

        /** Reads the next line into the buffer; false at the end of the stream with nothing read. */
        private boolean read() throws IOException {
            length = 0;
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    if (length > 0 && buffer[length - 1] == '\r') {
                        length--;
                    }
                    return true;
                }
                if (length < MAX_MESSAGE_BYTES) {
                    if (length == buffer.length) {
                        buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_MESSAGE_BYTES));
                    }
                    buffer[length++] = (byte) b;
                }
            }
            return length > 0;
        }
    }

    /** The Message-ID header's value (folded lines joined), or "" if it has none: all a receipt needs of a mail. */
    static String messageIdOf(byte[] data) {
        return headersOf(new String(data, 0, headLength(data), StandardCharsets.UTF_8))
                .getOrDefault("message-id", "");
    }

    private static int headLength(byte[] data) {
        for (int i = 0; i + 3 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
                return i;
            }
        }
        return data.length;
    }

    /** Headers and a single-part body decoded (quoted-printable or base64, its charset); anything else shown raw. */
    static Received parse(Instant at, List<String> to, String message) {
        int split = message.indexOf("\r\n\r\n");
        String head = split < 0 ? message : message.substring(0, split);
        String body = split < 0 ? "" : message.substring(split + 4);
        Map<String, String> headers = headersOf(head);
        String type = headers.getOrDefault("content-type", "text/plain");
        Charset charset = charsetOf(type);
        String encoding =
                headers.getOrDefault("content-transfer-encoding", "7bit").trim().toLowerCase(Locale.ROOT);
        String text = body;
        if (type.toLowerCase(Locale.ROOT).startsWith("text/")) {
            if (encoding.equals("quoted-printable")) {
                text = new String(quotedPrintable(body, false), charset);
            } else if (encoding.equals("base64")) {
                text = new String(Base64.getMimeDecoder().decode(body.strip()), charset);
            }
        }
        return new Received(
                at,
                to,
                headers.getOrDefault("message-id", ""),
                decodeHeader(headers.getOrDefault("subject", "")),
                text);
    }

    /** A mail's head as header name (lower case) to value, folded lines joined. */
    private static Map<String, String> headersOf(String head) {
        Map<String, String> headers = new LinkedHashMap<>();
        String name = null;
        for (String line : head.split("\r\n")) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                headers.merge(name, line, String::concat); // folded: the continuation keeps its whitespace
            } else if (line.indexOf(':') > 0) {
                name = line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                headers.put(name, line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return headers;
    }

    private static Charset charsetOf(String contentType) {
        Matcher charset = Pattern.compile("charset=\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE)
                .matcher(contentType);
        try {
            return charset.find() ? Charset.forName(charset.group(1)) : StandardCharsets.UTF_8;
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** RFC 2047: encoded words decoded; the whitespace between two adjacent encoded words dropped. */
    static String decodeHeader(String value) {
        String unfolded = value.replaceAll("\r\n[ \t]", " ");
        StringBuilder out = new StringBuilder();
        Matcher word = ENCODED_WORD.matcher(unfolded);
        int last = 0;
        boolean previousWasWord = false;
        while (word.find()) {
            String between = unfolded.substring(last, word.start());
            if (!(previousWasWord && between.isBlank())) {
                out.append(between);
            }
            Charset charset;
            try {
                charset = Charset.forName(word.group(1));
            } catch (RuntimeException e) {
                charset = StandardCharsets.UTF_8;
            }
            byte[] bytes = word.group(2).equalsIgnoreCase("b")
                    ? Base64.getDecoder().decode(word.group(3))
                    : quotedPrintable(word.group(3), true);
            out.append(new String(bytes, charset));
            last = word.end();
            previousWasWord = true;
        }
        return out.append(unfolded.substring(last)).toString();
    }

    /** Quoted-printable bytes; {@code header}: the Q encoding, where "_" is a space. */
    static byte[] quotedPrintable(String text, boolean header) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '=' && i + 1 < in.length && (in[i + 1] == '\r' || in[i + 1] == '\n')) {
                i += in[i + 1] == '\r' && i + 2 < in.length && in[i + 2] == '\n' ? 2 : 1; // a soft line break
            } else if (b == '=' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
            } else if (header && b == '_') {
                out.write(' ');
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }

    private void handlePage(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "text/plain; charset=utf-8", "GET only");
            } else if ("/".equals(path)) {
                answer(exchange, 200, "text/html; charset=utf-8", page());
            } else if ("/last".equals(path)) {
                String to = query(exchange, "to");
                String body = received().stream()
                        .filter(mail -> mail.to().stream().anyMatch(address -> address.equalsIgnoreCase(to)))
                        .map(Received::body)
                        .findFirst()
                        .orElse(null);
                if (body == null) {
                    answer(exchange, 404, "text/plain; charset=utf-8", "no mail to that address");
                } else {
                    answer(exchange, 200, "text/plain; charset=utf-8", body);
                }
            } else if ("/receipts".equals(path)) {
                StringBuilder out = new StringBuilder();
                synchronized (this) {
                    receipts.forEach(r -> out.append(r.atMillis())
                            .append(' ')
                            .append(r.messageId())
                            .append('\n'));
                }
                answer(exchange, 200, "text/plain; charset=utf-8", out.toString());
            } else {
                answer(exchange, 404, "text/plain; charset=utf-8", "not found");
            }
        }
    }

    private static String query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return "";
    }

    private String page() {
        StringBuilder out = new StringBuilder();
        out.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Mail stand-in (local stack only)</title></head><body><main>"
                + "<h1>Mail stand-in (local stack only)</h1>"
                + "<p>A developer's and demo tool of <code>./ibasho up</code>, not part of Ibasho: it plays an SMTP"
                + " relay and her mailbox at once. It accepts every e-mail the local notification service sends,"
                + " delivers none, keeps them in memory only (gone when it stops) and never logs them. Choose e-mail"
                + " in the app's settings, then read the confirmation code and her messages here. With a real SMTP"
                + " server configured (<code>QUARKUS_MAILER_HOST</code>) it does not run.</p>");
        long count = acceptedCount();
        out.append("<p>")
                .append(count)
                .append(" mail(s) accepted since it started; the newest ")
                .append(MAX_SHOWN)
                .append(" are shown, newest first.</p>");
        List<Received> mails = received();
        if (mails.isEmpty()) {
            out.append("<p>Nothing yet.</p>");
        }
        for (Received mail : mails) {
            out.append("<article><h2>")
                    .append(html(mail.subject()))
                    .append("</h2><p>")
                    .append(mail.at())
                    .append(" → ")
                    .append(html(String.join(", ", mail.to())))
                    .append("</p><pre>")
                    .append(html(mail.body()))
                    .append("</pre></article>");
        }
        return out.append("</main></body></html>").toString();
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static String html(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
