package io.quizplatform.quiz.domain.game;

import java.util.List;

/** The games a host ran, newest first, without replaying their events (the games index implements it). */
public interface PastGames {

    /** A page of games; {@code hostId} null lists every host's. */
    List<PastGame> newestFirst(String hostId, int page, int size);
}
