package io.quizplatform.platform.security;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET <service>/api/caller}: who this service believes is calling. Every service has it, so a client (or an
 * operator) can check that a token is accepted everywhere, and tests can prove each service verifies tokens.
 */
@Path("/caller")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CallerResource {

    public record Caller(String userId, String name, List<String> roles, Instant expiresAt) {
    }

    @Inject
    JsonWebToken token;

    @GET
    @RolesAllowed({"host", "admin"})
    @Operation(summary = "The authenticated caller, as this service sees the access token")
    public Caller caller() {
        return new Caller(token.getSubject(), token.getClaim("name"), token.getGroups().stream().sorted().toList(),
                Instant.ofEpochSecond(token.getExpirationTime()));
    }
}
