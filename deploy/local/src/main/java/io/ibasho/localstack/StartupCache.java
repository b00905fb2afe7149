package io.ibasho.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A JDK AOT cache (JEP 483/514) per application, for {@code ./ibasho up}: the classes an application loads and links
 * while it starts, kept from one start to the next, so that a later start maps them instead of loading, verifying and
 * linking some 20,000 classes again (docs/adr/0057-a-start-up-cache-per-application.md).
 *
 * <p>Only with a JDK 25 or newer (the one that runs this launcher runs the applications; older JDKs do not know the
 * flags). A cache belongs to one application's packaged files and one JDK build: its name holds a hash of both, so a
 * rebuilt jar or another JDK gets a new one. The first start without a cache is the training run
 * ({@code -XX:AOTCacheOutput}); the JVM writes the cache when it exits, which {@code down} waits for
 * ({@link #trainingGrace()}), and only then is the file given the name that later starts use: a training run killed
 * before it finished leaves nothing that a start would read. The JVM itself checks a cache before using it (JDK build,
 * class path with each jar's size and time) and starts without it, with a warning, when it does not fit.
 *
 * <p>{@code IBASHO_AOT_CACHE=false} turns it off (the benchmark does: it measures the applications as they run
 * anywhere, and a training run records while it serves).
 */
public final class StartupCache {
    /** The oldest JDK whose {@code -XX:AOTCacheOutput} trains and writes a cache in one run (JEP 514). */
    static final int FIRST_JDK = 25;

    private static final String TRAINING = ".training.aot";
    private static final String READY = ".aot";

    private final Path directory;
    private final String jdkBuild;

    StartupCache(Path directory, String jdkBuild) {
        this.directory = directory;
        this.jdkBuild = jdkBuild;
    }

    /**
     * The cache in {@code directory} when this JDK can use one and the environment does not turn it off, else empty
     * (the applications then start as before, without any cache flag).
     */
    public static Optional<StartupCache> forThisJdk(Path directory, Map<String, String> environment) {
        return usable(Runtime.version().feature(), environment.get("IBASHO_AOT_CACHE"))
                ? Optional.of(new StartupCache(directory, System.getProperty("java.vm.version", "?")))
                : Optional.empty();
    }

    static boolean usable(int jdkFeature, String setting) {
        return jdkFeature >= FIRST_JDK && !"false".equalsIgnoreCase(setting == null ? "" : setting.strip());
    }

    /**
     * The JVM options for starting {@code app} from {@code appDir} (its {@code quarkus-app} folder): the cache when one
     * was written for these files and this JDK, else a training run that writes it at exit. Caches of the same
     * application for other files or JDKs, and a training run's leftovers, are deleted first.
     */
    public List<String> optionsFor(String app, Path appDir) {
        String key = key(appDir);
        Path ready = directory.resolve(app + "-" + key + READY);
        try {
            Files.createDirectories(directory);
            try (Stream<Path> files = Files.list(directory)) {
                for (Path old :
                        files.filter(f -> belongsTo(f, app) && !f.equals(ready)).toList()) {
                    Files.deleteIfExists(old);
                }
            }
        } catch (IOException e) {
            throw new StackException("Cannot prepare the start-up cache in " + directory + ": " + e.getMessage(), e);
        }
        if (Files.isRegularFile(ready)) {
            return List.of("-XX:AOTCache=" + ready);
        }
        // the JVM's notes about classes it leaves out of the cache (e.g. Netty's OpenSSL classes, unused here) are
        // warnings in the application's log; the result is logged as "AOTCache creation is complete"
        return List.of("-XX:AOTCacheOutput=" + directory.resolve(app + "-" + key + TRAINING), "-Xlog:aot=error");
    }

    private static boolean belongsTo(Path file, String app) {
        String name = file.getFileName().toString();
        return name.startsWith(app + "-")
                && name.length() == app.length() + 1 + 16 + suffixOf(name).length()
                && !suffixOf(name).isEmpty();
    }

    private static String suffixOf(String name) {
        if (name.endsWith(TRAINING)) {
            return TRAINING;
        }
        if (name.endsWith(TRAINING + ".config")) {
            return TRAINING + ".config";
        }
        return name.endsWith(READY) ? READY : "";
    }

    /** The training run's output file named in a command line, if it is one. */
    static Optional<Path> trainingOutput(List<String> arguments) {
        return arguments.stream()
                .filter(a -> a.startsWith("-XX:AOTCacheOutput="))
                .map(a -> Path.of(a.substring("-XX:AOTCacheOutput=".length())))
                .filter(p -> p.getFileName().toString().endsWith(TRAINING))
                .findFirst();
    }

    /** How long {@code down} lets a training run take to write its cache after SIGTERM (about 20-60 s measured). */
    static java.time.Duration trainingGrace() {
        return java.time.Duration.ofSeconds(240);
    }

    /**
     * After a training run exited: its cache under the name later starts use, if the JVM finished writing it (its
     * temporary configuration file gone); else the leftovers deleted.
     */
    static boolean promote(Path training, boolean exitedByItself) {
        Path config = training.resolveSibling(training.getFileName() + ".config");
        String name = training.getFileName().toString();
        Path ready = training.resolveSibling(name.substring(0, name.length() - TRAINING.length()) + READY);
        try {
            if (exitedByItself && Files.isRegularFile(training) && !Files.exists(config)) {
                Files.move(training, ready, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return true;
            }
            Files.deleteIfExists(training);
            Files.deleteIfExists(config);
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * 16 hex digits of a SHA-256 over the JDK build and every file of the packaged application (path, size, time):
     * what the JVM checks a cache against, so a new key whenever the check would fail.
     */
    String key(Path appDir) {
        try (Stream<Path> files = Files.walk(appDir)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(jdkBuild.getBytes(StandardCharsets.UTF_8));
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String entry = appDir.relativize(file) + "\t" + Files.size(file) + "\t"
                        + Files.getLastModifiedTime(file).toMillis() + "\n";
                digest.update(entry.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (IOException e) {
            throw new StackException("Cannot read " + appDir + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
