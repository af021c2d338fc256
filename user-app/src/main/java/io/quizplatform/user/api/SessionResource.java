package io.quizplatform.user.api;

import io.quizplatform.platform.api.ClientAddress;
import io.quizplatform.platform.api.Problem;
import io.quizplatform.user.application.AccessTokens;
import io.quizplatform.user.application.Authentication;
import io.quizplatform.user.application.KnownDevices;
import io.quizplatform.user.application.Sessions;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Logging in (a new access token), renewing it, and logging out. */
@Path("/sessions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    static final String KNOWN_DEVICE = "qp_known_device";
    private static final Pattern KNOWN_DEVICE_TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** What a login or a renewal answers: the bearer token and when it stops working. */
    public record SessionView(String accessToken, String tokenType, Instant expiresAt, long expiresIn, UserView user) {
        static SessionView of(AccessTokens.AccessToken token, UserView user) {
            return new SessionView(token.token(), "Bearer", token.expiresAt(),
                    Math.max(0, token.expiresAt().getEpochSecond() - Instant.now().getEpochSecond()), user);
        }
    }

    @Inject
    Authentication authentication;

    @Inject
    Sessions sessions;

    @Inject
    ClientAddress clientAddress;

    @Context
    HttpServletRequest request;

    /** Read from the security context, not injected: login runs without a token, and that is not an error. */
    @Context
    SecurityContext security;

    private JsonWebToken token() {
        return (JsonWebToken) security.getUserPrincipal();
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in", description = "Returns an access token for every service (RS256 JWT), and sets the"
            + " cookie qp_known_device (HttpOnly, Secure, SameSite=Strict, this path only, 30 days; a token per account"
            + " signed in on the browser, the last 10): a browser that sends it back at a later login to the same account"
            + " is held to a login limit of its own instead of the account's and the address's, so wrong passwords sent"
            + " from elsewhere do not lock the owner out.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "401", description = "E-mail or password wrong (the same answer for both)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many attempts; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response login(@NotNull(message = "a JSON body with email and password is required") @Valid Requests.Login login) {
        Authentication.Session session = authentication.login(login.email(), login.password(),
                clientAddress.subscriberOf(request), knownDevices());
        Response.ResponseBuilder answer = Response.ok(SessionView.of(session.token(), UserView.of(session.user())))
                .cacheControl(noStore());
        if (!session.knownDevices().isEmpty()) {
            answer.cookie(knownDeviceCookie(String.join(".", session.knownDevices())));
        }
        return answer.build();
    }

    /**
     * The browser's token of an earlier sign-in ({@code KnownDevices}): only ever sent back to this path, never to
     * scripts, never from another site, never over plain HTTP (browsers make an exception for localhost; a server
     * reached over plain HTTP elsewhere remembers no browser).
     */
    private static NewCookie knownDeviceCookie(String tokens) {
        return new NewCookie.Builder(KNOWN_DEVICE).value(tokens).path("/user/api/sessions")
                .maxAge((int) Duration.ofDays(KnownDevices.DAYS).toSeconds()).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).secure(true).build();
    }

    /**
     * The well-formed tokens of the request's {@value #KNOWN_DEVICE} cookie (one per account signed in on this browser,
     * separated by dots), at most {@link Authentication#ACCOUNTS_PER_BROWSER}. Read from the servlet's lenient parser,
     * not JAX-RS's: a malformed Cookie header (a {@code $Version} that is no number) made that one refuse the login.
     */
    private List<String> knownDevices() {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return List.of();
        }
        return Arrays.stream(cookies)
                .filter(cookie -> KNOWN_DEVICE.equals(cookie.getName()) && cookie.getValue() != null)
                .flatMap(cookie -> Arrays.stream(cookie.getValue().split("\\.", Authentication.ACCOUNTS_PER_BROWSER + 1)))
                .filter(token -> KNOWN_DEVICE_TOKEN.matcher(token).matches())
                .distinct()
                .limit(Authentication.ACCOUNTS_PER_BROWSER)
                .toList();
    }

    @POST
    @Path("/refresh")
    @RolesAllowed({"host", "admin"})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Renew the access token", description = "Issues a new token and retires the one presented,"
            + " once: a second renewal of the same token (at the same time or later) is refused with 401. The account's"
            + " roles are applied again, as at a login. Renewals are limited per account (RATE_LIMIT_REFRESH_PER_ACCOUNT"
            + " an hour, 429 with Retry-After above; the token presented goes on working until it expires).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "401", description = "The token is not valid, or was renewed or logged out already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many renewals for this account; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response refresh() {
        JsonWebToken token = token();
        UUID userId = UUID.fromString(token.getSubject());
        AccessTokens.AccessToken renewed = sessions.refresh(userId, token.getTokenID(),
                Instant.ofEpochSecond(token.getIssuedAtTime()), Instant.ofEpochSecond(token.getExpirationTime()));
        return noStore(new SessionView(renewed.token(), "Bearer", renewed.expiresAt(),
                Math.max(0, renewed.expiresAt().getEpochSecond() - Instant.now().getEpochSecond()), null));
    }

    @DELETE
    @Path("/current")
    @RolesAllowed({"host", "admin"})
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Log out", description = "The token presented is refused by every service from now on.")
    @APIResponse(responseCode = "204", description = "Logged out")
    public Response logout() {
        JsonWebToken token = token();
        sessions.logout(token.getTokenID(), Instant.ofEpochSecond(token.getExpirationTime()));
        return Response.noContent().build();
    }

    static Response noStore(Object body) {
        return Response.ok(body).cacheControl(noStore()).build();
    }

    private static CacheControl noStore() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return noStore;
    }
}
