package io.ibasho.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server that accepts connections and never answers: Keycloak hung. Started on first use (the test profile's, in the
 * class loader that reads the profile); it holds every connection it accepted so that the caller's own timeout is what
 * ends them.
 */
final class StalledServer {
    private static StalledServer instance;

    private final ServerSocket socket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    private StalledServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(
                () -> {
                    while (!socket.isClosed()) {
                        try {
                            held.add(socket.accept());
                        } catch (IOException e) {
                            return;
                        }
                    }
                },
                "stalled-server");
        accepting.setDaemon(true);
        accepting.start();
    }

    static synchronized StalledServer get() {
        if (instance == null) {
            try {
                instance = new StalledServer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }
}
