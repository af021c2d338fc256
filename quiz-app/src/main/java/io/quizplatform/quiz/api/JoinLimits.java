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
 * a phone gets no more joins by switching between them, a minute each:
 * <ul>
 * <li>{@code RATE_LIMIT_JOIN_MISSES_PER_ADDRESS}: joins to a PIN no game has, per client address, an IPv6 client per
 * /64 (one subscriber's block, 2^64 addresses). What a PIN scan costs, and all a classroom's typos need: once reached,
 * every join from there waits, the right PIN's too. Each join counts as a miss until its PIN is found
 * ({@link #pinFound}): joins sent at once cannot all pass a check made before any of them was counted.</li>
 * <li>{@code RATE_LIMIT_JOIN_PER_ADDRESS} and {@code RATE_LIMIT_JOIN_PER_NETWORK} (IPv6 /64): every join, larger, as a
 * school's classes join from one address (NAT) or one /64; a bound on the players one machine can add to a game.</li>
 * <li>{@code RATE_LIMIT_JOIN_PER_GAME} per PIN.</li>
 * </ul>
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

    /**
     * Counts one join attempt from this address to this PIN, as a miss too until {@link #pinFound}; the limit it went
     * over, if any.
     */
    public Optional<Refusal> attempt(String address, String pin) {
        RateLimiter.Decision misses = limiter.attempt("join-miss", subscriber(address), missesLimit(), Duration.ofMinutes(1));
        if (!misses.allowed()) {
            return Optional.of(new Refusal("joins with a wrong PIN from here", misses.retryAfterSeconds()));
        }
        Optional<Refusal> other = others(address, pin);
        if (other.isPresent()) {
            pinFound(address); // not tried: no miss
        }
        return other;
    }

    private Optional<Refusal> others(String address, String pin) {
        RateLimiter.Decision fromHere = limiter.attempt("join-address", address,
                settings.intValue("rate.limit.join.per.address", 200), Duration.ofMinutes(1));
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

    /**
     * The join {@link #attempt} let through from this address did not miss: its PIN is a live game's (or the join failed
     * before that was known). Its count as a miss is given back; only a wrong PIN keeps costing one.
     */
    public void pinFound(String address) {
        limiter.giveBack("join-miss", subscriber(address));
    }

    private int missesLimit() {
        return settings.intValue("rate.limit.join.misses.per.address", 20);
    }

    /** The address, or an IPv6 client's /64. */
    private static String subscriber(String address) {
        String network = ClientAddress.subscriber(address);
        return network == null ? address : network;
    }
}
