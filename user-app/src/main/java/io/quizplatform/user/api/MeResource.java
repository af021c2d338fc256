package io.quizplatform.user.api;

import io.quizplatform.platform.api.ClientAddress;
import io.quizplatform.user.application.AccessTokens;
import io.quizplatform.user.application.AccountProfile;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.UUID;

/** The caller's own account. The account is always the token's subject: there is no way to name another. */
@Path("/me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"host", "admin"})
@SecurityRequirement(name = "bearer")
public class MeResource {

    @Inject
    AccountProfile accounts;

    @Inject
    JsonWebToken token;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest request;

    private UUID caller() {
        return UUID.fromString(token.getSubject());
    }

    @GET
    @Operation(summary = "My profile")
    public UserView profile() {
        return UserView.of(accounts.get(caller()));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change my display name", description = "Announces user.profile-updated.")
    public UserView rename(@NotNull(message = "a JSON body with displayName is required") @Valid Requests.Rename rename) {
        return UserView.of(accounts.rename(caller(), rename.displayName()));
    }

    @PUT
    @Path("/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change my password", description = "The current password is required. Every token issued"
            + " before the change is refused by every service from now on (user.sessions-revoked); the answer carries a"
            + " new token for the caller. At most 10 wrong current passwords a quarter of an hour per account and client"
            + " address (429 with Retry-After after that: each is a guess); a locked account is refused (403).")
    @APIResponse(responseCode = "200", description = "Changed; a new session for this device",
            content = @Content(schema = @Schema(implementation = SessionResource.SessionView.class)))
    public Response changePassword(@NotNull(message = "a JSON body with currentPassword and newPassword is required")
                                   @Valid Requests.PasswordChange change) {
        UUID caller = caller();
        AccessTokens.AccessToken renewed = accounts.changePassword(caller, change.currentPassword(), change.newPassword(),
                clientAddress.subscriberOf(request));
        return SessionResource.noStore(SessionResource.SessionView.of(renewed, UserView.of(accounts.get(caller))));
    }
}
