package io.quizplatform.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A component that is one child process of ours with a pid file (Kafka, Redis): stopped with SIGTERM and a grace
 * period before SIGKILL, or killed at once for fault-injection tests.
 */
abstract class ChildProcessComponent extends Component {

    protected final Path pidFile;
    private final Duration stopGrace;
    protected Process process;

    protected ChildProcessComponent(State initial, Path pidFile, Duration stopGrace) {
        super(initial);
        this.pidFile = pidFile;
        this.stopGrace = stopGrace;
    }

    @Override
    protected void doStop() throws Exception {
        if (process != null) {
            if (Processes.terminate(process.toHandle(), stopGrace)) {
                Log.info(name() + " did not stop within " + stopGrace.toSeconds() + " s and was killed");
            }
            process = null;
        }
        Files.deleteIfExists(pidFile);
    }

    @Override
    protected void doKill() throws Exception {
        if (process != null) {
            Processes.kill(process.toHandle(), List.of());
            process = null;
        }
        Files.deleteIfExists(pidFile);
    }

    @Override
    protected void describe(Map<String, Object> into) {
        Process p = process;
        if (p != null) {
            into.put("pid", p.pid());
        }
    }
}
