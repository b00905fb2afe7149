package io.ibasho.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PID file names its own process only: not another one that was given the same number later. */
class ManagedProcessTest {
    @TempDir
    Path dir;

    // a file with the PID alone (an older launcher's): told by the process's start against the file's time
    @Test
    void aPidFileWrittenAfterItsProcessStartedNamesIt() throws Exception {
        Path pidFile = pidFileOfThisJvm();

        assertEquals(
                ProcessHandle.current().pid(),
                ManagedProcess.running(pidFile).orElseThrow().pid());
    }

    @Test
    void aProcessThatStartedAfterThePidFileWasWrittenIsNotTheOneItNames() throws Exception {
        Path pidFile = pidFileOfThisJvm();
        // as if the file were left by a process that ran an hour before this one was given its number
        Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
        Files.setLastModifiedTime(pidFile, FileTime.from(started.minus(Duration.ofHours(1))));

        assertTrue(ManagedProcess.running(pidFile).isEmpty());
    }

    @Test
    void theLaunchersPidFileNamesItsProcessHoweverFarTheClocksDriftApart() throws Exception {
        Path pidFile = dir.resolve("sleeper.pid");
        ManagedProcess sleeper = ManagedProcess.start(
                "sleeper", List.of("sleep", "30"), Map.of(), dir, dir.resolve("sleeper.log"), pidFile);
        try {
            long pid = ManagedProcess.running(pidFile).orElseThrow().pid();
            // the wall clock set 15 s ahead of the boot clock while a stack ran made every process look younger
            // than its own file, and down left the stack running (docs/benchmarks.md, round 21): here, an hour
            Instant started =
                    ProcessHandle.of(pid).orElseThrow().info().startInstant().orElseThrow();
            Files.setLastModifiedTime(pidFile, FileTime.from(started.minus(Duration.ofHours(1))));

            assertEquals(pid, ManagedProcess.running(pidFile).orElseThrow().pid());
        } finally {
            sleeper.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aLiveProcessWithAnotherStartIsNotTheOneTheLaunchersFileNames() throws Exception {
        Path pidFile = dir.resolve("app.pid");
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\nstarted ticks:1\n");

        assertTrue(ManagedProcess.running(pidFile).isEmpty());
    }

    @Test
    void postgresqlsOwnPidFileNamesTheProcessWhoseCommandLineNamesItsDataDirectory() throws Exception {
        // a stand-in server whose command line names the data directory, as "postgres -D <dir>" does
        Process server = new ProcessBuilder("sh", "-c", "sleep 30", dir.toString()).start();
        try {
            // postmaster.pid: the PID, then the data directory, the start time, the port...; written once it started
            Path pidFile = dir.resolve("postmaster.pid");
            Files.writeString(pidFile, server.pid() + "\n" + dir + "\n1796490000\n5432\n");
            assertEquals(
                    server.pid(), ManagedProcess.running(pidFile).orElseThrow().pid());

            // the same number given to a process of another command line (this JVM names no such directory)
            Files.writeString(pidFile, ProcessHandle.current().pid() + "\n" + dir + "\n1796490000\n5432\n");
            assertTrue(ManagedProcess.running(pidFile).isEmpty());
        } finally {
            server.destroyForcibly().waitFor();
        }
    }

    @Test
    void aMissingEmptyOrUnreadablePidFileNamesNothing() throws Exception {
        assertTrue(ManagedProcess.running(dir.resolve("none.pid")).isEmpty());
        assertTrue(ManagedProcess.running(Files.writeString(dir.resolve("empty.pid"), ""))
                .isEmpty());
        assertTrue(ManagedProcess.running(Files.writeString(dir.resolve("text.pid"), "event\n"))
                .isEmpty());
    }

    private Path pidFileOfThisJvm() throws Exception {
        return Files.writeString(
                dir.resolve("app.pid"), Long.toString(ProcessHandle.current().pid()));
    }
}
