package io.quizplatform.user.infrastructure;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.user.application.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The RSA key that signs access tokens. From {@code JWT_SIGNING_KEY_LOCATION} (a PKCS#8 PEM file, e.g. a mounted
 * Kubernetes secret) when set; otherwise a development key generated at first start and kept in user_db, so
 * replicas agree and restarts keep tokens valid. The public half is served as a JWKS for the other services.
 */
@ApplicationScoped
public class StoredSigningKeys implements SigningKeys {

    private static final Logger LOG = Logger.getLogger(StoredSigningKeys.class.getName());

    @Inject
    ServiceSettings settings;

    @Inject
    DevelopmentSigningKeys stored;

    private volatile RsaJsonWebKey key;

    @Override
    public RsaJsonWebKey signingKey() {
        RsaJsonWebKey k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = load();
                }
                k = key;
            }
        }
        return k;
    }

    private RsaJsonWebKey load() {
        String location = settings.get("jwt.signing.key.location", "");
        try {
            RSAPrivateCrtKey privateKey = location.isBlank() ? developmentKey() : readPem(Files.readString(Path.of(location)));
            return toJwk(privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JWT signing key from " + location, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the JWT signing key: " + e.getMessage(), e);
        }
    }

    private RSAPrivateCrtKey developmentKey() throws Exception {
        Optional<String> pem = stored.newest();
        if (pem.isPresent()) {
            return readPem(pem.get());
        }
        // another replica may win the race: everyone takes the stored key
        String winner = stored.storeIfAbsent(generatedPem());
        LOG.warning("No JWT_SIGNING_KEY_LOCATION configured: using a development signing key kept in user_db. "
                + "Mount a key from a secret in production.");
        return readPem(winner);
    }

    private static String generatedPem() {
        try {
            return toPem((RSAPrivateCrtKey) RsaJwkGenerator.generateJwk(2048).getPrivateKey());
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException("cannot generate a development signing key", e);
        }
    }

    private static RsaJsonWebKey toJwk(RSAPrivateCrtKey privateKey) throws Exception {
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        RsaJsonWebKey jwk = (RsaJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(publicKey);
        jwk.setPrivateKey(privateKey);
        jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
        jwk.setAlgorithm("RS256");
        jwk.setUse("sig");
        return jwk;
    }

    static RSAPrivateCrtKey readPem(String pem) throws Exception {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    static String toPem(RSAPrivateCrtKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
