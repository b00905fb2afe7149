package io.ibasho.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A real Keycloak from the keycloak-quarkus-dist zip on Maven Central, in start-dev mode with the project's realm
 * imported. {@code --hostname} pins the token issuer so that localhost and 127.0.0.1 callers see the same {@code iss}.
 */
public final class KeycloakServer {
    public static final String REALM = "ibasho";
    public static final String REALM_RESOURCE = "/io/ibasho/localstack/realm/ibasho-realm.json";
    /** The realm's login theme ({@code loginTheme: ibasho}), from deploy/keycloak/themes. */
    public static final String THEMES_RESOURCE = "/io/ibasho/localstack/themes";

    private final Path zip;
    private final Path installDir;
    private final Path dataDir;
    private final Path logFile;
    private final Path pidFile;
    private final int port;
    private final int managementPort;
    private final String appUrl;
    private ManagedProcess process;
    private boolean forTests;
    private boolean importsRealm = true;
    private String realm = REALM;
    /** Where the realm's mail (a password reset) goes on ./ibasho up: the SMTP stand-in's port, or null as shipped. */
    private Integer smtpPort;

    /**
     * Points the imported realm's {@code smtpServer} at this port (the local stack's SMTP stand-in). The shipped file
     * keeps 32526, the port the tests' own SMTP servers listen on (PasswordResetByEmailTest).
     */
    public KeycloakServer withSmtpPort(int port) {
        this.smtpPort = port;
        return this;
    }

    /** The realm file with its {@code smtpServer}'s port replaced. */
    public static String withSmtpPort(String realm, int port) {
        java.util.regex.Matcher smtp = java.util.regex.Pattern.compile(
                        "(\"smtpServer\"\\s*:\\s*\\{[^}]*?\"port\"\\s*:\\s*\")(\\d+)(\")")
                .matcher(realm);
        if (!smtp.find()) {
            throw new StackException("The realm file has no smtpServer port to point at the SMTP stand-in");
        }
        return realm.substring(0, smtp.start(2)) + port + realm.substring(smtp.end(2));
    }

    public KeycloakServer(
            Path zip,
            String version,
            Path distDir,
            Path dataDir,
            Path logFile,
            Path pidFile,
            int port,
            int managementPort) {
        this(zip, version, distDir, dataDir, logFile, pidFile, port, managementPort, null);
    }

    /** @param appUrl where the login theme's "back to the app" link leads (the gateway), or null for its default */
    public KeycloakServer(
            Path zip,
            String version,
            Path distDir,
            Path dataDir,
            Path logFile,
            Path pidFile,
            int port,
            int managementPort,
            String appUrl) {
        this.appUrl = appUrl;
        this.zip = zip;
        this.installDir = distDir.resolve("keycloak-" + version);
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.pidFile = pidFile;
        this.port = port;
        this.managementPort = managementPort;
    }

    /**
     * A Keycloak for tests only (the build's test servers, never {@code ./ibasho up} nor deploy/keycloak): the realm as
     * shipped, except that passwords are hashed with one PBKDF2 round ({@link #realmForTests()}) and that its RS256
     * signing key is made once per server instead of at every import ({@link #realmForTests(String, String)}); user
     * sessions are kept in memory only (the server lives as long as the build, and is never restarted under it).
     */
    public KeycloakServer forTests() {
        this.forTests = true;
        return this;
    }

    /**
     * A Keycloak started without the project's realm (only {@code master}): the build's one Keycloak for every lane of
     * test servers, where each lane makes its own copy of the realm ({@link #realmForTests(String)}) and names it in
     * {@link #inRealm(String)}. Ready once {@code master} is served.
     */
    public KeycloakServer withoutRealmImport() {
        this.importsRealm = false;
        return this;
    }

    /**
     * The same running server, seen through another realm: {@link #realmUrl()} (the issuer) names {@code realm}. Only
     * for a server this object does not start or stop (the build's shared Keycloak, one realm per lane).
     */
    public KeycloakServer inRealm(String realm) {
        if (!realm.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("realm name " + realm);
        }
        KeycloakServer view = new KeycloakServer(this);
        view.realm = realm;
        return view;
    }

    private KeycloakServer(KeycloakServer server) {
        this.appUrl = server.appUrl;
        this.zip = server.zip;
        this.installDir = server.installDir;
        this.dataDir = server.dataDir;
        this.logFile = server.logFile;
        this.pidFile = server.pidFile;
        this.port = server.port;
        this.managementPort = server.managementPort;
        this.forTests = server.forTests;
        this.importsRealm = server.importsRealm;
        this.realm = server.realm;
    }

    /**
     * Deletes this realm on the running server (users, sessions, a changed password policy) and imports it again as
     * shipped for tests ({@link #realmForTests(String)}), through the admin API; the server's other realms are not
     * touched. A lane's clean slate on the build's shared Keycloak.
     */
    public void resetRealm() {
        String base = baseUrl().replace("localhost", "127.0.0.1");
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> login = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "grant_type=password&client_id=admin-cli&username=admin&password=admin"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            requireStatus(login, 200, "the admin's sign-in");
            java.util.regex.Matcher token = java.util.regex.Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"")
                    .matcher(login.body());
            if (!token.find()) {
                throw new StackException("Keycloak's admin sign-in gave no access token");
            }
            String bearer = "Bearer " + token.group(1);
            HttpResponse<String> deleted = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + realm))
                            .header("Authorization", bearer)
                            .DELETE()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (deleted.statusCode() != 404) { // none yet: the lane's first use
                requireStatus(deleted, 204, "the realm's deletion");
            }
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/admin/realms"))
                            .header("Authorization", bearer)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(realmForTests(realm, testSigningKey())))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            requireStatus(created, 201, "the realm's import");
        } catch (IOException e) {
            throw new StackException("Cannot reset the realm " + realm + " on Keycloak: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while resetting the realm " + realm, e);
        }
    }

    private static void requireStatus(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new StackException(what + " on Keycloak answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** The realm the services under test trust: {@value #REALM} as shipped, or a lane's copy of it in tests. */
    public String realm() {
        return realm;
    }

    /**
     * A lane's realm for tests, signing with the given RS256 key (PKCS#8, base64) instead of keys Keycloak generates at
     * import. Generating them (an RSA key for signatures and one for encryption, two 2048-bit prime searches in a C1-only
     * JVM) was two thirds of an import's CPU: 1.5-2.9 CPU s against 0.5-0.8 s with a given key, 3-6 s against 1-3 s of
     * wall time (docs/benchmarks.md, round 15). Tokens are still RS256 with a 2048-bit key, as the services expect;
     * the encryption key was never used (no client asks for encrypted tokens).
     */
    public static byte[] realmForTests(String realmName, String signingKeyPkcs8) {
        String realm = new String(realmForTests(realmName), java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher components =
                java.util.regex.Pattern.compile("\"components\"\\s*:\\s*\\{").matcher(realm);
        if (!components.find()) {
            throw new StackException("The realm file has no components to add the test signing key to");
        }
        String keys = "\"org.keycloak.keys.KeyProvider\": ["
                + "{\"name\": \"rsa\", \"providerId\": \"rsa\", \"subComponents\": {}, \"config\": {\"priority\": [\"100\"],"
                + " \"algorithm\": [\"RS256\"], \"privateKey\": [\"" + signingKeyPkcs8 + "\"]}},"
                + "{\"name\": \"hmac-generated\", \"providerId\": \"hmac-generated\", \"subComponents\": {},"
                + " \"config\": {\"priority\": [\"100\"], \"algorithm\": [\"HS512\"]}},"
                + "{\"name\": \"aes-generated\", \"providerId\": \"aes-generated\", \"subComponents\": {},"
                + " \"config\": {\"priority\": [\"100\"]}}],";
        return (realm.substring(0, components.end()) + keys + realm.substring(components.end()))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The RS256 key this test server's realms sign with: made once (the first import) and kept beside the server's
     * data, where every lane's import reads it. Two first imports at once may both make one; each realm then signs with
     * the key it was imported with, which is all a realm needs.
     */
    String testSigningKey() {
        Path file = dataDir.resolve("test-realm-signing-key.pk8");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String key = java.util.Base64.getEncoder()
                    .encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
            Files.createDirectories(dataDir);
            Path staged = Files.createTempFile(dataDir, "signing-key", ".tmp");
            Files.writeString(staged, key);
            try {
                Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                Files.deleteIfExists(staged);
            }
            return Files.readString(file).strip();
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new StackException(
                    "Cannot make the test realm's signing key in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** The project's realm for tests under another name: one copy per lane of test servers on the one Keycloak. */
    public static byte[] realmForTests(String realmName) {
        String realm = new String(realmForTests(), java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher name = java.util.regex.Pattern.compile("\"realm\"\\s*:\\s*\"" + REALM + "\"")
                .matcher(realm);
        if (!name.find()) {
            throw new StackException("The realm file names no realm \"" + REALM + "\" to rename for a lane");
        }
        return (realm.substring(0, name.start()) + "\"realm\": \"" + realmName + "\"" + realm.substring(name.end()))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The project's realm for test servers: the shipped policy plus one cheap hash round. Every password grant and every
     * account a test makes costs the shipped hash (about 0.15 s of CPU here); the tests make hundreds, on two cores.
     * The policy rules a woman meets (length, not the username) are unchanged.
     */
    public static byte[] realmForTests() {
        String realm;
        try (InputStream in = KeycloakServer.class.getResourceAsStream(REALM_RESOURCE)) {
            if (in == null) {
                throw new StackException("The realm file " + REALM_RESOURCE + " is missing from the local-stack jar");
            }
            realm = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException("Cannot read the realm file: " + e.getMessage(), e);
        }
        java.util.regex.Matcher policy = java.util.regex.Pattern.compile("\"passwordPolicy\"\\s*:\\s*\"([^\"]*)\"")
                .matcher(realm);
        if (!policy.find()) {
            throw new StackException("The realm file has no passwordPolicy to make cheap for tests");
        }
        String cheap = policy.group(1) + " and hashAlgorithm(pbkdf2-sha256) and hashIterations(1)";
        return (realm.substring(0, policy.start(1)) + cheap + realm.substring(policy.end(1)))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The base URL clients use; the issuer is {@code baseUrl()/realms/<realm>} ({@link #realmUrl()}). */
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public String realmUrl() {
        return baseUrl() + "/realms/" + realm;
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    public Optional<ProcessHandle> runningProcess() {
        return ManagedProcess.running(pidFile);
    }

    public void start() {
        start(Duration.ofSeconds(240));
    }

    /** Starts and waits for the realm to be served; a longer wait suits one start on a loaded machine better than retries. */
    public void start(Duration readyWithin) {
        install();
        installThemes();
        try {
            Files.createDirectories(dataDir);
            // start-dev imports from the distribution's data/import; the file is the same for every instance,
            // so it is replaced atomically and concurrent starts never read half a file.
            Path importDir = installDir.resolve("data/import");
            Files.createDirectories(importDir);
            Path staged = Files.createTempFile(importDir, "realm", ".tmp");
            if (forTests) {
                Files.write(staged, realmForTests(REALM, testSigningKey()));
            } else {
                try (InputStream realm = KeycloakServer.class.getResourceAsStream(REALM_RESOURCE)) {
                    if (realm == null) {
                        throw new StackException(
                                "The realm file " + REALM_RESOURCE + " is missing from the local-stack jar");
                    }
                    if (smtpPort == null) {
                        Files.copy(realm, staged, StandardCopyOption.REPLACE_EXISTING);
                    } else {
                        String shipped = new String(realm.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                        Files.writeString(staged, withSmtpPort(shipped, smtpPort));
                    }
                }
            }
            Files.move(
                    staged,
                    importDir.resolve("ibasho-realm.json"),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StackException("Cannot prepare Keycloak's data in " + dataDir + ": " + e.getMessage(), e);
        }
        String javaHome =
                Path.of(ManagedProcess.javaExecutable()).getParent().getParent().toString();
        List<String> command = new java.util.ArrayList<>(List.of(
                "bash",
                installDir.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--hostname=" + baseUrl(),
                "--http-management-port=" + managementPort,
                // Each instance keeps its own database (the stack's survives restarts; a test's is thrown away).
                "--db-url=jdbc:h2:file:" + dataDir.resolve("h2/keycloakdb") + ";NON_KEYWORDS=VALUE"));
        if (importsRealm) {
            command.add("--import-realm");
        }
        if (forTests) {
            // Sessions in memory: a password grant without its two database writes took half the time (63 against 132
            // ms each, round 15). A build feature: a distribution shared with ./ibasho up is built again when
            // switching.
            command.add("--features-disabled=persistent-user-sessions");
        }
        Map<String, String> environment = new java.util.HashMap<>(Map.of(
                "JAVA_HOME", javaHome,
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin",
                "JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1 -Xms64m -Xmx512m"));
        if (appUrl != null) {
            environment.put("IBASHO_APP_URL", appUrl); // read by the theme's theme.properties
        }
        if (Files.exists(builtMarker())) {
            launch(command, environment, readyWithin);
            return;
        }
        // The first start of an unpacked distribution also builds it (Quarkus' re-augmentation, written into the
        // distribution): two first starts at once would both write it. The first one builds under this lock; a
        // concurrent start (another lane) waits only for that, then starts on the built distribution.
        Path lockFile = installDir.getParent().resolve(installDir.getFileName() + ".build.lock");
        ManagedProcess building;
        try {
            building = FileLocks.holding(lockFile, () -> {
                if (Files.exists(builtMarker())) {
                    return null;
                }
                long logBefore = Files.exists(logFile) ? Files.size(logFile) : 0;
                ManagedProcess first =
                        ManagedProcess.start("keycloak", command, environment, installDir, logFile, pidFile);
                // the build is written before the server starts: the next lane may start as soon as it is
                first.awaitReady(readyWithin, () -> logSince(logBefore).contains("Running the server"));
                Files.writeString(builtMarker(), "built by the first start-dev\n");
                return first;
            });
        } catch (IOException e) {
            throw new StackException("Cannot lock Keycloak's distribution for its first build: " + e.getMessage(), e);
        }
        if (building == null) { // another start built it while this one waited for the lock
            launch(command, environment, readyWithin);
            return;
        }
        process = building;
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        process.awaitReady(readyWithin, () -> isRealmServed(http));
    }

    private String logSince(long offset) {
        try (var in = Files.newInputStream(logFile)) {
            in.skipNBytes(Math.min(offset, Files.size(logFile)));
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private Path builtMarker() {
        return installDir.resolve(".ibasho-built");
    }

    private void launch(List<String> command, Map<String, String> environment, Duration readyWithin) {
        process = ManagedProcess.start("keycloak", command, environment, installDir, logFile, pidFile);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        process.awaitReady(readyWithin, () -> isRealmServed(http));
    }

    public void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(20));
        } else {
            runningProcess().ifPresent(p -> ManagedProcess.stop(p, Duration.ofSeconds(20)));
        }
    }

    private boolean isRealmServed(HttpClient http) {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/realms/"
                                    + (importsRealm ? realm : "master")
                                    + "/.well-known/openid-configuration"))
                            .timeout(Duration.ofSeconds(3))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Copies the project's themes into the distribution's {@code themes/} folder, where Keycloak loads them without a
     * build step (start-dev does not cache them). Every file is replaced atomically: other instances of the same
     * distribution may be serving pages meanwhile.
     */
    private void installThemes() {
        java.net.URL root = KeycloakServer.class.getResource(THEMES_RESOURCE);
        if (root == null) {
            throw new StackException("The themes " + THEMES_RESOURCE + " are missing from the local-stack jar");
        }
        Path target = installDir.resolve("themes");
        try {
            URI uri = root.toURI();
            if ("jar".equals(uri.getScheme())) {
                java.nio.file.FileSystem jar;
                boolean opened = false;
                try {
                    jar = java.nio.file.FileSystems.newFileSystem(uri, Map.of());
                    opened = true;
                } catch (java.nio.file.FileSystemAlreadyExistsException e) {
                    jar = java.nio.file.FileSystems.getFileSystem(uri);
                }
                try {
                    copyTree(jar.getPath(THEMES_RESOURCE), target);
                } finally {
                    if (opened) {
                        jar.close();
                    }
                }
            } else {
                copyTree(Path.of(uri), target);
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new StackException("Cannot install the login theme into " + target + ": " + e.getMessage(), e);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        List<Path> files;
        try (java.util.stream.Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            Path destination = target.resolve(source.relativize(file).toString());
            Files.createDirectories(destination.getParent());
            Path staged = Files.createTempFile(destination.getParent(), ".theme", ".tmp");
            Files.copy(file, staged, StandardCopyOption.REPLACE_EXISTING);
            Files.move(staged, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Unpacks the distribution once per version; concurrent test JVMs serialise on a file lock. */
    private void install() {
        if (Files.exists(installDir.resolve("bin/kc.sh"))) {
            return;
        }
        if (!Files.isReadable(zip)) {
            throw new StackException(
                    "The Keycloak distribution " + zip + " is missing; run ./mvnw install once to download it.");
        }
        try {
            Files.createDirectories(installDir.getParent());
            Path lockFile = installDir.getParent().resolve(installDir.getFileName() + ".lock");
            FileLocks.holding(lockFile, () -> {
                if (Files.exists(installDir.resolve("bin/kc.sh"))) {
                    return null;
                }
                Path staging = Files.createTempDirectory(installDir.getParent(), "keycloak-extract");
                unzipWithoutTopFolder(zip, staging);
                Files.move(staging, installDir, StandardCopyOption.ATOMIC_MOVE);
                return null;
            });
        } catch (IOException e) {
            throw new StackException("Cannot unpack Keycloak into " + installDir + ": " + e.getMessage(), e);
        }
    }

    private static void unzipWithoutTopFolder(Path zipPath, Path target) throws IOException {
        try (ZipFile zipFile = new ZipFile(zipPath.toFile())) {
            Enumeration<? extends ZipEntry> entries = zipFile.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                int slash = name.indexOf('/');
                String relative = slash < 0 ? "" : name.substring(slash + 1);
                if (relative.isEmpty()) {
                    continue;
                }
                Path path = target.resolve(relative).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("zip entry outside the target: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                try (InputStream in = zipFile.getInputStream(entry)) {
                    Files.copy(in, path, StandardCopyOption.REPLACE_EXISTING);
                }
                if (relative.startsWith("bin/") && relative.endsWith(".sh")) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }
}
