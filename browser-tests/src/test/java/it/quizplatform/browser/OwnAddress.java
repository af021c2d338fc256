package it.quizplatform.browser;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A person's own address on this machine: a SOCKS5 proxy for their browser context that opens each of its
 * connections to the platform from a loopback address of theirs (127.x.y.z), so the server's per-address limits see
 * each person as a device of its own, WebSockets included. An X-Forwarded-For among the context's extra HTTP headers
 * would not do: Chromium leaves those off WebSocket handshakes (the page's own and the ones Playwright's
 * routeWebSocket opens alike), so every join on the join socket counted against 127.0.0.1 (seen with Chromium 150,
 * Playwright 1.62). The test stack trusts X-Forwarded-For from 127.0.0.1 only: any other loopback address is a client
 * of its own. A platform elsewhere (it.base.url not on this machine) is connected to from this machine's address.
 */
final class OwnAddress implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final InetAddress address;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private OwnAddress(InetAddress address) throws IOException {
        this.address = address;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread accepting = new Thread(this::accept, "own-address-" + address.getHostAddress());
        accepting.setDaemon(true);
        accepting.start();
    }

    /** A new address, 127.1.0.1 to 127.254.255.254 (never 127.0.0.x, where 127.0.0.1 is a trusted proxy). */
    static OwnAddress random() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        byte[] bytes = {127, (byte) r.nextInt(1, 255), (byte) r.nextInt(256), (byte) r.nextInt(1, 255)};
        try {
            return new OwnAddress(InetAddress.getByAddress(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("no proxy for a person's own address", e);
        }
    }

    /** The address the platform sees this person's connections come from, e.g. {@code 127.31.7.200}. */
    String address() {
        return address.getHostAddress();
    }

    /** The proxy, as Playwright's {@code proxy.server} takes it. */
    String proxyServer() {
        return "socks5://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket browser = server.accept();
                open.add(browser);
                start("socks", () -> serve(browser));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** One SOCKS5 CONNECT, without authentication (RFC 1928), then bytes both ways until either side ends. */
    private void serve(Socket browser) {
        try {
            DataInputStream in = new DataInputStream(browser.getInputStream());
            OutputStream out = browser.getOutputStream();
            if (in.readUnsignedByte() != 5) {
                throw new IOException("not SOCKS5");
            }
            in.skipNBytes(in.readUnsignedByte()); // the methods offered: "no authentication" is the one Chromium has
            out.write(new byte[] {5, 0});
            byte[] head = bytes(in, 4); // version, command, reserved, address type
            InetAddress target = switch (head[3]) {
                case 1 -> InetAddress.getByAddress(bytes(in, 4));
                case 4 -> InetAddress.getByAddress(bytes(in, 16));
                case 3 -> ipv4(new String(bytes(in, in.readUnsignedByte()), StandardCharsets.US_ASCII));
                default -> throw new IOException("address type " + head[3]);
            };
            int port = in.readUnsignedShort();
            if (head[1] != 1) {
                out.write(new byte[] {5, 7, 0, 1, 0, 0, 0, 0, 0, 0}); // only CONNECT
                close(browser);
                return;
            }
            Socket platform = new Socket();
            open.add(platform);
            try {
                if (target.isLoopbackAddress() && target instanceof Inet4Address) {
                    platform.bind(new InetSocketAddress(address, 0));
                }
                platform.connect(new InetSocketAddress(target, port), CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                close(platform);
                out.write(new byte[] {5, 5, 0, 1, 0, 0, 0, 0, 0, 0}); // refused
                throw e;
            }
            out.write(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
            out.flush();
            // As the browser's own sockets: a small frame goes at once, not after the last one's acknowledgement.
            browser.setTcpNoDelay(true);
            platform.setTcpNoDelay(true);
            AtomicInteger ended = new AtomicInteger();
            start("socks-up", () -> pump(in, platform, ended, browser));
            pump(platform.getInputStream(), browser, ended, platform);
        } catch (IOException e) {
            close(browser);
        }
    }

    /** The next {@code n} bytes; an EOFException if the browser went before (as after a preconnect it did not use). */
    private static byte[] bytes(DataInputStream in, int n) throws IOException {
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return bytes;
    }

    /** A name as the browser gave it, as an IPv4 address (the person's address is one: it cannot reach ::1). */
    private static InetAddress ipv4(String host) throws UnknownHostException {
        return Arrays.stream(InetAddress.getAllByName(host)).filter(a -> a instanceof Inet4Address).findFirst()
                .orElseThrow(() -> new UnknownHostException(host + " has no IPv4 address"));
    }

    /**
     * Copies until the end of {@code from} (of socket {@code other}), then ends what goes to {@code to}: a half close,
     * as TCP has it. Both sockets are closed once both ways ended, or one failed.
     */
    private void pump(InputStream from, Socket to, AtomicInteger ended, Socket other) {
        try {
            from.transferTo(to.getOutputStream());
            to.shutdownOutput();
            if (ended.incrementAndGet() < 2) {
                return;
            }
        } catch (IOException e) {
            // reset, or closed by close(): both go
        }
        close(to);
        close(other);
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static void start(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops taking connections and cuts the open ones (the person's context is closed by then). */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(this::close);
    }
}
