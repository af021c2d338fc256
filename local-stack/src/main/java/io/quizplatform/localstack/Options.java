package io.quizplatform.localstack;

import java.nio.file.Path;
import java.util.List;

/** Parsed command line: {@code <command> [--profile P] [--wlp-dir D] [--server N] [--work-dir D] [--no-liberty] [--owner-pid PID]}. */
record Options(String command,
               LocalStack.Profile profile,
               Path wlpDir,
               String server,
               Path workDir,
               boolean noLiberty,
               Long ownerPid) {

    static final List<String> COMMANDS = List.of("run", "start", "daemon", "stop");
    static final String DEFAULT_SERVER = "quiz-platform";

    static final String USAGE = """
            Usage: LocalStack <command> [options]
              run     start the stack in the foreground; Ctrl-C stops everything (default profile: dev)
              start   start the stack as a background daemon and return once it is ready (default profile: test)
              stop    stop the background daemon of a profile (default profile: test)
              daemon  used by 'start'; like run, and stops when --owner-pid exits
            Options:
              --profile dev|test|it   ports and data policy (dev keeps data, test/it wipe it at each start)
              --wlp-dir DIR           Open Liberty install (wlp); without it Liberty is skipped
              --server NAME           Liberty server name (default quiz-platform)
              --work-dir DIR          data, logs and pid files (default target/local-stack/<profile>)
              --no-liberty            start PostgreSQL, Redis and Kafka only
              --owner-pid PID         stop everything when this process exits (start/daemon)
            """;

    /** Parses {@code args}; relative paths are resolved against {@code cwd}. */
    static Options parse(String[] args, Path cwd) {
        if (args.length == 0) {
            throw new IllegalArgumentException("missing command");
        }
        String command = args[0];
        if (!COMMANDS.contains(command)) {
            throw new IllegalArgumentException("unknown command: " + command);
        }
        String profileName = command.equals("run") ? "dev" : "test";
        Path wlpDir = null;
        String server = DEFAULT_SERVER;
        Path workDir = null;
        boolean noLiberty = false;
        Long ownerPid = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--profile" -> profileName = value(args, ++i, arg);
                case "--wlp-dir" -> wlpDir = cwd.resolve(value(args, ++i, arg)).normalize();
                case "--server" -> server = value(args, ++i, arg);
                case "--work-dir" -> workDir = cwd.resolve(value(args, ++i, arg)).normalize();
                case "--no-liberty" -> noLiberty = true;
                case "--owner-pid" -> {
                    String pid = value(args, ++i, arg);
                    try {
                        ownerPid = Long.parseLong(pid);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--owner-pid needs a number, got: " + pid);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option: " + arg);
            }
        }
        LocalStack.Profile profile = LocalStack.Profile.of(profileName);
        if (workDir == null) {
            workDir = cwd.resolve(Path.of("target", "local-stack", profile.name())).normalize();
        }
        return new Options(command, profile, wlpDir, server, workDir.toAbsolutePath(), noLiberty, ownerPid);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    /** Liberty is started only when asked for and actually installed. */
    boolean libertyWanted() {
        return !noLiberty && wlpDir != null;
    }

    /** The options a spawned daemon needs to behave like this invocation. */
    List<String> daemonArgs(long owner) {
        var list = new java.util.ArrayList<>(List.of("daemon", "--profile", profile.name(),
                "--work-dir", workDir.toString(), "--server", server, "--owner-pid", Long.toString(owner)));
        if (wlpDir != null) {
            list.addAll(List.of("--wlp-dir", wlpDir.toString()));
        }
        if (noLiberty) {
            list.add("--no-liberty");
        }
        return list;
    }
}
