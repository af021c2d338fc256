package io.quizplatform.scoring.api;

import io.quizplatform.platform.api.Problem;
import io.quizplatform.platform.api.ProblemException;
import io.quizplatform.platform.api.RequestParameterCheck;
import io.quizplatform.scoring.application.FinalizationSteps;
import io.quizplatform.scoring.application.Leaderboards;
import io.quizplatform.scoring.application.Reports;
import io.quizplatform.scoring.domain.FinalizationStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import io.quizplatform.scoring.domain.Report;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A game's leaderboard and report, for its host and for admins. Players see their own line over the game socket,
 * never the whole board.
 */
@Path("/games/{gameId}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"host", "admin"})
@SecurityRequirement(name = "bearer")
public class GameScoresResource {

    @Inject
    JsonWebToken caller;

    @Inject
    Leaderboards leaderboards;

    @Inject
    Reports reports;

    @Inject
    FinalizationSteps finalizations;

    @Inject
    GameAccess access;

    @GET
    @Path("/leaderboard")
    @Operation(summary = "The top of the game's board (Redis, or PostgreSQL when Redis is down)")
    public Leaderboards.Board leaderboard(@PathParam("gameId") String gameId,
                                          @QueryParam("limit") @DefaultValue("10") String limit) {
        UUID id = access.ownedGame(caller, gameId);
        long n = RequestParameterCheck.wholeNumber(limit).orElse(-1);
        if (n < 1 || n > 100) {
            throw new ProblemException(400, "Invalid limit", "limit must be a whole number from 1 to 100.",
                    List.of(new Problem.FieldError("limit", "integer", "must be 1 to 100")));
        }
        return leaderboards.top(id, (int) n);
    }

    @GET
    @Path("/leaderboard/players/{playerId}")
    @Operation(summary = "One player's place on the game's board")
    public Leaderboards.Place place(@PathParam("gameId") String gameId, @PathParam("playerId") String playerId) {
        UUID id = access.ownedGame(caller, gameId);
        if (playerId == null || playerId.length() > 64) {
            throw new ProblemException(400, "Invalid playerId", "playerId must be at most 64 characters.",
                    List.of(new Problem.FieldError("playerId", "size", "must be at most 64 characters")));
        }
        return leaderboards.place(id, playerId).orElseThrow(() -> new ProblemException(404, "Not on the board",
                "Player " + playerId + " is not on the board of game " + gameId + "."));
    }

    @GET
    @Path("/report")
    @Operation(summary = "The finished game's report: podium, every player's rank and score, each question's breakdown")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Report.class)))
    @APIResponse(responseCode = "409", description = "The game has not been finalized (yet, or its completion failed)")
    public Response report(@PathParam("gameId") String gameId) {
        UUID id = access.ownedGame(caller, gameId);
        return Response.ok(reports.json(id).orElseThrow(() -> notReady(id)), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/report.csv")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @Operation(summary = "The report's player table as a CSV download")
    @APIResponse(responseCode = "200", description = "rank, nickname, score, correct answers, answered, average response time, points per question",
            content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "409", description = "The game has not been finalized (yet, or its completion failed)")
    public Response reportCsv(@PathParam("gameId") String gameId) {
        UUID id = access.ownedGame(caller, gameId);
        String csv = reports.csv(id).orElseThrow(() -> notReady(id));
        return Response.ok(csv, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"game-" + id + "-report.csv\"")
                .build();
    }

    private ProblemException notReady(UUID gameId) {
        Optional<FinalizationStore.Saga> saga = finalizations.status(gameId);
        String detail = saga.map(s -> switch (s.state()) {
            // The cause (database text) is for admins, at /admin/games/{id}/finalization.
            case "FAILED" -> "The game's scores could not be completed; an admin can retry the completion.";
            default -> "The game is being completed (step " + s.step() + "); the report follows in a moment.";
        }).orElse("The game has not ended yet; its report is built when it ends.");
        return new ProblemException(409, "Report not ready", detail);
    }
}
