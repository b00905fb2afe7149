package io.ibasho.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Port checks: a taken port is reported in one clear line instead of a server that hangs or dies later. */
public final class Ports {
    private Ports() {}

    // Below Linux' ephemeral range (32768-60999), from which the kernel takes the local port of every outgoing
    // connection: a port chosen there could be taken by some client's connection before its server binds it. Below
    // the benchmark's 32000 and the test mailer's 32525 too.
    private static final int FIRST_FREE_PORT = 20_000;
    private static final int LAST_FREE_PORT = 31_999;
    // one JVM chooses all the ports of a stack before it starts any server: the same port twice would meet only then
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    /**
     * Ports handed out by any JVM of this machine, one empty file each: the test JVMs of a build choose ports side by
     * side, and the e2e stack holds its ports unbound for a minute or more while its services start. A lane's Kafka
     * once bound a port the e2e stack had chosen for registration, which then could never start (fresh-clone run j3).
     */
    private static final Path RESERVED = Path.of(System.getProperty("java.io.tmpdir"), "ibasho-ports");
    /** A reservation this old is a leftover of an earlier run: its port may be handed out again if it is free. */
    private static final Duration RESERVATION_LASTS = Duration.ofHours(2);

    /**
     * A port that was free a moment ago and that no JVM of this machine has handed out in the last two hours (tests run
     * many servers, several test JVMs at once).
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST_FREE_PORT, LAST_FREE_PORT + 1);
            if (!HANDED_OUT.contains(port) && bindable(port) && reserve(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new StackException("No free TCP port on 127.0.0.1 between " + FIRST_FREE_PORT + " and " + LAST_FREE_PORT);
    }

    /** Claims the port for this JVM across the machine: false when another JVM claimed it within the last two hours. */
    static boolean reserve(int port) {
        Path claim = RESERVED.resolve(Integer.toString(port));
        try {
            Files.createDirectories(RESERVED);
            try {
                Files.createFile(claim);
                return true;
            } catch (FileAlreadyExistsException taken) {
                FileTime claimed = Files.getLastModifiedTime(claim);
                if (claimed.toInstant().isAfter(Instant.now().minus(RESERVATION_LASTS))) {
                    return false;
                }
                // a leftover: claimed again by touching it; two JVMs doing so at once is as unlikely as before
                Files.setLastModifiedTime(claim, FileTime.from(Instant.now()));
                return true;
            }
        } catch (IOException e) {
            return true; // no shared folder (read-only tmp): the bind check and this JVM's own set still hold
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static void requireFree(int port, String what, String setting) {
        if (isOpen(port)) {
            throw new StackException("Port " + port + " for " + what
                    + " is already in use; stop what holds it or choose another port with " + setting + ".");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new StackException("Port " + port + " for " + what + " cannot be bound (" + e.getMessage()
                    + "); choose another port with " + setting + ".");
        }
    }

    public static boolean isOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 250);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
