package io.quizplatform.platform;

import jakarta.enterprise.concurrent.ManagedThreadFactory;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads from the container's {@link ManagedThreadFactory} (so they run with the application's context) named
 * {@code <prefix>-1}, {@code <prefix>-2}, ...: for the executors a service keeps of its own, off the server's pool,
 * whose threads an operator should recognise in a thread dump.
 */
public final class NamedThreads {

    private NamedThreads() {
    }

    public static ThreadFactory of(ManagedThreadFactory factory, String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = factory.newThread(task);
            thread.setName(prefix + "-" + count.incrementAndGet());
            return thread;
        };
    }
}
