package it.quizplatform;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Reading real tokens and minting forged ones, to prove what every service accepts and refuses. */
final class Tokens {

    static final String ISSUER = "https://quiz-platform.local/user";

    private Tokens() {
    }

    /** Verifies a token the way a third party would: signature against the published JWKS, issuer, expiry. */
    static JwtClaims verify(String token) throws Exception {
        String jwks = Platform.get("/user/api/jwks").body();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedIssuer(ISSUER)
                .setRequireExpirationTime()
                .setRequireSubject()
                .setRequireJwtId()
                .build();
        return consumer.processToClaims(token);
    }

    static JwtClaims claimsFor(String subject, long expiresInSeconds) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", List.of("host", "admin"));
        claims.setIssuedAt(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 - 120));
        claims.setExpirationTime(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 + expiresInSeconds));
        claims.setJwtId(UUID.randomUUID().toString());
        return claims;
    }

    static String sign(JwtClaims claims, PrivateKey key, String keyId) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue(keyId);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    /** A well-formed token signed by a key that is not ours, carrying the real key id. */
    static String signedByAStranger(String subject) throws Exception {
        RsaJsonWebKey stranger = RsaJwkGenerator.generateJwk(2048);
        return sign(claimsFor(subject, 600), stranger.getPrivateKey(), realKeyId());
    }

    /** {"alg":"none"}: no signature at all. */
    static String unsigned(String subject) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes())
                + "." + b64.encodeToString(claimsFor(subject, 600).toJson().getBytes()) + ".";
    }

    /** Signed with the real development key (read from user_db), but expired an hour ago. */
    static String expired(String subject) throws Exception {
        return sign(claimsFor(subject, -3600), realPrivateKey(), realKeyId());
    }

    /** Signed with the real key but claiming another issuer. */
    static String fromAnotherIssuer(String subject) throws Exception {
        JwtClaims claims = claimsFor(subject, 600);
        claims.setIssuer("https://evil.example/user");
        return sign(claims, realPrivateKey(), realKeyId());
    }

    static String realKeyId() throws Exception {
        return new JsonWebKeySet(Platform.get("/user/api/jwks").body()).getJsonWebKeys().get(0).getKeyId();
    }

    static PrivateKey realPrivateKey() throws Exception {
        try (Connection c = Platform.database("USER");
             ResultSet rs = c.createStatement().executeQuery("SELECT private_key FROM signing_keys LIMIT 1")) {
            rs.next();
            String base64 = rs.getString(1).replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        }
    }
}
