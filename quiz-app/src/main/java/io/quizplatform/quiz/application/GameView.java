package io.quizplatform.quiz.application;

import io.quizplatform.quiz.domain.game.Game;

import java.time.Instant;
import java.util.List;

/** A game as its host sees it. */
public record GameView(String id, String quizId, String pin, String phase, int questionIndex, int questionCount,
                       Instant closesAt, long playerCount, List<PlayerView> players) {

    public record PlayerView(String id, String nickname) {
    }

    public static GameView of(Game game) {
        return new GameView(game.id(), game.quizId(), game.pin(), game.phase().name().toLowerCase(), game.questionIndex(),
                game.questionCount(), game.closesAt(), game.activePlayerCount(),
                game.players().stream().filter(p -> !p.kicked()).map(p -> new PlayerView(p.id(), p.nickname())).toList());
    }
}
