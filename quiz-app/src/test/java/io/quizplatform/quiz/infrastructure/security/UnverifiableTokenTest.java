package io.quizplatform.quiz.infrastructure.security;

import io.quizplatform.platform.security.TokenDenyList;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While user-app's keys cannot be fetched, an open host socket's token is still found ended by what it says: the
 * deny-list (logout, renewal, ended sessions) and its expiry. It is never admitted that way.
 */
class UnverifiableTokenTest {

    private static RsaJsonWebKey key;
    private final AccessTokenVerifier verifier = new AccessTokenVerifier();
    private TokenDenyList.Verdict verdict = TokenDenyList.Verdict.ACCEPTED;

    @BeforeAll
    static void signingKey() throws Exception {
        key = RsaJwkGenerator.generateJwk(2048);
    }

    {
        verifier.denyList = new TokenDenyList() {
            @Override
            public Verdict check(String tokenId, String userId, long issuedAtEpochSecond) {
                return verdict;
            }
        };
    }

    @Test
    void aLiveTokenStaysUnverifiable() throws Exception {
        assertThat(verifier.unverifiable(token(600)).standing()).isEqualTo(AccessTokenVerifier.Standing.UNVERIFIABLE);
    }

    @Test
    void aLoggedOutOrEndedSessionIsRefused() throws Exception {
        verdict = TokenDenyList.Verdict.LOGGED_OUT;
        assertThat(verifier.unverifiable(token(600)).standing()).isEqualTo(AccessTokenVerifier.Standing.REFUSED);
        verdict = TokenDenyList.Verdict.SESSIONS_ENDED;
        assertThat(verifier.unverifiable(token(600)).standing()).isEqualTo(AccessTokenVerifier.Standing.REFUSED);
    }

    @Test
    void aRenewedOrExpiredTokenIsStale() throws Exception {
        verdict = TokenDenyList.Verdict.RENEWED;
        assertThat(verifier.unverifiable(token(600)).standing()).isEqualTo(AccessTokenVerifier.Standing.STALE);
        verdict = TokenDenyList.Verdict.ACCEPTED;
        assertThat(verifier.unverifiable(token(-120)).standing()).isEqualTo(AccessTokenVerifier.Standing.STALE);
    }

    @Test
    void somethingThatIsNoTokenIsRefused() {
        assertThat(verifier.unverifiable("not.a.token").standing()).isEqualTo(AccessTokenVerifier.Standing.REFUSED);
        assertThat(verifier.unverifiable("").standing()).isEqualTo(AccessTokenVerifier.Standing.REFUSED);
    }

    /** A host's token expiring in this many seconds (negative: expired that long ago). */
    private static String token(long expiresInSeconds) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("https://quiz-platform.local/user");
        claims.setSubject("3f1c2a8e-7d1b-4c55-9a43-0c9f1e2d3b4a");
        claims.setGeneratedJwtId();
        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 60));
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + expiresInSeconds));
        claims.setStringListClaim("groups", List.of("host"));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
