package io.ibasho.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupCacheTest {
    @TempDir
    Path temp;

    @Test
    void onlyAJdk25OrNewerGetsCacheFlagsAndTheEnvironmentCanTurnThemOff() {
        assertFalse(StartupCache.usable(21, null), "JDK 21 does not know -XX:AOTCacheOutput");
        assertFalse(StartupCache.usable(24, null));
        assertTrue(StartupCache.usable(25, null));
        assertTrue(StartupCache.usable(26, "true"));
        assertFalse(StartupCache.usable(25, "false"));
        assertFalse(StartupCache.usable(25, " FALSE "));
        assertTrue(StartupCache.forThisJdk(temp, Map.of("IBASHO_AOT_CACHE", "false"))
                .isEmpty());
    }

    @Test
    void theFirstStartTrainsTheCacheIsUsedOnlyOnceWrittenWholeAndANewBuildTrainsAgain() throws Exception {
        Path app = Files.createDirectories(temp.resolve("event/quarkus-app"));
        Path jar = Files.writeString(app.resolve("quarkus-run.jar"), "one");
        Files.createDirectories(app.resolve("lib/main"));
        Files.writeString(app.resolve("lib/main/a.jar"), "a");
        Path caches = temp.resolve("aot");
        StartupCache cache = new StartupCache(caches, "25.0.1+8");

        List<String> first = cache.optionsFor("event", app);
        Path training = StartupCache.trainingOutput(first).orElseThrow();
        assertTrue(first.get(0).startsWith("-XX:AOTCacheOutput="), first.toString());

        // killed while it wrote (its temporary configuration still there): nothing kept, trained again next time
        Files.writeString(training, "half");
        Files.writeString(training.resolveSibling(training.getFileName() + ".config"), "x");
        assertFalse(StartupCache.promote(training, true));
        assertFalse(Files.exists(training));
        assertEquals(first, cache.optionsFor("event", app));

        // exited by itself after writing: kept under the name a later start uses
        Files.writeString(training, "whole");
        assertTrue(StartupCache.promote(training, true));
        List<String> second = cache.optionsFor("event", app);
        assertTrue(second.get(0).startsWith("-XX:AOTCache="), second.toString());
        assertTrue(StartupCache.trainingOutput(second).isEmpty());
        Path written = Path.of(second.get(0).substring("-XX:AOTCache=".length()));
        assertEquals("whole", Files.readString(written));

        // a process that had to be killed leaves nothing behind
        Path other = StartupCache.trainingOutput(new StartupCache(caches, "25.0.2+1").optionsFor("event", app))
                .orElseThrow();
        Files.writeString(other, "whole");
        assertFalse(StartupCache.promote(other, false));
        assertFalse(Files.exists(other));

        // the jar rebuilt (same size, new time): another key, a training run, and the old cache deleted
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        List<String> rebuilt = cache.optionsFor("event", app);
        assertTrue(StartupCache.trainingOutput(rebuilt).isPresent());
        assertNotEquals(training, StartupCache.trainingOutput(rebuilt).orElseThrow());
        assertFalse(Files.exists(written), "the cache of the old build is removed");
    }

    @Test
    void anotherApplicationsCacheIsLeftAlone() throws Exception {
        Path app = Files.createDirectories(temp.resolve("event/quarkus-app"));
        Files.writeString(app.resolve("quarkus-run.jar"), "one");
        Path caches = Files.createDirectories(temp.resolve("aot"));
        Path gateways = Files.writeString(caches.resolve("gateway-0123456789abcdef.aot"), "g");
        Path notes = Files.writeString(caches.resolve("event-notes.txt"), "n");
        new StartupCache(caches, "25").optionsFor("event", app);
        assertTrue(Files.exists(gateways));
        assertTrue(Files.exists(notes));
    }
}
