package io.ibasho.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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

    /** A port that was free a moment ago and that this JVM has not handed out before (tests run many servers). */
    public static int freePort() {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST_FREE_PORT, LAST_FREE_PORT + 1);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new StackException("No free TCP port on 127.0.0.1 between " + FIRST_FREE_PORT + " and " + LAST_FREE_PORT);
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
