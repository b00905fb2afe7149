package io.ibasho.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A PID file names its own process only: not another one that was given the same number later. */
class ManagedProcessTest {
    @TempDir
    Path dir;

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
    void postgresqlsOwnPidFileOfARunningServerIsBelieved() throws Exception {
        // postmaster.pid: the PID, then the data directory, the start time, the port...; written once it started
        Path pidFile = dir.resolve("postmaster.pid");
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n" + dir + "\n1796490000\n5432\n");

        assertTrue(ManagedProcess.running(pidFile).isPresent());
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
