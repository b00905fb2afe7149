package io.ibasho.localstack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server started as a child process. Its PID goes to a file so that another JVM ({@code ./ibasho down}) can stop
 * exactly what this one started, and nothing else.
 */
public final class ManagedProcess {
    private final String name;
    private final Process process;
    private final Path logFile;

    private ManagedProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    public static ManagedProcess start(
            String name,
            List<String> command,
            Map<String, String> environment,
            Path workDir,
            Path logFile,
            Path pidFile) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (pidFile != null) {
                Files.createDirectories(pidFile.getParent());
                Files.writeString(pidFile, pidFileText(process.toHandle()));
            }
            return new ManagedProcess(name, process, logFile);
        } catch (IOException e) {
            throw new StackException("Could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Runs a short command to completion (initdb, Kafka's storage format); fails with the tail of its output. */
    public static void runToCompletion(
            String name,
            List<String> command,
            Map<String, String> environment,
            Path workDir,
            Path logFile,
            Duration timeout) {
        ManagedProcess started = start(name, command, environment, workDir, logFile, null);
        try {
            if (!started.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                started.process.destroyForcibly();
                throw new StackException(name + " did not finish within " + timeout.toSeconds() + " s; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException(name + " was interrupted", e);
        }
        if (started.process.exitValue() != 0) {
            throw new StackException(name + " failed (exit " + started.process.exitValue() + "); see " + logFile + ":\n"
                    + tail(logFile, 15));
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String name() {
        return name;
    }

    /** Waits for a readiness condition, failing fast (with the log's tail) if the process dies meanwhile. */
    public void awaitReady(Duration timeout, BooleanSupplier ready) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (ready.getAsBoolean()) {
                return;
            }
            if (!process.isAlive()) {
                throw new StackException(name + " exited during start-up; see " + logFile + ":\n" + tail(logFile, 20));
            }
            sleep(200);
        }
        stop(process.toHandle(), Duration.ofSeconds(5)); // never leave a half-started server behind
        throw new StackException(name + " was not ready within " + timeout.toSeconds() + " s; see " + logFile);
    }

    public void stop(Duration grace) {
        stop(process.toHandle(), grace);
    }

    /**
     * The process whose PID the file holds, if it still runs and is the one the file was written for. A PID file
     * outlives its process ({@code down} leaves it, a reboot too), and the system hands its number to another process
     * sooner or later: trusting the number alone, {@code up} once skipped a service as "running" and {@code down}
     * would have stopped a stranger (docs/benchmarks.md, round 19). How a file tells its own process:
     * <ul>
     *   <li>this launcher's (and footprint.sh's): a second line {@code started <token>}, the process's start as the
     *       kernel keeps it ({@link #startToken}); the live process must have the same;
     *   <li>PostgreSQL's {@code postmaster.pid}: its second line is the data directory, which the server's command
     *       line names;
     *   <li>a file with the PID alone (an older launcher's): the process must have started before the file was
     *       written, with a second of slack.
     * </ul>
     * The first two compare nothing across clocks. The third compares the process's start, as the JDK computes it
     * from the boot time, with the file's time on the wall clock. These two move apart whenever the wall clock is set
     * again (NTP, a virtual machine resumed by its host): on this machine by 15 s while a stack ran, and {@code down}
     * left that whole stack running (docs/benchmarks.md, round 21).
     */
    public static Optional<ProcessHandle> running(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            String firstLine = lines.isEmpty() ? "" : lines.get(0).trim();
            if (firstLine.isEmpty()) {
                return Optional.empty();
            }
            String secondLine = lines.size() > 1 ? lines.get(1).trim() : "";
            Instant written = Files.getLastModifiedTime(pidFile).toInstant();
            return ProcessHandle.of(Long.parseLong(firstLine))
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> isTheOneNamed(process, secondLine, written));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isTheOneNamed(ProcessHandle process, String secondLine, Instant written) {
        if (secondLine.startsWith(STARTED)) {
            return startToken(process)
                    .map(token -> token.equals(secondLine.substring(STARTED.length())))
                    .orElse(true);
        }
        if (!secondLine.isEmpty()) {
            // postmaster.pid: a system that shows no command line is believed
            return process.info()
                    .commandLine()
                    .map(line -> line.contains(secondLine))
                    .orElse(true);
        }
        return startedBy(process, written);
    }

    /** What this launcher writes into a PID file: the PID, then the process's start token. */
    static String pidFileText(ProcessHandle process) {
        return process.pid()
                + startToken(process).map(token -> "\n" + STARTED + token).orElse("") + "\n";
    }

    private static final String STARTED = "started ";

    /**
     * A process's start as the kernel keeps it, the same for as long as it runs: on Linux its start time in clock
     * ticks since boot ({@code /proc/PID/stat}, field 22), elsewhere the start instant the system reports.
     */
    static Optional<String> startToken(ProcessHandle process) {
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        if (Files.isReadable(stat)) {
            try {
                String text = Files.readString(stat);
                // the fields after the command's name, which may hold spaces and ends at the last ')': state first
                String[] fields =
                        text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
                return Optional.of("ticks:" + fields[19]);
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return process.info().startInstant().map(started -> "instant:" + started.toEpochMilli());
    }

    /** Whether the process had started when its PID file was written (a system that cannot tell is believed). */
    static boolean startedBy(ProcessHandle process, Instant written) {
        // the start time is read in clock ticks and a file's time may be coarse: a second of slack
        return process.info()
                .startInstant()
                .map(started -> !started.isAfter(written.plus(PID_FILE_SLACK)))
                .orElse(true);
    }

    private static final Duration PID_FILE_SLACK = Duration.ofSeconds(1);

    /** SIGTERM first (servers shut down cleanly), then SIGKILL for the process and anything it spawned. */
    public static void stop(ProcessHandle handle, Duration grace) {
        List<ProcessHandle> descendants = handle.descendants().toList();
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    /**
     * JVM options for a quick start: C1 only. Local stacks and test servers live minutes, and on two cores the C2
     * compiler's threads compete with the start itself; the benchmark turns this off
     * ({@code IBASHO_JVM_QUICK_START=false}) to measure peak throughput.
     */
    static List<String> quickStartOptions() {
        return "false".equalsIgnoreCase(System.getenv("IBASHO_JVM_QUICK_START"))
                ? List.of()
                : List.of("-XX:TieredStopAtLevel=1");
    }

    /**
     * The command that runs one of the launcher's own classes as a process of its own (the stand-ins), from the
     * launcher's own code, with a small heap and the quick-start options.
     */
    static List<String> ownClassCommand(String maxHeap, Class<?> mainClass, String... args) {
        String classPath;
        try {
            classPath = Path.of(mainClass
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new StackException("cannot find the launcher's own code: " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-Xmx" + maxHeap);
        command.addAll(quickStartOptions());
        command.addAll(List.of("-cp", classPath, mainClass.getName()));
        command.addAll(List.of(args));
        return command;
    }

    static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
