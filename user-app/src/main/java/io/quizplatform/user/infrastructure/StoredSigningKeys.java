package io.quizplatform.user.infrastructure;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.user.application.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;

import javax.sql.DataSource;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
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
    DataSource dataSource;

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
        try (Connection c = dataSource.getConnection()) {
            String pem = newest(c);
            if (pem == null) {
                RsaJsonWebKey generated = RsaJwkGenerator.generateJwk(2048);
                String newPem = toPem((RSAPrivateCrtKey) generated.getPrivateKey());
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO signing_keys (key_id, private_key) VALUES ('development', ?) ON CONFLICT DO NOTHING")) {
                    insert.setString(1, newPem);
                    insert.executeUpdate();
                }
                pem = newest(c); // another replica may have won the race: everyone takes the stored key
                LOG.warning("No JWT_SIGNING_KEY_LOCATION configured: using a development signing key kept in user_db. "
                        + "Mount a key from a secret in production.");
            }
            return readPem(pem);
        }
    }

    private static String newest(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT private_key FROM signing_keys ORDER BY created_at DESC LIMIT 1");
             ResultSet rs = q.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
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
