package io.quizplatform.quiz.api;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.api.ClientAddress;
import io.quizplatform.platform.security.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Optional;

/**
 * The limits on joining a game, for both ways in (the REST join and the join socket), counted in the same buckets so
 * a phone gets no more joins by switching between them: {@code RATE_LIMIT_JOIN_PER_ADDRESS} per client address,
 * {@code RATE_LIMIT_JOIN_PER_NETWORK} per IPv6 /64 (one subscriber's block, 2^64 addresses: by the address alone it
 * could scan PINs without end; a classroom on IPv6 Wi-Fi shares one /64, hence a limit of its own, larger) and
 * {@code RATE_LIMIT_JOIN_PER_GAME} per PIN, a minute each.
 */
@ApplicationScoped
public class JoinLimits {

    /** A join refused by a limit: what was attempted too often, and when to try again. */
    public record Refusal(String what, long retryAfterSeconds) {
    }

    @Inject
    RateLimiter limiter;

    @Inject
    ServiceSettings settings;

    /** Counts one join attempt from this address to this PIN; the limit it went over, if any. */
    public Optional<Refusal> attempt(String address, String pin) {
        RateLimiter.Decision fromHere = limiter.attempt("join-address", address,
                settings.intValue("rate.limit.join.per.address", 20), Duration.ofMinutes(1));
        if (!fromHere.allowed()) {
            return Optional.of(new Refusal("join attempts from here", fromHere.retryAfterSeconds()));
        }
        String network = ClientAddress.subscriber(address);
        if (network != null && !network.equals(address)) {
            RateLimiter.Decision fromNetwork = limiter.attempt("join-network", network,
                    settings.intValue("rate.limit.join.per.network", 200), Duration.ofMinutes(1));
            if (!fromNetwork.allowed()) {
                return Optional.of(new Refusal("join attempts from here", fromNetwork.retryAfterSeconds()));
            }
        }
        RateLimiter.Decision toGame = limiter.attempt("join-game", pin,
                settings.intValue("rate.limit.join.per.game", 20_000), Duration.ofMinutes(1));
        return toGame.allowed() ? Optional.empty()
                : Optional.of(new Refusal("join attempts for this game", toGame.retryAfterSeconds()));
    }
}
