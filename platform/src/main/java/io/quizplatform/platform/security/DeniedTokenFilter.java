package io.quizplatform.platform.security;

import io.quizplatform.platform.api.Problem;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;

/**
 * MicroProfile JWT has already checked the token's signature, issuer and expiry; this adds the one thing a
 * signature can't say: whether its owner logged it out.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 10)
@ApplicationScoped
public class DeniedTokenFilter implements ContainerRequestFilter {

    @Inject
    Instance<JsonWebToken> token;

    @Inject
    TokenDenyList denyList;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getSecurityContext().getUserPrincipal() == null) {
            return;
        }
        JsonWebToken jwt = token.get();
        if (jwt != null && jwt.getRawToken() != null && denyList.isDenied(jwt.getTokenID())) {
            request.abortWith(jakarta.ws.rs.core.Response.fromResponse(Problem.of(401, "Session ended",
                            "This access token was logged out. Log in again to get a new one.", List.of()).toResponse())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                    .build());
        }
    }
}
