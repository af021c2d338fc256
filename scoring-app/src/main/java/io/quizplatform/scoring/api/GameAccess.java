package io.quizplatform.scoring.api;

import io.quizplatform.platform.api.Problem;
import io.quizplatform.platform.api.ProblemException;
import io.quizplatform.platform.api.StrictIds;
import io.quizplatform.scoring.infrastructure.ReportRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Only a game's host and admins may read its scores: others get 403, unknown games 404. */
@ApplicationScoped
public class GameAccess {

    @Inject
    ReportRepository games;

    @Transactional
    public UUID ownedGame(JsonWebToken caller, String gameId) {
        UUID id = uuid(gameId);
        Optional<String> host = games.hostOf(id);
        if (host.isEmpty()) {
            throw new ProblemException(404, "Game not found", "No game " + gameId + " is known to scoring.");
        }
        if (!host.get().equals(caller.getSubject()) && !caller.getGroups().contains("admin")) {
            throw new ProblemException(403, "Not your game", "Only the game's host and admins can read its scores.");
        }
        return id;
    }

    static UUID uuid(String value) {
        return StrictIds.uuid(value).orElseThrow(() -> new ProblemException(400, "Invalid gameId", "gameId must be a UUID.",
                List.of(new Problem.FieldError("gameId", "uuid", "must be a UUID"))));
    }
}
