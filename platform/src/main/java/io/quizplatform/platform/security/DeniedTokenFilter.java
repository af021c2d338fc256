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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;

/**
 * MicroProfile JWT has already checked the token's signature, issuer and expiry; this adds what a signature can't
 * say: whether its owner logged it out, or whether it was issued before the account's sessions were ended (a
 * password change, an admin's lock). Both are answered 401 problem+json; see {@link TokenDenyList} for what happens
 * when Redis is down.
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
        if (jwt == null || jwt.getRawToken() == null) {
            return;
        }
        switch (denyList.check(jwt.getTokenID(), jwt.getSubject(), issuedAt(jwt))) {
            case LOGGED_OUT -> request.abortWith(refusal(
                    "This access token was logged out. Log in again to get a new one."));
            case RENEWED -> request.abortWith(refusal(
                    "This access token was renewed. Use the new one, or log in again."));
            case SESSIONS_ENDED -> request.abortWith(refusal(
                    "This access token was issued before the account's sessions were ended (password changed or"
                            + " account locked). Log in again to get a new one."));
            case ACCEPTED -> {
            }
        }
    }

    /** The token's {@code iat}; a token without one counts as issued at the epoch, before any cutoff. */
    static long issuedAt(JsonWebToken jwt) {
        Object iat = jwt.getClaim("iat");
        if (iat instanceof Number n) {
            return n.longValue();
        }
        if (iat instanceof jakarta.json.JsonNumber n) {
            return n.longValue();
        }
        return 0;
    }

    private static Response refusal(String detail) {
        return Response.fromResponse(Problem.of(401, "Session ended", detail, List.of()).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .build();
    }
}
