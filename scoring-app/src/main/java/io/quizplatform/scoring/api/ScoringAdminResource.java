package io.quizplatform.scoring.api;

import io.quizplatform.platform.api.ProblemException;
import io.quizplatform.scoring.application.FinalizationSteps;
import io.quizplatform.scoring.application.GameCompletion;
import io.quizplatform.scoring.domain.FinalizationStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.UUID;

/** Operator commands of scoring-app: the state of a game's completion, and a retry of one that gave up. */
@Path("/admin/games/{gameId}/finalization")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@SecurityRequirement(name = "bearer")
public class ScoringAdminResource {

    @Inject
    FinalizationSteps finalizations;

    @Inject
    GameCompletion completion;

    @GET
    @Operation(summary = "Where the game's completion saga stands")
    public FinalizationStore.Saga status(@PathParam("gameId") String gameId) {
        UUID id = GameAccess.uuid(gameId);
        return finalizations.status(id).orElseThrow(() -> new ProblemException(404, "No completion",
                "Game " + gameId + " has not ended, or is not known to scoring."));
    }

    @POST
    @Path("/retry")
    @Operation(summary = "Run a completion that gave up again, from the step it stopped at")
    public FinalizationStore.Saga retry(@PathParam("gameId") String gameId) {
        UUID id = GameAccess.uuid(gameId);
        FinalizationStore.Saga saga = status(gameId);
        // The restart itself is conditional on FAILED: of two operators retrying at once, one gets the 409.
        if (!"FAILED".equals(saga.state()) || !completion.retry(id)) {
            throw new ProblemException(409, "Nothing to retry", "The completion of game " + gameId + " is "
                    + finalizations.status(id).map(FinalizationStore.Saga::state).orElse(saga.state())
                    + "; only a failed one can be retried.");
        }
        return finalizations.status(id).orElseThrow();
    }
}
