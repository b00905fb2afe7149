package io.ibasho.localstack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server from the binaries that zonky publishes on Maven Central, run with initdb and pg_ctl.
 * PostgreSQL refuses to run as root; when we are root (containers, CI) it runs as the unprivileged uid 65534.
 */
public final class PostgresServer {
    public static final String USER = "postgres";
    private static final int NOBODY = 65534;
    private static final List<String> BINARY_RESOURCES = List.of(
            "postgres-linux-x86_64.txz",
            "postgres-linux-arm_64.txz",
            "postgres-darwin-x86_64.txz",
            "postgres-darwin-arm_64.txz");

    private final Path installDir;
    private final Path dataDir;
    private final Path logFile;
    private final int port;

    public PostgresServer(Path distDir, String version, Path dataDir, Path logFile, int port) {
        this.installDir = distDir.resolve("postgres-" + version);
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.port = port;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    public boolean isRunning() {
        return ManagedProcess.running(dataDir.resolve("postmaster.pid")).isPresent();
    }

    public Optional<ProcessHandle> process() {
        return ManagedProcess.running(dataDir.resolve("postmaster.pid"));
    }

    public void start() {
        installBinaries();
        prepareDirectories();
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            ManagedProcess.runToCompletion(
                    "initdb",
                    asServerUser(List.of(
                            bin("initdb"),
                            "-A",
                            "trust",
                            "-U",
                            USER,
                            "-E",
                            "UTF8",
                            "--locale=C",
                            "-D",
                            dataDir.toString())),
                    Map.of(),
                    installDir,
                    logFile,
                    Duration.ofSeconds(120));
        }
        // pg_ctl -w returns once the server accepts connections; no Unix socket, so nothing is left in /tmp.
        ManagedProcess.runToCompletion(
                "pg_ctl start",
                asServerUser(List.of(
                        bin("pg_ctl"),
                        "-D",
                        dataDir.toString(),
                        "-w",
                        "-t",
                        "60",
                        "-l",
                        dataDir.resolve("server.log").toString(),
                        "-o",
                        "-p " + port
                                + " -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200 -c fsync=on"
                                + MEMORY_AND_CHECKPOINTS
                                + extraSettings(),
                        "start")),
                Map.of(),
                installDir,
                logFile,
                Duration.ofSeconds(90));
    }

    /**
     * The stack's databases outgrow PostgreSQL's default 128 MB of shared buffers within minutes of bookings (round 33:
     * registration 207 MB, notification 200 MB), and the default 1 GB of WAL between checkpoints asked for one every
     * minute or so: the backends then wrote dirty buffers themselves and every checkpoint's first change of a page
     * logged the whole page. Shared memory is taken as it is touched; the WAL is recycled after each checkpoint.
     */
    static final String MEMORY_AND_CHECKPOINTS = " -c shared_buffers=1GB -c max_wal_size=8GB";

    /**
     * Settings of this stack only, as {@code name=value} separated by spaces in {@code IBASHO_POSTGRES_SETTINGS}: for a
     * measurement (the benchmark's {@code shared_preload_libraries=pg_stat_statements}), never needed to run Ibasho. They come after {@link #MEMORY_AND_CHECKPOINTS}, so they may change those too.
     */
    static String extraSettings() {
        String settings = System.getenv("IBASHO_POSTGRES_SETTINGS");
        if (settings == null || settings.isBlank()) {
            return "";
        }
        StringBuilder options = new StringBuilder();
        for (String setting : settings.trim().split("\\s+")) {
            if (!setting.matches("[a-z_.]+=[A-Za-z0-9_.,]+")) {
                throw new StackException("IBASHO_POSTGRES_SETTINGS: not name=value: " + setting);
            }
            options.append(" -c ").append(setting);
        }
        return options.toString();
    }

    public void stop() {
        if (!isRunning()) {
            return;
        }
        try {
            ManagedProcess.runToCompletion(
                    "pg_ctl stop",
                    asServerUser(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-m", "fast", "-w", "stop")),
                    Map.of(),
                    installDir,
                    logFile,
                    Duration.ofSeconds(60));
        } catch (StackException e) {
            process().ifPresent(p -> ManagedProcess.stop(p, Duration.ofSeconds(5)));
        }
    }

    /** Creates the database if it does not exist yet (one database per service). */
    public void createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name " + name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "")) {
            boolean exists;
            try (var statement = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                statement.setString(1, name);
                exists = statement.executeQuery().next();
            }
            if (!exists) {
                try (var statement = connection.createStatement()) {
                    statement.execute("create database " + name);
                }
            }
        } catch (SQLException e) {
            throw new StackException(
                    "Could not create database " + name + " on port " + port + ": " + e.getMessage(), e);
        }
    }

    private String bin(String name) {
        return installDir.resolve("bin").resolve(name).toString();
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private List<String> asServerUser(List<String> command) {
        if (!runningAsRoot()) {
            return command;
        }
        List<String> wrapped =
                new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        wrapped.addAll(command);
        return wrapped;
    }

    private void prepareDirectories() {
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(logFile.getParent());
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            if (runningAsRoot()) {
                requireTraversable(dataDir);
                Files.setAttribute(dataDir, "unix:uid", NOBODY);
                Files.setAttribute(dataDir, "unix:gid", NOBODY);
                if (!Files.exists(logFile)) {
                    Files.createFile(logFile);
                }
            }
        } catch (IOException e) {
            throw new StackException(
                    "Cannot prepare PostgreSQL's data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** uid 65534 must be able to walk down to the data directory. */
    private static void requireTraversable(Path dir) {
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            try {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(p);
                if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new StackException(
                            "PostgreSQL runs as uid " + NOBODY + " when you are root, and it cannot enter " + p
                                    + "; put the project (or IBASHO_HOME) in a directory others may traverse, e.g. /srv or /tmp.");
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Extracts the server binaries once; concurrent test JVMs (and lanes started by one JVM) serialise on a file lock. */
    private void installBinaries() {
        if (Files.isExecutable(installDir.resolve("bin/pg_ctl"))) {
            return;
        }
        try {
            Files.createDirectories(installDir.getParent());
            Path lockFile = installDir.getParent().resolve(installDir.getFileName() + ".lock");
            FileLocks.holding(lockFile, () -> {
                if (Files.isExecutable(installDir.resolve("bin/pg_ctl"))) {
                    return null;
                }
                Path staging = Files.createTempDirectory(installDir.getParent(), "postgres-extract");
                try (InputStream archive = openBinaryArchive();
                        TarArchiveInputStream tar = new TarArchiveInputStream(
                                new XZCompressorInputStream(new BufferedInputStream(archive)))) {
                    extract(tar, staging);
                }
                makeWorldReadable(staging);
                Files.move(staging, installDir, StandardCopyOption.ATOMIC_MOVE);
                return null;
            });
        } catch (IOException e) {
            throw new StackException(
                    "Cannot install the PostgreSQL binaries into " + installDir + ": " + e.getMessage(), e);
        }
    }

    private static InputStream openBinaryArchive() {
        for (String resource : BINARY_RESOURCES) {
            InputStream in = PostgresServer.class.getClassLoader().getResourceAsStream(resource);
            if (in != null) {
                return in;
            }
        }
        throw new StackException(
                "No PostgreSQL binaries for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                        + " on the classpath; point IBASHO_PG_URL at a PostgreSQL server you run yourself.");
    }

    private static void extract(TarArchiveInputStream tar, Path target) throws IOException {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            Path path = target.resolve(entry.getName()).normalize();
            if (!path.startsWith(target)) {
                throw new IOException("archive entry outside the target: " + entry.getName());
            }
            if (entry.isDirectory()) {
                Files.createDirectories(path);
            } else if (entry.isSymbolicLink()) {
                Files.createDirectories(path.getParent());
                Files.deleteIfExists(path);
                Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
            } else {
                Files.createDirectories(path.getParent());
                Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                boolean executable = (entry.getMode() & 0100) != 0;
                Files.setPosixFilePermissions(
                        path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static void makeWorldReadable(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }
}
