package io.quizplatform.user.api;

import io.quizplatform.user.application.AccountProfile;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
    @Operation(summary = "Change my password", description = "The current password is required.")
    public Response changePassword(@NotNull(message = "a JSON body with currentPassword and newPassword is required")
                                   @Valid Requests.PasswordChange change) {
        accounts.changePassword(caller(), change.currentPassword(), change.newPassword());
        return Response.noContent().build();
    }
}
