package io.quizplatform.scoring.infrastructure.redis;

import io.quizplatform.contracts.Standing;
import io.quizplatform.platform.redis.RedisConnection;
import io.quizplatform.scoring.domain.BoardCache;
import io.quizplatform.scoring.domain.BoardRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import redis.clients.jedis.resps.Tuple;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The fast copy of each game's board: a sorted set of players ({@code qs:game:<id>:board}) and a hash of what a
 * line shows ({@code qs:game:<id>:players}: "correct answers|nickname"), both expiring a while after the game.
 *
 * <p>The sorted set's score packs the three ranking keys into one exact double (51 bits): total x 2^33 plus answers
 * given x 2^26 plus (2^26 - 1 - total response ms), so a higher total wins; on equal totals, the player who answered
 * more questions; then the faster player. Equal scores (same total, answers and time to the millisecond) are put in
 * player id order here, as PostgreSQL does. Totals stay below 2^18 (100 questions x 2,500 points) and answers below
 * 2^7 (100 questions).
 *
 * <p>Every call goes through a circuit breaker: with Redis down, callers fail fast and read PostgreSQL instead.
 * The {@link BoardCache} port.
 */
@ApplicationScoped
public class RedisBoards implements BoardCache {

    static final long TIME_SPAN = 1L << 26;
    static final long ANSWERS_SPAN = 1L << 7;
    static final long TOTAL_UNIT = TIME_SPAN * ANSWERS_SPAN;

    @Inject
    RedisConnection redis;

    // The game's id in braces is the hash tag: a Redis Cluster keeps both keys of a game in one slot, so the board is
    // replaced in one script there too.
    static String board(UUID gameId) {
        return "qs:game:{" + gameId + "}:board";
    }

    static String players(UUID gameId) {
        return "qs:game:{" + gameId + "}:players";
    }

    /**
     * Replaces a game's board atomically: KEYS = board, players; ARGV = ttl seconds, then score, player id and line
     * for each player. One command per player inside the script keeps it within Lua's limit on unpacked arguments
     * at any game size.
     */
    static final String REPLACE = "redis.call('DEL', KEYS[1], KEYS[2]) "
            + "for i = 2, #ARGV, 3 do "
            + "redis.call('ZADD', KEYS[1], ARGV[i], ARGV[i + 1]) "
            + "redis.call('HSET', KEYS[2], ARGV[i + 1], ARGV[i + 2]) "
            + "end "
            + "if #ARGV > 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) redis.call('EXPIRE', KEYS[2], ARGV[1]) end "
            + "return #ARGV";

    static double score(int total, int answers, long totalResponseMs) {
        return total * (double) TOTAL_UNIT + Math.min(Math.max(0, answers), ANSWERS_SPAN - 1) * (double) TIME_SPAN
                + (TIME_SPAN - 1 - Math.min(Math.max(0, totalResponseMs), TIME_SPAN - 1));
    }

    static int total(double score) {
        return (int) ((long) score / TOTAL_UNIT);
    }

    /** Replaces the game's board with {@code rows} (the whole board, from PostgreSQL). */
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 3, delayUnit = ChronoUnit.SECONDS)
    @Override
    public void replace(UUID gameId, List<BoardRow> rows, Duration ttl) {
        List<String> args = new ArrayList<>(1 + rows.size() * 3);
        args.add(Long.toString(ttl.toSeconds()));
        for (BoardRow row : rows) {
            // A double's shortest exact decimal form: Redis parses it back to the same double.
            args.add(Double.toString(score(row.total(), row.answers(), row.totalResponseMs())));
            args.add(row.playerId());
            args.add(row.correctAnswers() + "|" + (row.nickname() == null ? "" : row.nickname()));
        }
        redis.client().eval(REPLACE, List.of(board(gameId), players(gameId)), args);
    }

    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 3, delayUnit = ChronoUnit.SECONDS)
    @Override
    public void ping() {
        redis.client().ping();
    }

    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 3, delayUnit = ChronoUnit.SECONDS)
    @Override
    public void expire(UUID gameId, Duration ttl) {
        redis.client().expire(board(gameId), ttl.toSeconds());
        redis.client().expire(players(gameId), ttl.toSeconds());
    }

    /** The top {@code limit} players; empty when Redis has no board for the game (never built, or expired). */
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 3, delayUnit = ChronoUnit.SECONDS)
    @Override
    public Optional<Top> top(UUID gameId, int limit) {
        long count = redis.client().zcard(board(gameId));
        if (count == 0) {
            return Optional.empty();
        }
        List<Tuple> top = new ArrayList<>(redis.client().zrevrangeWithScores(board(gameId), 0, limit - 1));
        if (top.size() == limit) {
            // Players tied with the last one may sit just below the cut in Redis's order: take them all, re-order.
            double boundary = top.get(top.size() - 1).getScore();
            top.removeIf(t -> t.getScore() == boundary);
            top.addAll(redis.client().zrangeByScoreWithScores(board(gameId), boundary, boundary));
        }
        top.sort(Comparator.comparingDouble(Tuple::getScore).reversed().thenComparing(Tuple::getElement));
        List<Tuple> cut = top.subList(0, Math.min(limit, top.size()));
        List<String> lines = cut.isEmpty() ? List.of()
                : redis.client().hmget(players(gameId), cut.stream().map(Tuple::getElement).toArray(String[]::new));
        List<Standing> standings = new ArrayList<>(cut.size());
        for (int i = 0; i < cut.size(); i++) {
            standings.add(standing(i + 1, cut.get(i), lines.get(i)));
        }
        return Optional.of(new Top(count, standings));
    }

    /** How many players the game's board in Redis ranks (0: no board). */
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 3, delayUnit = ChronoUnit.SECONDS)
    @Override
    public long playerCount(UUID gameId) {
        return redis.client().zcard(board(gameId));
    }

    /** A player's place; empty when Redis has no board for the game or the player is not on it. */
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 3, delayUnit = ChronoUnit.SECONDS)
    @Override
    public Optional<Standing> place(UUID gameId, String playerId) {
        Double score = redis.client().zscore(board(gameId), playerId);
        if (score == null) {
            return Optional.empty();
        }
        long above = redis.client().zcount(board(gameId), "(" + score.longValue(), "+inf");
        long tiedBefore = redis.client().zrangeByScore(board(gameId), score, score).stream()
                .filter(id -> id.compareTo(playerId) < 0).count();
        String line = redis.client().hget(players(gameId), playerId);
        return Optional.of(standing((int) (above + tiedBefore + 1), new Tuple(playerId, score), line));
    }

    private static Standing standing(int rank, Tuple entry, String line) {
        int total = total(entry.getScore());
        int correct = 0;
        String nickname = "";
        if (line != null) {
            int bar = line.indexOf('|');
            correct = Integer.parseInt(line.substring(0, bar));
            nickname = line.substring(bar + 1);
        }
        return new Standing(rank, entry.getElement(), nickname.isEmpty() ? "player" : nickname, total, correct);
    }
}
