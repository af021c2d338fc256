package io.quizplatform.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the machine's processors go while a load test runs, second by second: how many cores were busy in all
 * ({@code /proc/stat}), how many each process of the running stack used (as {@link IdleCpu} counts them, PostgreSQL
 * with its backends), and the rest: the load driver and whatever else runs on the machine. Run it beside a simulation
 * on the same machine; it starts nothing.
 *
 * <p>It answers what a latency figure alone cannot: whether the processors were all busy (then every hop queues for
 * them, and only less work or other priorities help) or idle while something waited.
 *
 * <pre>./mvnw -q -pl load-tests exec:java@cpu-timeline [-Dcontrol.url=http://127.0.0.1:19099] [-Dseconds=300]</pre>
 */
public final class CpuTimeline {

    /** A second in which the machine was at least this busy (share of all its cores) counts as saturated. */
    static final double SATURATED = 0.95;

    public static void main(String[] args) throws Exception {
        String control = args.length > 0 ? args[0] : "http://127.0.0.1:19099";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Map<String, Long> components = new LinkedHashMap<>(IdleCpu.stackPids(control));
        components.remove("launcher");
        if (components.isEmpty()) {
            throw new IllegalStateException("no running component in " + control + "/status");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "Cores in use each second, of %d (%s); rest = the driver and everything else%n",
                cores, components);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-8s %6s", "time", "busy"));
        components.keySet().forEach(name -> header.append(String.format(Locale.ROOT, " %9s", name)));
        System.out.println(header.append(String.format(Locale.ROOT, " %6s", "rest")));

        long[] machineBefore = machineTicks();
        Map<String, Long> before = ticksOf(components);
        long next = System.nanoTime();
        int saturated = 0;
        int counted = 0;
        for (int i = 0; i < seconds; i++) {
            next += 1_000_000_000L;
            Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
            long[] machine = machineTicks();
            Map<String, Long> now = ticksOf(components);
            double busy = (machine[0] - machineBefore[0]) / IdleCpu.TICKS_PER_SECOND;
            double all = (machine[0] - machineBefore[0] + machine[1] - machineBefore[1]) / IdleCpu.TICKS_PER_SECOND;
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-8s %6.2f",
                    LocalTime.now().truncatedTo(ChronoUnit.SECONDS), busy));
            double ours = 0;
            for (String name : components.keySet()) {
                long b = before.get(name);
                long a = now.get(name);
                double used = a < 0 || b < 0 ? 0 : (a - b) / IdleCpu.TICKS_PER_SECOND;
                ours += used;
                line.append(String.format(Locale.ROOT, " %9.2f", used));
            }
            System.out.println(line.append(String.format(Locale.ROOT, " %6.2f", Math.max(0, busy - ours))));
            if (all > 0) {
                counted++;
                if (busy / all >= SATURATED) {
                    saturated++;
                }
            }
            machineBefore = machine;
            before = now;
        }
        System.out.printf(Locale.ROOT, "%d of %d seconds with the machine at least %.0f %% busy%n",
                saturated, counted, 100 * SATURATED);
    }

    /** Each component's tree, from one read of /proc: the timeline's own cost counts in "rest". */
    private static Map<String, Long> ticksOf(Map<String, Long> components) {
        Map<Long, long[]> stats = IdleCpu.processStats();
        Map<String, Long> ticks = new LinkedHashMap<>();
        components.forEach((name, pid) -> ticks.put(name, IdleCpu.treeTicks(stats, pid)));
        return ticks;
    }

    /**
     * {busy, idle} ticks of the whole machine since boot, from the first line of /proc/stat: busy is user, nice,
     * system, irq, softirq and steal (time a neighbour of this virtual machine took); idle is idle and iowait.
     */
    static long[] machineTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                + Long.parseLong(f[7]) + Long.parseLong(f[8]);
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {busy, idle};
    }
}
