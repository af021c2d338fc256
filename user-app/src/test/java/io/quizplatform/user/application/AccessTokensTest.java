package io.quizplatform.user.application;

import io.quizplatform.user.domain.Role;
import io.quizplatform.user.domain.User;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokensTest {

    private final RsaJsonWebKey key = generate();

    private AccessTokens tokens() {
        AccessTokens tokens = new AccessTokens() {
            @Override
            public String issuer() {
                return "https://issuer.test/user";
            }

            @Override
            public Duration lifetime() {
                return Duration.ofMinutes(60);
            }
        };
        tokens.keys = new SigningKeys() {
            @Override
            public RsaJsonWebKey signingKey() {
                return key;
            }
        };
        return tokens;
    }

    @Test
    void carriesTheMicroProfileJwtClaims() throws Exception {
        User user = User.register(UUID.randomUUID(), "ada@example.com", "Ada", "hash", EnumSet.of(Role.HOST, Role.ADMIN), Instant.now());

        AccessTokens.AccessToken token = tokens().issue(user);

        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(key.getPublicKey())
                .setExpectedIssuer("https://issuer.test/user")
                .setRequireExpirationTime()
                .build()
                .processToClaims(token.token());
        assertThat(claims.getSubject()).isEqualTo(user.id().toString());
        assertThat(claims.getClaimValueAsString("upn")).isEqualTo(user.id().toString());
        assertThat(claims.getStringListClaimValue("groups")).containsExactlyInAnyOrder("host", "admin");
        assertThat(claims.getJwtId()).isEqualTo(token.tokenId());
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(3600);
        assertThat(token.expiresAt().getEpochSecond()).isEqualTo(claims.getExpirationTime().getValue());
        assertThat(claims.toJson()).doesNotContain("ada@example.com").doesNotContain("hash");
    }

    @Test
    void everyTokenHasItsOwnId() {
        User user = User.register(UUID.randomUUID(), "ada@example.com", "Ada", "hash", EnumSet.of(Role.HOST), Instant.now());
        assertThat(tokens().issue(user).tokenId()).isNotEqualTo(tokens().issue(user).tokenId());
    }

    @Test
    void signsWithRs256AndNamesTheKey() throws Exception {
        User user = User.register(UUID.randomUUID(), "ada@example.com", "Ada", "hash", EnumSet.of(Role.HOST), Instant.now());
        String header = new String(java.util.Base64.getUrlDecoder().decode(tokens().issue(user).token().split("\\.")[0]));
        assertThat(header).contains("\"alg\":\"RS256\"").contains("\"kid\":\"" + key.getKeyId() + "\"");
    }

    private static RsaJsonWebKey generate() {
        try {
            RsaJsonWebKey k = RsaJwkGenerator.generateJwk(2048);
            k.setKeyId("test-key");
            return k;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTokenIssuedRightAfterAPasswordChangeIsNotBeforeTheCutoff() throws Exception {
        User user = User.register(UUID.randomUUID(), "ada@example.com", "Ada", "hash", EnumSet.of(Role.HOST), Instant.now());
        Instant cutoff = user.replacePasswordHash("new hash", Instant.now());

        AccessTokens.AccessToken token = tokens().issue(user);

        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKey(key.getPublicKey())
                .setExpectedIssuer("https://issuer.test/user")
                .setAllowedClockSkewInSeconds(5)
                .build()
                .processToClaims(token.token());
        assertThat(claims.getIssuedAt().getValue()).isGreaterThanOrEqualTo(cutoff.getEpochSecond());
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(3600);
    }
}
