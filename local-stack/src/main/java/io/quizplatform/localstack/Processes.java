package io.quizplatform.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Small helpers around child processes, pid files and readiness polling. */
final class Processes {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private Processes() {
    }

    /**
     * Runs {@code command} in its own session (when setsid exists) so that a Ctrl-C in the terminal
     * reaches only the launcher, which then stops the children in order. setsid execs in place, so the
     * returned Process has the pid of the real program.
     */
    static List<String> ownSession(List<String> command) {
        if (!Files.isExecutable(SETSID)) {
            return command;
        }
        List<String> result = new ArrayList<>();
        result.add(SETSID.toString());
        result.addAll(command);
        return result;
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Writes the pid and, on a second line, the process start time: pid files outlive crashes and the
     * pid may have been reused by then. (The command line can't tell: the JDK cuts it at 4096 chars,
     * and our java command lines carry a long classpath.)
     */
    static void writePid(Path file, ProcessHandle process) throws IOException {
        Files.createDirectories(file.getParent());
        String started = process.info().startInstant().map(i -> Long.toString(i.toEpochMilli())).orElse("");
        Files.writeString(file, process.pid() + "\n" + started + "\n");
    }

    static Optional<Long> readPid(Path file) {
        return readLine(file, 0);
    }

    private static Optional<Long> readLine(Path file, int index) {
        try {
            List<String> lines = Files.readAllLines(file);
            return index < lines.size() ? Optional.of(Long.parseLong(lines.get(index).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The live process a pid file points at, if it is still the process that wrote it: same start time
     * when the file records one (ours do), else a command line containing {@code marker}
     * (PostgreSQL's postmaster.pid).
     */
    static Optional<ProcessHandle> liveFromPidFile(Path pidFile, String marker) {
        Optional<Long> started = readLine(pidFile, 1);
        return readPid(pidFile)
                .filter(pid -> pid != ProcessHandle.current().pid())
                .flatMap(ProcessHandle::of)
                .filter(Processes::alive)
                .filter(h -> started.isPresent()
                        ? h.info().startInstant().map(i -> Math.abs(i.toEpochMilli() - started.get()) < 2000).orElse(true)
                        : h.info().commandLine().map(cmd -> cmd.contains(marker)).orElse(true));
    }

    /** SIGTERM, then SIGKILL (with descendants) after {@code grace}. Returns true if it had to kill. */
    static boolean terminate(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return false;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        if (waitForExit(process, grace)) {
            return false;
        }
        kill(process, descendants);
        return true;
    }

    /** SIGKILL the process and the given descendants, then wait briefly for the kernel to reap it. */
    static void kill(ProcessHandle process, List<ProcessHandle> descendants) {
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        waitForExit(process, Duration.ofSeconds(10));
    }

    /**
     * Polls instead of using onExit(): for processes that are not our children the JDK polls with an
     * exponential backoff, which noticed a 2 s shutdown only after about 4 s.
     */
    static boolean waitForExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (alive(process)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !alive(process);
            }
        }
        return true;
    }

    /**
     * isAlive() counts a zombie as alive; an exited process whose parent has not reaped it yet
     * (slow init, an orphaned daemon) has finished for our purposes.
     */
    static boolean alive(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return process.isAlive(); // no procfs (macOS): trust the JDK
        }
    }

    /** Sends a named signal (e.g. INT) with kill(1): Java itself can only send TERM and KILL. */
    static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Result of a finished command: its exit code and combined output. */
    record Result(int exitCode, String output) {
    }

    /** Runs a command to completion, capturing stdout+stderr. Exit code -1 on timeout (the process is killed). */
    static Result exec(List<String> command, Map<String, String> extraEnv, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(extraEnv);
        Path output = Files.createTempFile("local-stack-exec", ".log");
        try {
            builder.redirectOutput(output.toFile());
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                kill(process.toHandle(), process.descendants().toList());
            }
            return new Result(finished ? process.exitValue() : -1, Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The last {@code lines} lines of a text file, or a note if it can't be read. */
    static String tail(Path file, int lines) {
        return tail(file, lines, 0);
    }

    /** Like {@link #tail(Path, int)}, ignoring the first {@code fromByte} bytes (earlier runs' output). */
    static String tail(Path file, int lines, long fromByte) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            int from = (int) Math.min(Math.max(0, fromByte), bytes.length);
            List<String> all = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no " + file + ")";
        }
    }

    /** Thrown when a readiness wait gives up. */
    static final class NotReadyException extends IOException {
        NotReadyException(String message) {
            super(message);
        }
    }

    /** Something that may throw while probing readiness; a throw counts as "not yet". */
    interface Probe {
        boolean ready() throws Exception;
    }

    /**
     * Polls {@code probe} until it returns true. Fails fast when {@code abort} turns true (the stack is
     * shutting down, or the process we wait for died) and after {@code timeout}.
     */
    static void awaitReady(String what, Duration timeout, Duration interval, BooleanSupplier abort, Probe probe)
            throws NotReadyException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            if (abort.getAsBoolean()) {
                throw new NotReadyException(what + ": aborted while waiting for readiness");
            }
            try {
                if (probe.ready()) {
                    return;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new NotReadyException(what + " not ready after " + timeout.toSeconds() + " s"
                        + (last == null ? "" : " (last error: " + last + ")"));
            }
            Thread.sleep(interval.toMillis());
        }
    }
}
