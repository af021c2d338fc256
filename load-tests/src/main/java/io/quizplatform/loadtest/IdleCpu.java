package io.quizplatform.loadtest;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the running stack costs while nothing happens: the CPU time (user + system, from {@code /proc/<pid>/stat})
 * each of its processes used over a window, as % of one core. It starts nothing: the pids come from the launcher's
 * control API ({@code GET /status}) of the stack already running (the run command, or the test stack).
 *
 * <p>A process's CPU time counts only what that process ran, so other load on the machine (builds, other stacks)
 * does not inflate it; it can only make the wall-clock window a little less idle for timers. PostgreSQL is counted
 * with its whole process tree (backends, autovacuum, checkpointer, and the children that ended during the window,
 * through the postmaster's {@code cutime}/{@code cstime}).
 *
 * <pre>./mvnw -q -pl load-tests exec:java@idle-cpu [-Dcontrol.url=http://127.0.0.1:19099] [-Dseconds=60]</pre>
 */
public final class IdleCpu {

    /** USER_HZ: the unit of the times in /proc/<pid>/stat; 100 on every Linux architecture we run on. */
    static final double TICKS_PER_SECOND = 100;

    public static void main(String[] args) throws Exception {
        String control = args.length > 0 ? args[0] : "http://127.0.0.1:19099";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Map<String, Long> roots = stackPids(control);
        if (roots.isEmpty()) {
            throw new IllegalStateException("no running component in " + control + "/status");
        }
        System.out.printf(Locale.ROOT, "Idle CPU of the stack at %s over %d s (%s)%n", control, seconds, roots);
        Map<String, Long> before = new LinkedHashMap<>();
        roots.forEach((name, pid) -> before.put(name, ticks(name, pid)));
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Long> after = new LinkedHashMap<>();
        roots.forEach((name, pid) -> after.put(name, ticks(name, pid)));

        double total = 0;
        System.out.printf(Locale.ROOT, "%-18s %10s %12s%n", "process", "CPU s", "% of a core");
        for (String name : roots.keySet()) {
            if (before.get(name) < 0 || after.get(name) < 0) {
                System.out.printf(Locale.ROOT, "%-18s %s%n", name, "went away during the window");
                continue;
            }
            double cpu = (after.get(name) - before.get(name)) / TICKS_PER_SECOND;
            double percent = 100 * cpu / elapsed;
            if (!name.equals("launcher")) {
                total += percent;
            }
            System.out.printf(Locale.ROOT, "%-18s %10.2f %11.2f%%%n", name, cpu, percent);
        }
        System.out.printf(Locale.ROOT, "%-18s %10s %11.2f%%   (launcher not included: it is not deployed)%n",
                "total", "", total);
    }

    /** Component name to pid, for each component of the stack that runs a process of its own. */
    static Map<String, Long> stackPids(String control) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(control + "/status")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject status;
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            status = reader.readObject();
        }
        Map<String, Long> pids = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : status.getJsonObject("components").entrySet()) {
            JsonObject component = e.getValue().asJsonObject();
            if (!"up".equals(component.getString("state", ""))) {
                continue;
            }
            if (component.containsKey("pid")) {
                pids.put(e.getKey(), component.getJsonNumber("pid").longValue());
            } else if (component.containsKey("outputDir")) {
                // A launcher from before Liberty's pid was in /status: Liberty's own pid file.
                Path pidFile = Path.of(component.getString("outputDir"), ".pid", component.getString("server") + ".pid");
                if (Files.exists(pidFile)) {
                    pids.put(e.getKey(), Long.parseLong(Files.readString(pidFile).strip()));
                }
            }
        }
        if (status.containsKey("pid")) {
            pids.put("launcher", status.getJsonNumber("pid").longValue());
        }
        return pids;
    }

    /** The launcher alone (PostgreSQL, Redis and Kafka are its children, counted on their own lines); the others with their trees. */
    static long ticks(String name, long pid) {
        if (name.equals("launcher")) {
            long[] own = stat(Path.of("/proc", Long.toString(pid), "stat"));
            return own == null ? -1 : own[1];
        }
        return treeTicks(pid);
    }

    /**
     * CPU ticks used by the process and its descendants: the live ones' utime + stime, plus the root's cutime +
     * cstime (the children it has reaped). -1 when the root is gone.
     */
    static long treeTicks(long root) {
        return treeTicks(processStats(), root);
    }

    /** Every process's {ppid, utime + stime, cutime + cstime}, by pid: one read of /proc for as many trees as wanted. */
    static Map<Long, long[]> processStats() {
        Map<Long, long[]> stats = new HashMap<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path dir : proc) {
                long[] stat = stat(dir.resolve("stat"));
                if (stat != null) {
                    stats.put(Long.parseLong(dir.getFileName().toString()), stat);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc", e);
        }
        return stats;
    }

    /** {@link #treeTicks(long)} over stats read once ({@link #processStats}). */
    static long treeTicks(Map<Long, long[]> stats, long root) {
        long[] rootStat = stats.get(root);
        if (rootStat == null) {
            return -1;
        }
        long ticks = rootStat[1] + rootStat[2];
        List<Long> frontier = new ArrayList<>(List.of(root));
        while (!frontier.isEmpty()) {
            long parent = frontier.remove(frontier.size() - 1);
            for (Map.Entry<Long, long[]> e : stats.entrySet()) {
                if (e.getValue()[0] == parent) {
                    ticks += e.getValue()[1];
                    frontier.add(e.getKey());
                }
            }
        }
        return ticks;
    }

    /** {ppid, utime + stime, cutime + cstime} of /proc/<pid>/stat, or null if the process ended meanwhile. */
    static long[] stat(Path file) {
        String line;
        try {
            line = Files.readString(file);
        } catch (IOException e) {
            return null;
        }
        // The command name (field 2) is in parentheses and may hold spaces; the fields after it are numbers.
        String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state): ppid is field 4, utime 14, stime 15, cutime 16, cstime 17
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]),
                Long.parseLong(f[13]) + Long.parseLong(f[14])};
    }
}
