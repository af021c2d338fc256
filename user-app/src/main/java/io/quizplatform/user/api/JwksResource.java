package io.quizplatform.user.api;

import io.quizplatform.user.application.SigningKeys;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The public key(s) that verify access tokens, for the other services' MicroProfile JWT configuration. */
@Path("/jwks")
@RequestScoped
public class JwksResource {

    @Inject
    SigningKeys keys;

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "JSON Web Key Set of the token signing key (public part only)")
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(keys.publicJwks()).cacheControl(cache).build();
    }
}
