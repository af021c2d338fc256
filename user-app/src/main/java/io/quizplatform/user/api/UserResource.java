package io.quizplatform.user.api;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.api.ClientAddress;
import io.quizplatform.platform.api.Problem;
import io.quizplatform.platform.security.RateLimiter;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import io.quizplatform.user.application.Registration;
import io.quizplatform.user.domain.User;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    Registration registration;

    @Inject
    RateLimiter limiter;

    @Inject
    ClientAddress clientAddress;

    @Inject
    ServiceSettings settings;

    @Context
    HttpServletRequest request;

    @Context
    UriInfo uriInfo;

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register an account", description = "Creates a host account and announces user.registered.")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input or weak password",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "E-mail already registered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@NotNull(message = "a JSON body with email, displayName and password is required")
                             @Valid RegistrationRequest body) {
        limiter.attempt("register-address", clientAddress.subscriberOf(request),
                settings.intValue("rate.limit.register.per.address", 20), Duration.ofMinutes(10))
                .orRefuse("registrations from here");
        User user = registration.register(body.email(), body.displayName(), body.password());
        return Response.created(uriInfo.getAbsolutePathBuilder().path(user.id().toString()).build())
                .entity(UserView.of(user))
                .build();
    }
}
