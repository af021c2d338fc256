package io.quizplatform.user.api;

import io.quizplatform.platform.api.Problem;
import io.quizplatform.platform.api.ProblemException;
import io.quizplatform.platform.api.StrictIds;
import io.quizplatform.user.application.AccountLocks;
import io.quizplatform.user.domain.User;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Admins locking and unlocking accounts. */
@Path("/admin/users/{id}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@SecurityRequirement(name = "bearer")
public class AdminUserResource {

    /** An account as an admin sees it after a lock or unlock. */
    public record AccountStatus(String id, String displayName, List<String> roles, boolean locked, Instant lockedAt,
                                Instant sessionsValidFrom) {
        static AccountStatus of(User user) {
            return new AccountStatus(user.id().toString(), user.displayName(), user.roleClaims(), user.locked(),
                    user.lockedAt(), user.sessionsValidFrom());
        }
    }

    @Inject
    AccountLocks locks;

    @Inject
    JsonWebToken token;

    @POST
    @Path("/lock")
    @Operation(summary = "Lock an account", description = "Its owner can no longer log in, and every token issued"
            + " before the lock is refused by every service at once (user.sessions-revoked). Locking a locked account"
            + " changes nothing.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AccountStatus.class)))
    @APIResponse(responseCode = "404", description = "No such account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "An admin can't lock their own account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AccountStatus lock(@Parameter(schema = @Schema(format = "uuid")) @PathParam("id") String id) {
        return AccountStatus.of(locks.lock(UUID.fromString(token.getSubject()), accountId(id)));
    }

    @POST
    @Path("/unlock")
    @Operation(summary = "Unlock an account", description = "Its owner can log in again; tokens from before the lock"
            + " stay void.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AccountStatus.class)))
    @APIResponse(responseCode = "404", description = "No such account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AccountStatus unlock(@Parameter(schema = @Schema(format = "uuid")) @PathParam("id") String id) {
        return AccountStatus.of(locks.unlock(accountId(id)));
    }

    /** An id in a UUID's one canonical spelling; any other names no account (404, as JAX-RS's own conversion did). */
    private static UUID accountId(String id) {
        return StrictIds.uuid(id).orElseThrow(() -> new ProblemException(404, "Unknown account",
                "There is no account " + id.substring(0, Math.min(id.length(), 64)) + "."));
    }
}
