package io.quizplatform.localstack;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Launcher messages go to stdout with a timestamp; no logging framework needed for a handful of lines.
 * In the foreground they are also appended to a file: when Maven's exec:exec is interrupted, Maven
 * exits at once and the launcher's shutdown messages would otherwise go nowhere.
 */
final class Log {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static volatile PrintStream file;

    private Log() {
    }

    static void alsoTo(Path logFile) throws IOException {
        file = new PrintStream(new FileOutputStream(logFile.toFile(), true), true, StandardCharsets.UTF_8);
    }

    static void info(String message) {
        line("[local-stack " + LocalTime.now().format(TIME) + "] " + message, System.out);
    }

    static void error(String message) {
        line("[local-stack " + LocalTime.now().format(TIME) + "] ERROR " + message, System.err);
    }

    /** An untimestamped line, e.g. the banner. */
    static void plain(String message) {
        line(message, System.out);
    }

    private static synchronized void line(String text, PrintStream console) {
        console.println(text);
        console.flush();
        PrintStream f = file;
        if (f != null) {
            f.println(text);
        }
    }
}
