package io.quizplatform.quiz.api;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.api.ClientAddress;
import io.quizplatform.platform.security.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import io.quizplatform.quiz.application.JoinRefused;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The limits on joining a game, for both ways in (the REST join and the join socket), counted in the same buckets so
 * a phone gets no more joins by switching between them, a minute each:
 * <ul>
 * <li>{@code RATE_LIMIT_JOIN_MISSES_PER_ADDRESS}: different PINs no game has, per client address, an IPv6 client per
 * /64 (one subscriber's block, 2^64 addresses). What a PIN scan costs, and all a classroom's typos need: once reached,
 * every join from there to a PIN not tried yet waits, the right PIN's too. A wrong PIN tried again is not counted
 * again: a class on an old game's link all type the same one, where a scan tries new ones. Each join counts as a
 * miss until its PIN is found ({@link #joined}): joins sent at once cannot all pass a check made before any of them
 * was counted.</li>
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

    /** The bucket of wrong PINs, per client address (an IPv6 client's /64): the PINs, each with its attempts. */
    private static final String MISSES = "join-wrong-pins";

    @Inject
    RateLimiter limiter;

    @Inject
    ServiceSettings settings;

    /**
     * Counts one join attempt from this address to this PIN, as a miss too until {@link #joined} learns its PIN was
     * found; the limit it went over, if any.
     */
    public Optional<Refusal> attempt(String address, String pin) {
        String subscriber = ClientAddress.subscriber(address);
        RateLimiter.Decision misses = limiter.attemptDistinct(MISSES, subscriber, pin, missesLimit(), Duration.ofMinutes(1));
        if (!misses.allowed()) {
            return Optional.of(new Refusal("joins with a wrong PIN from here", misses.retryAfterSeconds()));
        }
        Optional<Refusal> other = others(address, subscriber, pin);
        if (other.isPresent()) {
            limiter.giveBackDistinct(MISSES, subscriber, pin); // not tried: no miss
        }
        return other;
    }

    private Optional<Refusal> others(String address, String subscriber, String pin) {
        RateLimiter.Decision fromHere = limiter.attempt("join-address", address,
                settings.intValue("rate.limit.join.per.address", 200), Duration.ofMinutes(1));
        if (!fromHere.allowed()) {
            return Optional.of(new Refusal("join attempts from here", fromHere.retryAfterSeconds()));
        }
        if (subscriber != null && !subscriber.equals(address)) {
            RateLimiter.Decision fromNetwork = limiter.attempt("join-network", subscriber,
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
     * Runs the join {@link #attempt} let through from this address: unless it is refused for a PIN no game has, its
     * count as a miss is given back (a found PIN, or a failure before that was known), so only a wrong PIN keeps one.
     */
    public <T> T joined(String address, String pin, Supplier<T> join) {
        boolean missed = false;
        try {
            return join.get();
        } catch (JoinRefused e) {
            missed = JoinRefused.UNKNOWN_PIN.equals(e.code());
            throw e;
        } finally {
            if (!missed) {
                limiter.giveBackDistinct(MISSES, ClientAddress.subscriber(address), pin);
            }
        }
    }

    private int missesLimit() {
        return settings.intValue("rate.limit.join.misses.per.address", 20);
    }
}
