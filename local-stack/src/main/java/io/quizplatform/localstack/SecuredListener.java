package io.quizplatform.localstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the broker's SASL_SSL listener needs: a key and self-signed certificate (for 127.0.0.1 and localhost, made
 * with the JDK's keytool at the first start), its PEM for clients to trust, and a SCRAM-SHA-512 user. The passwords
 * are drawn at random and kept in files readable by the owner only; the status names the files, never the passwords.
 */
record SecuredListener(Path keystore, String keystorePassword, String user, String password) {

    static final String USER = "quiz-platform-client";

    static SecuredListener prepare(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path keystore = dir.resolve("broker.p12");
        String storePassword = secret(dir.resolve("keystore.password"));
        String userPassword = secret(dir.resolve("client.password"));
        if (!Files.exists(keystore) || !Files.exists(dir.resolve("ca.crt"))) {
            Files.deleteIfExists(keystore);
            keytool(dir, "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-keystore", keystore.toString(), "-storetype", "PKCS12",
                    "-storepass", storePassword, "-keypass", storePassword);
            keytool(dir, "-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(),
                    "-storetype", "PKCS12", "-storepass", storePassword, "-file", dir.resolve("ca.crt").toString());
        }
        return new SecuredListener(keystore, storePassword, USER, userPassword);
    }

    /** Creates (or updates) the SCRAM user through the plain listener; SCRAM users live in the cluster's metadata. */
    void addUser(Admin admin) throws Exception {
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all().get(30, TimeUnit.SECONDS);
    }

    static void describe(Path dir, Map<String, Object> into) {
        into.put("securedUser", USER);
        into.put("securedPasswordFile", dir.resolve("client.password").toString());
        into.put("securedCertificateFile", dir.resolve("ca.crt").toString());
    }

    private static String secret(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        Files.writeString(file, secret);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the work directory's own permissions apply
        }
        return secret;
    }

    private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            // the command line holds the store password: name the step, not the command
            throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
        }
    }
}
