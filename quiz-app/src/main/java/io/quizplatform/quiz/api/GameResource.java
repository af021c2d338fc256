package io.quizplatform.quiz.api;

import io.quizplatform.platform.api.ClientAddress;
import io.quizplatform.platform.api.Problem;
import io.quizplatform.platform.api.ProblemException;
import io.quizplatform.platform.api.StrictIds;
import io.quizplatform.platform.security.RateLimiter;
import io.quizplatform.quiz.application.Actor;
import io.quizplatform.quiz.application.GameHosting;
import io.quizplatform.quiz.application.GameView;
import io.quizplatform.quiz.domain.game.PastGame;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Games: a host creates one from a published quiz and gets its PIN; players join with the PIN and a nickname
 * (no account) and get a player token for the game's WebSocket. The host's controls are also here for clients
 * that are not connected by WebSocket.
 *
 * <p>One instance for all requests (the {@code @Context} fields are proxies to the current request's): a class of
 * 10,000 joining made a resource and its interceptors per request, and Liberty's injection into each took a third
 * of the profiler's samples of the join request.
 */
@Path("/games")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class GameResource {

    public record NewGame(@NotNull(message = "quizId is required") String quizId, Boolean lateJoinAllowed) {
    }

    public record JoinRequest(@NotNull(message = "a 6-digit pin is required") String pin,
                              @NotNull(message = "a nickname is required") String nickname) {
    }

    @Inject
    GameHosting games;

    @Inject
    JoinLimits joinLimits;

    @Inject
    ClientAddress clientAddress;


    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uri;

    private Actor actor() {
        JsonWebToken jwt = (JsonWebToken) security.getUserPrincipal();
        return new Actor(jwt.getSubject(), jwt.getGroups().contains("admin"));
    }

    @POST
    @RolesAllowed({"host", "admin"})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a game (lobby) of a published quiz; returns its PIN")
    public Response create(@NotNull(message = "a JSON body with quizId is required") @Valid NewGame game) {
        GameView view = games.create(actor(), uuid(game.quizId(), "quizId"), Boolean.TRUE.equals(game.lateJoinAllowed()));
        return Response.created(uri.getBaseUriBuilder().path("games").path(view.id()).build()).entity(view).build();
    }

    public record Page(List<PastGame> items, int page, int size) {
    }

    @GET
    @RolesAllowed({"host", "admin"})
    @Operation(summary = "Your games, newest first", description = "scope=mine (default): the games you hosted; "
            + "scope=all: every host's (admins only). page and size page the result, like the quiz list.")
    public Page list(@QueryParam("scope") @DefaultValue("mine") @Pattern(regexp = "mine|all", message = "must be mine or all") String scope,
                     @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int page,
                     @QueryParam("size") @DefaultValue("20") @Min(value = 1, message = "must be 1 to 100") @Max(value = 100, message = "must be 1 to 100") int size) {
        return new Page(games.games(actor(), "all".equals(scope), page, size), page, size);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"host", "admin"})
    @Operation(summary = "The game as its host sees it")
    public GameView read(@PathParam("id") String id) {
        return games.view(actor(), uuid(id, "id"));
    }

    @POST
    @Path("/{id}/{command: start|next|skip|end}")
    @RolesAllowed({"host", "admin"})
    @Operation(summary = "Host controls: start, next (question), skip (close the current question now), end")
    public GameView control(@PathParam("id") String id, @PathParam("command") String command) {
        Instant now = Instant.now();
        return games.hostCommand(actor(), uuid(id, "id"), game -> {
            switch (command) {
                case "start" -> game.start(now);
                case "next" -> game.next(now);
                case "skip" -> game.skip(now);
                default -> game.end(now);
            }
            return null;
        });
    }

    @DELETE
    @Path("/{id}/players/{playerId}")
    @RolesAllowed({"host", "admin"})
    @Operation(summary = "Kick a player")
    public GameView kick(@PathParam("id") String id, @PathParam("playerId") String playerId) {
        return games.hostCommand(actor(), uuid(id, "id"), game -> {
            game.kick(playerId, Instant.now());
            return null;
        });
    }

    @POST
    @Path("/players")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Join a game with its PIN and a nickname", description = "Returns the player token for the game's socket.")
    public Response join(@NotNull(message = "a JSON body with pin and nickname is required") @Valid JoinRequest join) {
        // The shape first: the limits' counters are keyed by the PIN, and a malformed join must leave nothing behind.
        GameHosting.requireWellFormed(join.pin(), join.nickname());
        String address = clientAddress.of(request);
        joinLimits.attempt(address, join.pin()).ifPresent(refusal ->
                new RateLimiter.Decision(false, refusal.retryAfterSeconds()).orRefuse(refusal.what()));
        GameHosting.Joined joined = joinLimits.joined(address, join.pin(),
                () -> games.join(join.pin(), join.nickname()));
        return Response.status(201).entity(joined).build();
    }

    private static UUID uuid(String value, String field) {
        return StrictIds.uuid(value).orElseThrow(() -> new ProblemException(400, "Invalid " + field, field + " must be a UUID.",
                List.of(new Problem.FieldError(field, "uuid", "must be a UUID"))));
    }
}
