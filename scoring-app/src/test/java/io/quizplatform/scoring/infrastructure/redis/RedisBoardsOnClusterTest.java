package io.quizplatform.scoring.infrastructure.redis;

import io.quizplatform.contracts.Standing;
import io.quizplatform.platform.redis.RedisConnection;
import io.quizplatform.platform.redis.RedisTopology;
import io.quizplatform.platform.redis.testing.RealRedis;
import io.quizplatform.scoring.domain.BoardRow;
import io.quizplatform.scoring.domain.StreakState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A game's board on a real Redis Cluster of three primaries: both of its keys share the game's hash slot, so the
 * board is replaced in one script there as on a single server (a MULTI over two slots is refused with CROSSSLOT).
 */
class RedisBoardsOnClusterTest {

    private static RealRedis cluster;
    private static UnifiedJedis client;
    private static RedisBoards boards;

    @BeforeAll
    static void cluster() throws Exception {
        cluster = RealRedis.cluster();
        client = RedisTopology.of(cluster.firstUrl(), "cluster", cluster.nodes(), "").open();
        boards = new RedisBoards();
        boards.redis = new RedisConnection() {
            @Override
            public UnifiedJedis client() {
                return client;
            }
        };
    }

    @AfterAll
    static void stop() {
        client.close();
        cluster.close();
    }

    @Test
    void aGamesKeysShareOneSlot() {
        UUID game = UUID.randomUUID();
        assertThat(JedisClusterCRC16.getSlot(RedisBoards.board(game))).isEqualTo(JedisClusterCRC16.getSlot(RedisBoards.players(game)));
    }

    @Test
    void theBoardIsReplacedWholeAndRanked() {
        UUID game = UUID.randomUUID();
        boards.replace(game, List.of(row("ada", "Ada", 1800, 2, 2, 900), row("bob", "Bob", 900, 1, 2, 400),
                row("cy", "Cy", 1800, 2, 2, 700)), Duration.ofMinutes(5));

        assertThat(boards.playerCount(game)).isEqualTo(3);
        List<Standing> top = boards.top(game, 10).orElseThrow().standings();
        assertThat(top).extracting(Standing::playerId).containsExactly("cy", "ada", "bob");
        assertThat(top.get(0).nickname()).isEqualTo("Cy");
        assertThat(boards.place(game, "bob").orElseThrow().rank()).isEqualTo(3);

        // Replaced, not merged: a player gone from the rows is gone from the board.
        boards.replace(game, List.of(row("ada", "Ada", 2800, 3, 3, 1200)), Duration.ofMinutes(5));
        assertThat(boards.playerCount(game)).isEqualTo(1);
        assertThat(boards.place(game, "bob")).isEmpty();
        assertThat(client.ttl(RedisBoards.board(game))).isBetween(1L, 300L);
        assertThat(client.ttl(RedisBoards.players(game))).isBetween(1L, 300L);

        boards.replace(game, List.of(), Duration.ofMinutes(5));
        assertThat(boards.top(game, 10)).isEmpty();
    }

    @Test
    void aBoardOfTenThousandPlayersGoesInWhole() {
        UUID game = UUID.randomUUID();
        List<BoardRow> rows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            rows.add(row("p" + i, "Player " + i, i, i % 5, 5, 1000L + i));
        }
        boards.replace(game, rows, Duration.ofMinutes(5));
        assertThat(boards.playerCount(game)).isEqualTo(10_000);
        assertThat(boards.top(game, 1).orElseThrow().standings().get(0).playerId()).isEqualTo("p9999");
    }

    private static BoardRow row(String playerId, String nickname, int total, int correct, int answers, long responseMs) {
        return new BoardRow(playerId, nickname, total, correct, answers, responseMs, new StreakState(0, -1), true, 0, 0, null);
    }
}
