package io.quizplatform.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real PostgreSQL from zonky's embedded binaries, with one role and the four service databases.
 * As root, zonky runs initdb/pg_ctl under {@code unshare -U} so PostgreSQL sees a non-root uid.
 */
final class PostgresComponent extends Component {

    static final String ROLE = "quiz_platform";
    static final List<String> DATABASES = List.of("user_db", "quiz_db", "answer_db", "scoring_db");

    private final int port;
    private final Path home;
    private final Path dataDir;
    private final Path logFile;
    private final boolean wipeAtFirstStart;
    private final String password;
    private boolean firstStart = true;
    private EmbeddedPostgres postgres;
    private Long postmasterPid;

    PostgresComponent(int port, Path workDir, boolean wipeAtFirstStart, boolean external) throws IOException {
        super(external ? State.EXTERNAL : State.DOWN);
        this.port = port;
        this.home = workDir.resolve("postgres");
        this.dataDir = home.resolve("data");
        this.logFile = workDir.resolve("logs").resolve("postgres.log");
        this.wipeAtFirstStart = wipeAtFirstStart;
        this.password = external ? null : loadOrCreatePassword(credentialsFile());
    }

    /** Where the role's password is kept (mode 0600), as {@code password=...}. */
    Path credentialsFile() {
        return home.resolve("credentials.properties");
    }

    @Override
    String name() {
        return "postgres";
    }

    @Override
    int port() {
        return port;
    }

    /** USER_DB_URL, USER_DB_USER, USER_DB_PASSWORD and the same for QUIZ_, ANSWER_, SCORING_. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String db : DATABASES) {
            String prefix = db.substring(0, db.indexOf('_')).toUpperCase(java.util.Locale.ROOT) + "_DB_";
            env.put(prefix + "URL", "jdbc:postgresql://127.0.0.1:" + port + "/" + db);
            env.put(prefix + "USER", ROLE);
            env.put(prefix + "PASSWORD", password);
        }
        return env;
    }

    @Override
    protected void doStart() throws Exception {
        stopStale(dataDir);
        if (firstStart && wipeAtFirstStart) {
            deleteTree(dataDir);
        }
        firstStart = false;
        Files.createDirectories(dataDir);
        Files.createDirectories(logFile.getParent());
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                // we wipe test data ourselves, once per stack start: zonky would also wipe on every stop
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                // zonky keeps waiting even after pg_ctl has given up; 30 s is plenty for a start without initdb
                .setPGStartupWait(Duration.ofSeconds(30))
                .setServerConfig("listen_addresses", "127.0.0.1")
                // TCP only: a killed postmaster's /tmp/.s.PGSQL.<port>.lock would block the next start while
                // the dead process is an unreaped zombie, and nothing here uses the Unix socket
                .setServerConfig("unix_socket_directories", "")
                // four Liberty datasources with default pools can exceed PostgreSQL's default of 100
                .setServerConfig("max_connections", "300")
                .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()))
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .start();
        postmasterPid = Processes.readPid(dataDir.resolve("postmaster.pid")).orElse(null);
        createRoleAndDatabases();
    }

    @Override
    protected void doStop() throws Exception {
        if (postgres != null) {
            postgres.close(); // pg_ctl stop -m fast
            postgres = null;
        }
        // pg_ctl gives up after 5 s; make sure the postmaster and its backends are really gone
        if (postmasterPid != null) {
            ProcessHandle.of(postmasterPid).ifPresent(h -> {
                if (!Processes.waitForExit(h, Duration.ofSeconds(15))) {
                    Processes.kill(h, h.descendants().toList());
                }
            });
            postmasterPid = null;
        }
    }

    @Override
    protected void doKill() throws Exception {
        if (postmasterPid != null) {
            ProcessHandle.of(postmasterPid).ifPresent(h -> Processes.kill(h, h.descendants().toList()));
        }
        doStop();
    }

    @Override
    protected void describe(Map<String, Object> into) {
        if (postmasterPid != null) {
            into.put("pid", postmasterPid);
        }
    }

    /**
     * True once zonky has unpacked its binaries on this machine (it caches them under
     * ot.epg.working-dir, default java.io.tmpdir/embedded-pg, in PG-&lt;digest&gt;/.exists).
     */
    static boolean binariesCached() {
        Path dir = Path.of(System.getProperty("ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
        try (Stream<Path> children = Files.list(dir)) {
            return children.anyMatch(d -> d.getFileName().toString().startsWith("PG-")
                    && Files.exists(d.resolve(".exists")));
        } catch (IOException e) {
            return false;
        }
    }

    /** The superuser is trusted on loopback (we need it to create the role); the app role needs its password. */
    private static void writeHba(Path dataDir) {
        String hba = """
                # written by local-stack
                local all all trust
                host all postgres 127.0.0.1/32 trust
                host all all 127.0.0.1/32 scram-sha-256
                """;
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), hba);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void createRoleAndDatabases() throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            boolean roleExists;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                ps.setString(1, ROLE);
                try (ResultSet rs = ps.executeQuery()) {
                    roleExists = rs.next();
                }
            }
            // the password is [A-Za-z0-9] only, so inlining it is safe; DDL takes no bind parameters
            s.execute((roleExists ? "ALTER ROLE " : "CREATE ROLE ") + ROLE + " LOGIN PASSWORD '" + password + "'");
            for (String db : DATABASES) {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    ps.setString(1, db);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            s.execute("CREATE DATABASE " + db + " OWNER " + ROLE);
                        }
                    }
                }
            }
        }
    }

    /**
     * A postmaster left behind by a killed launcher keeps the port and the data directory:
     * ask it to stop fast (SIGINT), then kill it. A postmaster.pid of a dead process is removed.
     */
    static void stopStale(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        var live = Processes.liveFromPidFile(pidFile, dataDir.toString());
        if (live.isPresent()) {
            ProcessHandle postmaster = live.get();
            Log.info("stopping a leftover PostgreSQL (pid " + postmaster.pid() + ")");
            List<ProcessHandle> backends = postmaster.descendants().toList();
            Processes.signal(postmaster.pid(), "INT");
            if (!Processes.waitForExit(postmaster, Duration.ofSeconds(15))) {
                Processes.kill(postmaster, backends);
            }
        }
        Files.deleteIfExists(pidFile);
    }

    private static String loadOrCreatePassword(Path file) throws IOException {
        Properties props = new Properties();
        if (Files.exists(file)) {
            try (var in = Files.newInputStream(file)) {
                props.load(in);
            }
            String existing = props.getProperty("password");
            if (existing != null && existing.matches("[A-Za-z0-9]{8,}")) {
                return existing;
            }
        }
        String password = randomPassword(24);
        props.setProperty("user", ROLE);
        props.setProperty("password", password);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (var out = Files.newOutputStream(file)) {
            props.store(out, "PostgreSQL role used by the quiz platform services (generated by local-stack)");
        }
        return password;
    }

    static String randomPassword(int length) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
