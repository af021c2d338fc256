package io.quizplatform.platform.api;

import io.quizplatform.platform.ServiceSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The address of the client behind a request, for rate limits. {@code X-Forwarded-For} is believed only when the
 * direct peer is one of {@code TRUSTED_PROXIES} (the ingress or load balancer); otherwise anyone could pick their
 * own address and escape the limit.
 */
@ApplicationScoped
public class ClientAddress {

    @Inject
    ServiceSettings settings;

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        Set<String> trusted = Arrays.stream(settings.get("trusted.proxies", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && trusted.contains(peer)) {
            String[] hops = forwarded.split(",");
            String client = hops[hops.length - 1].strip();
            if (!client.isEmpty() && client.length() <= 45) {
                return client;
            }
        }
        return peer;
    }
}
