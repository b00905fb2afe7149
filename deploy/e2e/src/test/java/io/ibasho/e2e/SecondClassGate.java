package io.ibasho.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lets a second class run beside the first only once this build's other test JVMs are done
 * (docs/adr/0054-the-second-end-to-end-class-waits-for-the-other-lanes.md).
 *
 * <p>The module's classes run on two threads (junit-platform.properties, ADR 0043), but under {@code ./ibasho test} the
 * services' modules fill both cores on the other lanes for most of the build, and a second class there only slowed
 * them (and the Keycloak they share). So every class first takes one of the gate's permits, registered for every class
 * of the module (META-INF/services): one permit while another surefire or failsafe JVM of this checkout runs, two
 * once none has run for {@link #QUIET} in a row (the gap between two modules of a lane is a few seconds). Run alone,
 * the module gets its second class after {@link #QUIET}.
 */
public final class SecondClassGate implements BeforeAllCallback {
    /** How long no other test JVM of this checkout must run before the second permit. */
    static final Duration QUIET = Duration.ofSeconds(10);

    private static final Semaphore PERMITS = new Semaphore(1, true);
    private static final Path CHECKOUT = checkout();
    private static volatile boolean watching;

    @Override
    public void beforeAll(ExtensionContext context) throws InterruptedException {
        watchOtherTestJvms();
        PERMITS.acquire();
        // released when the class's context closes, after its @AfterAll, whatever happened in it
        context.getStore(ExtensionContext.Namespace.create(SecondClassGate.class))
                .put("permit", (AutoCloseable) PERMITS::release);
    }

    private static synchronized void watchOtherTestJvms() {
        if (watching) {
            return;
        }
        watching = true;
        Thread watcher = new Thread(
                () -> {
                    long quietSince = System.nanoTime();
                    while (System.nanoTime() - quietSince < QUIET.toNanos()) {
                        if (anotherTestJvmRuns()) {
                            quietSince = System.nanoTime();
                        }
                        try {
                            Thread.sleep(1_000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    System.out.println("[SecondClassGate] no other test JVM of this checkout for " + QUIET.toSeconds()
                            + " s: two classes at a time from now on");
                    PERMITS.release();
                },
                "second-class-gate");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * A surefire or failsafe fork whose working directory lies in this checkout, other than this JVM and its ancestors
     * (surefire starts a fork through a shell whose command line names the same booter).
     */
    static boolean anotherTestJvmRuns() {
        Set<Long> ourselves = new HashSet<>();
        for (Optional<ProcessHandle> p = Optional.of(ProcessHandle.current());
                p.isPresent();
                p = p.get().parent()) {
            ourselves.add(p.get().pid());
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p ->
                            !ourselves.contains(Long.parseLong(p.getFileName().toString())))
                    .anyMatch(SecondClassGate::isTestJvmOfThisCheckout);
        } catch (IOException | UncheckedIOException e) {
            return false; // no /proc (not Linux): nothing to wait for
        }
    }

    private static boolean isTestJvmOfThisCheckout(Path process) {
        try {
            String commandLine = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
            return commandLine.contains("surefirebooter")
                    && Files.readSymbolicLink(process.resolve("cwd")).startsWith(CHECKOUT);
        } catch (IOException | SecurityException e) {
            return false; // ended meanwhile, or another user's
        }
    }

    /** The checkout's root: the nearest folder up from this module that holds the Maven wrapper's .mvn. */
    private static Path checkout() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve(".mvn"))) {
                return d;
            }
        }
        return dir;
    }
}
