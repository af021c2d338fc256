package io.quizplatform.quiz.api.ws;

import io.quizplatform.platform.api.ClientAddress;
import io.quizplatform.platform.api.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code /quiz/ws/join}: a phone joins a game and plays it on one connection (docs/PROTOCOL.md, "Joining over the
 * socket"). Upgraded here, by the WebSocket 2.1 {@code upgradeHttpToWebSocket}, rather than deployed as an endpoint,
 * because the join's per-address limit needs the client's address, which only the HTTP request knows (the
 * handshake API has no peer address): it travels to the socket in the session's properties. Anything but a WebSocket
 * handshake is answered 426 (405 for another method than GET), as problem+json.
 */
@WebServlet(urlPatterns = JoinSocketUpgrade.PATH)
public class JoinSocketUpgrade extends HttpServlet {

    static final String PATH = "/ws/join";

    @Inject
    ClientAddress clientAddress;

    private final OriginCheck configurator = new OriginCheck();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        if (!"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET");
            Problem.of(405, "Method Not Allowed", "The join socket takes a WebSocket handshake (GET) only.", List.of())
                    .writeTo(response);
        } else if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            response.setHeader("Upgrade", "websocket");
            Problem.of(426, "Upgrade Required", "This is the join socket: connect with a WebSocket client.", List.of())
                    .writeTo(response);
        } else {
            upgrade(request, response);
        }
    }

    private void upgrade(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        ServerContainer container = (ServerContainer) getServletContext().getAttribute(ServerContainer.class.getName());
        // A configuration per connection: the session's properties start as a copy of its properties, which is how
        // the address reaches the socket (Liberty does not pass on upgradeHttpToWebSocket's path parameters).
        ServerEndpointConfig endpoint = ServerEndpointConfig.Builder.create(GameSocket.class, PATH)
                .configurator(configurator)
                .build();
        endpoint.getUserProperties().put(SocketJoins.CLIENT_ADDRESS, clientAddress.of(request));
        try {
            container.upgradeHttpToWebSocket(request, response, endpoint, Map.of());
        } catch (DeploymentException e) {
            throw new ServletException("join socket not upgraded", e);
        }
    }
}
