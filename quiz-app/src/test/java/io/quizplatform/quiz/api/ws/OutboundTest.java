package io.quizplatform.quiz.api.ws;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One connection's write queue, against a phone whose socket is a stand-in that records what is written to it, on
 * which thread, and can stop reading (its writes then wait, as a real socket's do once the phone's window is full).
 */
class OutboundTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> new Thread(r, "pool"));
    private final Phone phone = new Phone();
    /** Why connections were let go, as the operators' counter is told. */
    private final List<String> dropped = Collections.synchronizedList(new ArrayList<>());
    private final Outbound outbound = new Outbound(phone.session(), pool, dropped::add);

    @AfterEach
    void stop() {
        phone.readsAgain();
        pool.shutdownNow();
    }

    @Test
    void aConnectionsTextsAreWrittenInTheOrderTheyWereSentWhicheverWayTheyGo() throws InterruptedException {
        // Fewer than may wait at once: however slowly the pool starts, none is refused.
        List<String> sent = IntStream.range(0, Outbound.MAX_PENDING - 4).mapToObj(i -> "m" + i).toList();
        for (String text : sent) {
            if (text.endsWith("7")) {
                outbound.sendNow(text, null); // a receipt: straight to the socket when nothing is on its way
            } else {
                outbound.send(text);
            }
        }

        phone.awaitTexts(sent.size());
        assertThat(phone.texts()).containsExactlyElementsOf(sent);
        assertThat(dropped).as("never two writes on the wire at once").isEmpty();
    }

    @Test
    void aPhoneThatStopsReadingIsClosedWith1013OnThePoolAndTheSenderNeverWaitsForIt() throws InterruptedException {
        phone.stopsReading();
        outbound.send("first"); // a pool thread now waits in this write
        phone.awaitWriteStarted();

        for (int i = 0; i < Outbound.MAX_PENDING + 10; i++) {
            outbound.send("behind " + i); // queued, then refused once MAX_PENDING wait: never blocks this thread
        }

        // The close waits behind the write on the wire (a container's close would give up on it, frame unwritten).
        phone.readsAgain();
        phone.awaitClose();
        assertThat(phone.closeReason().getCloseCode()).isEqualTo(CloseReason.CloseCodes.TRY_AGAIN_LATER);
        assertThat(phone.closeReason().getReasonPhrase()).isEqualTo("too slow to keep up; reconnect");
        assertThat(phone.closingThread()).as("closed on the pool, not on the sender's thread").isEqualTo("pool");
        assertThat(phone.closes()).as("closed once, however many sends came after").isEqualTo(1);
        assertThat(dropped).containsExactly("too-slow");

        // What waited behind the stuck write is dropped: the phone comes back and its welcome says where the game is.
        outbound.send("after the close");
        Thread.sleep(200); // nothing should arrive; there is no event to wait for when nothing happens
        assertThat(phone.texts()).containsExactly("first");
    }

    @Test
    void aKicksCloseFollowsWhatWasSentBeforeItOnThePoolAndNothingSentAfterItIsWritten() throws InterruptedException {
        // Written on the thread that sends them (as a join's replies are), which must not wait out the close.
        outbound.writeHere(() -> {
            outbound.send("the open question");
            outbound.send("kicked");
            outbound.close(CloseReason.CloseCodes.VIOLATED_POLICY, "kicked by the host");
            outbound.send("the next question"); // pushed to the room a moment later: the kicked phone gets none of it
        });
        outbound.close(CloseReason.CloseCodes.TRY_AGAIN_LATER, "idle"); // a second close changes nothing

        phone.awaitClose();
        assertThat(phone.texts()).containsExactly("the open question", "kicked");
        assertThat(phone.closeReason().getCloseCode()).isEqualTo(CloseReason.CloseCodes.VIOLATED_POLICY);
        assertThat(phone.closingThread()).as("closed on the pool, not on the thread that kicked").isEqualTo("pool");
        assertThat(phone.writers()).as("the messages are written here").containsOnly(Thread.currentThread().getName());
        assertThat(phone.closes()).isEqualTo(1);
        assertThat(dropped).as("a kick is not a connection let go for the server's sake").isEmpty();
    }

    @Test
    void aCloseIsNeverMadeWhileAWriteSentAtTheSameMomentIsOnTheWire() throws Exception {
        // Sends racing a kick: one admitted just before the close but queued after it must not be written while the
        // pool closes (a container's close would give up on that write and leave the connection open for good).
        // A race: without the guard, about one run in two met it within these rounds; with it, none may.
        for (int round = 0; round < 400; round++) {
            Phone racing = new Phone();
            racing.writesSlowly();
            Outbound out = new Outbound(racing.session(), pool, dropped::add);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> senders = IntStream.range(0, 3).mapToObj(t -> new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 15; i++) {
                    if (i % 2 == 0) {
                        out.send("m" + i);
                    } else {
                        out.sendNow("r" + i, null);
                    }
                }
            })).toList();
            senders.forEach(Thread::start);
            go.countDown();
            while (racing.texts().size() < 2) {
                Thread.onSpinWait(); // the senders are under way
            }
            out.close(CloseReason.CloseCodes.VIOLATED_POLICY, "kicked");
            for (Thread sender : senders) {
                sender.join();
            }
            racing.awaitClose();
            assertThat(racing.closes()).as("round %d", round).isEqualTo(1);
        }
        assertThat(dropped).isEmpty();
    }

    @Test
    void aWriteThatFailsClosesTheConnectionWith1013SoThePhoneComesBackForWhatItMissed() throws InterruptedException {
        phone.failsWrites();

        outbound.send("the open question");

        phone.awaitClose();
        assertThat(phone.closeReason().getCloseCode()).isEqualTo(CloseReason.CloseCodes.TRY_AGAIN_LATER);
        assertThat(phone.closeReason().getReasonPhrase()).isEqualTo("could not write; reconnect");
        assertThat(dropped).containsExactly("write-failed");
    }

    @Test
    void aJoinsRepliesAreWrittenOnTheThreadThatJoinedAndAStampRunsAsItsWriteStarts() throws InterruptedException {
        List<String> stampedOn = Collections.synchronizedList(new ArrayList<>());

        outbound.writeHere(() -> {
            outbound.send("joined");
            outbound.send("welcome", () -> stampedOn.add(Thread.currentThread().getName() + " before " + phone.texts()));
        });

        assertThat(phone.texts()).containsExactly("joined", "welcome");
        assertThat(phone.writers()).containsOnly(Thread.currentThread().getName());
        assertThat(stampedOn).containsExactly(Thread.currentThread().getName() + " before [joined]");
    }

    /** The socket of one phone, as the container's {@link Session} would be. */
    private static final class Phone {
        private final List<String> texts = Collections.synchronizedList(new ArrayList<>());
        private final List<String> writers = Collections.synchronizedList(new ArrayList<>());
        private volatile CountDownLatch reading = new CountDownLatch(0);
        private final CountDownLatch writeStarted = new CountDownLatch(1);
        private final CountDownLatch closed = new CountDownLatch(1);
        private volatile boolean failing;
        private volatile boolean slow;
        private volatile boolean open = true;
        private volatile CloseReason closeReason;
        private volatile String closingThread;
        private volatile int closes;
        private final java.util.concurrent.atomic.AtomicInteger writing = new java.util.concurrent.atomic.AtomicInteger();

        void stopsReading() {
            reading = new CountDownLatch(1);
        }

        void readsAgain() {
            reading.countDown();
        }

        void failsWrites() {
            failing = true;
        }

        /** Each write takes a moment on the wire, as on a real network. */
        void writesSlowly() {
            slow = true;
        }

        List<String> texts() {
            synchronized (texts) {
                return List.copyOf(texts);
            }
        }

        List<String> writers() {
            synchronized (writers) {
                return List.copyOf(writers);
            }
        }

        CloseReason closeReason() {
            return closeReason;
        }

        String closingThread() {
            return closingThread;
        }

        int closes() {
            return closes;
        }

        void awaitTexts(int count) throws InterruptedException {
            for (int i = 0; i < 500 && texts.size() < count; i++) {
                Thread.sleep(10);
            }
        }

        void awaitWriteStarted() throws InterruptedException {
            assertThat(writeStarted.await(10, TimeUnit.SECONDS)).as("a write started").isTrue();
        }

        void awaitClose() throws InterruptedException {
            assertThat(closed.await(10, TimeUnit.SECONDS)).as("the connection was closed").isTrue();
        }

        /** One write; {@code issuer}: the thread that sent it (for the asynchronous send, not the one writing). */
        private void write(String text, String issuer) throws IOException {
            writeStarted.countDown();
            if (failing) {
                throw new IOException("connection reset by peer");
            }
            try {
                // A phone that does not read: the write waits for room in its window, like a real socket's.
                reading.await();
                if (slow) {
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            writers.add(issuer);
            texts.add(text);
        }

        /**
         * Starts a write on a thread of the container's, as Liberty's asynchronous send does; a second write while one
         * is on the wire is refused, as Liberty refuses it ("another write or close is in progress").
         */
        private void startWrite(String text, java.util.function.Consumer<IOException> done) {
            if (writing.getAndIncrement() > 0) {
                writing.decrementAndGet();
                throw new IllegalStateException("another write is in progress");
            }
            String issuer = Thread.currentThread().getName();
            new Thread(() -> {
                IOException failure = null;
                try {
                    write(text, issuer);
                } catch (IOException e) {
                    failure = e;
                }
                writing.decrementAndGet();
                done.accept(failure);
            }, "container").start();
        }

        Session session() {
            RemoteEndpoint.Basic basic = proxy(RemoteEndpoint.Basic.class, (name, args) -> {
                if (name.equals("sendText") && args.length == 1) {
                    // The blocking send, on the caller's thread; refused while another write is on the wire, as
                    // Liberty refuses it ("another write or close is in progress").
                    if (writing.getAndIncrement() > 0) {
                        writing.decrementAndGet();
                        throw new IllegalStateException("another write is in progress");
                    }
                    try {
                        write((String) args[0], Thread.currentThread().getName());
                    } finally {
                        writing.decrementAndGet();
                    }
                }
                return null;
            });
            RemoteEndpoint.Async async = proxy(RemoteEndpoint.Async.class, (name, args) -> {
                if (name.equals("sendText") && args.length == 2) {
                    SendHandler handler = (SendHandler) args[1];
                    try {
                        startWrite((String) args[0], failure -> handler.onResult(
                                failure == null ? new SendResult() : new SendResult(failure)));
                    } catch (IllegalStateException e) {
                        handler.onResult(new SendResult(new IOException(e.getMessage())));
                    }
                }
                return null;
            });
            return proxy(Session.class, (name, args) -> switch (name) {
                case "getBasicRemote" -> basic;
                case "getAsyncRemote" -> async;
                case "isOpen" -> open;
                case "getId" -> "phone";
                case "close" -> {
                    if (writing.get() > 0) {
                        // Liberty's close while a write is on the wire: it waits a moment, then gives up, frame unwritten.
                        yield null;
                    }
                    synchronized (this) {
                        closes++;
                        closingThread = Thread.currentThread().getName();
                        closeReason = args == null ? null : (CloseReason) args[0];
                        open = false;
                    }
                    closed.countDown();
                    yield null;
                }
                default -> throw new UnsupportedOperationException(name);
            });
        }

        private interface Call {
            Object answer(String method, Object[] args) throws Exception;
        }

        @SuppressWarnings("unchecked")
        private static <T> T proxy(Class<T> type, Call call) {
            return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (p, method, args) -> switch (method.getName()) {
                case "hashCode" -> System.identityHashCode(p);
                case "equals" -> p == args[0];
                case "toString" -> type.getSimpleName();
                default -> call.answer(method.getName(), args == null ? new Object[0] : args);
            });
        }
    }
}
