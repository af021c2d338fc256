package io.quizplatform.user.application;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * The RSA key that signs access tokens (a port: where it is kept is {@code infrastructure.StoredSigningKeys}).
 */
public interface SigningKeys {

    /** The key pair with its key id and algorithm (RS256). */
    RsaJsonWebKey signingKey();

    /** The public key set, as served at {@code /user/api/jwks}. */
    default String publicJwks() {
        return new JsonWebKeySet(signingKey()).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }
}
