package io.quizplatform.quiz.api.ws;

import io.quizplatform.platform.ServiceSettings;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The game socket's configurator. It refuses the WebSocket handshake from web pages of other sites (cross-site
 * WebSocket hijacking): a browser always sends Origin, and it must be one of {@code WS_ALLOWED_ORIGINS}. Clients that
 * are not browsers send none. And it creates the endpoint instances itself: Liberty's default asks CDI for each one
 * through a stack walk (with its allowed-origins lookup, 2-3 % of the server's samples while a class of 10,000
 * connects), and the endpoint needs no injection but {@link GameSessions}, looked up once here.
 */
public class OriginCheck extends ServerEndpointConfig.Configurator {

    private volatile Set<String> allowed;
    private volatile GameSessions sessions;

    @Override
    public boolean checkOrigin(String origin) {
        if (origin == null || origin.isEmpty()) {
            return true;
        }
        return allowedOrigins().contains(origin);
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass != GameSocket.class) {
            return super.getEndpointInstance(endpointClass);
        }
        GameSessions s = sessions;
        if (s == null) {
            // An application-scoped bean's client proxy: the same for the application's life, so fetched once.
            s = CDI.current().select(GameSessions.class).get();
            sessions = s;
        }
        return endpointClass.cast(new GameSocket(s));
    }

    private Set<String> allowedOrigins() {
        Set<String> a = allowed;
        if (a == null) {
            ServiceSettings settings = CDI.current().select(ServiceSettings.class).get();
            a = Arrays.stream(settings.get("ws.allowed.origins",
                            "http://localhost:9080,http://127.0.0.1:9080,https://localhost:9443").split(","))
                    .map(String::strip).filter(x -> !x.isEmpty()).collect(Collectors.toUnmodifiableSet());
            allowed = a;
        }
        return a;
    }
}
