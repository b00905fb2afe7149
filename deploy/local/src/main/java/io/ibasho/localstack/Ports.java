package io.ibasho.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Port checks: a taken port is reported in one clear line instead of a server that hangs or dies later. */
public final class Ports {
    private Ports() {}

    /** An ephemeral port that was free a moment ago (tests run many servers side by side). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StackException("No free TCP port on 127.0.0.1: " + e.getMessage(), e);
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
