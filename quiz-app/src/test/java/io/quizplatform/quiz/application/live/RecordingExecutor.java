package io.quizplatform.quiz.application.live;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;

import java.lang.reflect.Proxy;
import java.util.List;

/** Managed executors that run nothing: what is handed to them ({@code execute}, {@code schedule}) is kept. */
final class RecordingExecutor {

    private RecordingExecutor() {
    }

    static ManagedExecutorService pool(List<Runnable> handed) {
        return of(ManagedExecutorService.class, handed);
    }

    static ManagedScheduledExecutorService scheduler(List<Runnable> handed) {
        return of(ManagedScheduledExecutorService.class, handed);
    }

    private static <T> T of(Class<T> type, List<Runnable> handed) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            if ((method.getName().equals("execute") || method.getName().equals("schedule")) && args[0] instanceof Runnable task) {
                handed.add(task);
                return null;
            }
            throw new UnsupportedOperationException(method.getName());
        }));
    }
}
