package io.quizplatform.quiz.api.ws;

import io.quizplatform.platform.ServiceSettings;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refuses the WebSocket handshake from web pages of other sites (cross-site WebSocket hijacking): a browser always
 * sends Origin, and it must be one of {@code WS_ALLOWED_ORIGINS}. Clients that are not browsers send none.
 */
public class OriginCheck extends ServerEndpointConfig.Configurator {

    @Override
    public boolean checkOrigin(String origin) {
        if (origin == null || origin.isEmpty()) {
            return true;
        }
        ServiceSettings settings = CDI.current().select(ServiceSettings.class).get();
        Set<String> allowed = Arrays.stream(settings.get("ws.allowed.origins",
                        "http://localhost:9080,http://127.0.0.1:9080,https://localhost:9443").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        return allowed.contains(origin);
    }
}
