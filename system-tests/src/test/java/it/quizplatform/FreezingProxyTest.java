package it.quizplatform;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fault suite's proxy: bytes pass, a frozen link holds them without closing anything, a thaw lets them through. */
class FreezingProxyTest {

    @Test
    void aFrozenLinkHoldsBytesWithoutClosingAndPassesThemWhenThawed() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             FreezingProxy proxy = new FreezingProxy("127.0.0.1", echo.getLocalPort())) {
            Thread server = new Thread(() -> echoOnce(echo));
            server.setDaemon(true);
            server.start();
            try (Socket client = new Socket("127.0.0.1", proxy.port())) {
                client.setSoTimeout(2000);
                DataInputStream in = new DataInputStream(client.getInputStream());
                client.getOutputStream().write(1);
                assertThat(in.read()).as("a byte passes both ways").isEqualTo(1);

                proxy.freeze();
                client.getOutputStream().write(2);
                client.setSoTimeout(500);
                assertThatThrownBy(in::read).as("nothing comes back while frozen, and nothing is closed")
                        .isInstanceOf(SocketTimeoutException.class);

                proxy.thaw();
                client.setSoTimeout(2000);
                assertThat(in.read()).as("the held byte once thawed").isEqualTo(2);
            }
        }
    }

    private static void echoOnce(ServerSocket echo) {
        try (Socket s = echo.accept()) {
            int b;
            while ((b = s.getInputStream().read()) >= 0) {
                s.getOutputStream().write(b);
            }
        } catch (IOException e) {
            // the test ended
        }
    }
}
