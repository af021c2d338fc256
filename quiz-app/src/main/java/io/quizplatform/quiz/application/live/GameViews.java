package io.quizplatform.quiz.application.live;

import io.quizplatform.quiz.application.GameHosting;
import io.quizplatform.quiz.domain.game.Game;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest state of each game with connections on this instance, as the last push or hello brought it: thousands
 * of phones saying hello at once must not each replay the game from the database. Never replaced by an older
 * version. (Methods called from other beans are public: they are called through CDI's client proxies.)
 */
@ApplicationScoped
public class GameViews {

    @Inject
    GameHosting games;

    private final Map<String, Game> latest = new ConcurrentHashMap<>();

    /** The game as seen here, loaded from the event store the first time. */
    public Game current(String gameId) {
        Game game = latest.get(gameId);
        return game != null ? game : latest.computeIfAbsent(gameId, id -> games.load(UUID.fromString(id)));
    }

    public Optional<Game> seen(String gameId) {
        return Optional.ofNullable(latest.get(gameId));
    }

    /** The newer of {@code game} and what is held of it. */
    public Game newest(Game game) {
        Game held = latest.get(game.id());
        return held != null && held.version() > game.version() ? held : game;
    }

    /** Keeps the newer of what is held and {@code game}, and holds it from now on. */
    public void keep(Game game) {
        latest.merge(game.id(), game, (old, loaded) -> loaded.version() >= old.version() ? loaded : old);
    }

    /** Keeps the newer of what is held and {@code game}, if the game is held here at all. */
    public void update(Game game) {
        latest.computeIfPresent(game.id(), (id, old) -> game.version() >= old.version() ? game : old);
    }

    public void forEach(BiConsumer<String, Game> action) {
        latest.forEach(action);
    }

    public void forget(String gameId) {
        latest.remove(gameId);
    }
}
