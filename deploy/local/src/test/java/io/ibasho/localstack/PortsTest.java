package io.ibasho.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {
    @Test
    void aStacksPortsAreDistinctBindableAndBelowTheKernelsEphemeralRange() throws Exception {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            int port = Ports.freePort();
            assertTrue(ports.add(port), "port " + port + " handed out twice");
            assertTrue(port >= 20_000 && port <= 31_999, "port " + port + " outside 20000-31999");
        }
        int port = Ports.freePort();
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, server.getLocalPort());
        }
    }

    @Test
    void aPortClaimedByAnotherJvmIsNotHandedOutAgain() {
        int port = Ports.freePort();
        // another JVM of the machine asks for the same port: its claim fails while this one's lasts
        assertFalse(Ports.reserve(port), "port " + port + " claimed twice");
    }
}
