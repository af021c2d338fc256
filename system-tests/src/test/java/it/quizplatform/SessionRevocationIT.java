package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import io.quizplatform.contracts.ContractValidator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;
import org.microshed.testing.kafka.KafkaConsumerClient;

import java.time.Duration;
import java.util.Optional;

import static it.quizplatform.AuthenticationIT.CALLER_ENDPOINTS;
import static it.quizplatform.Platform.await;
import static org.assertj.core.api.Assertions.assertThat;

/** A password change and an admin's lock end every earlier session on all four services; newer tokens keep working. */
@MicroShedTest
public class SessionRevocationIT {

    private static final String NEW_PASSWORD = "a much better passphrase 2026";

    @KafkaConsumerClient(groupId = "it-session-revocation", topics = "user-events",
            keyDeserializer = StringDeserializer.class, valueDeserializer = StringDeserializer.class,
            properties = "auto.offset.reset=earliest")
    public static KafkaConsumer<String, String> userEvents;

    @Test
    void aPasswordChangeEndsEveryEarlierTokenEverywhereAndTheNewOneWorks() throws Exception {
        String email = Platform.uniqueEmail("revoke");
        String old = Platform.registerAndLogin(email, "Revoked Sessions");
        String otherDevice = Platform.login(email, Platform.PASSWORD).json().get("accessToken").asText();
        String userId = Platform.get("/user/api/me", old).json().get("id").asText();
        everyServiceAnswers(old, 200);

        Platform.Reply changed = changePassword(old);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        String renewed = changed.json().get("accessToken").asText();

        refusedEverywhereWithinSeconds(old);
        refusedEverywhereWithinSeconds(otherDevice);
        everyServiceAnswers(renewed, 200);
        assertThat(Platform.get("/user/api/me", renewed).json().get("email").asText()).isEqualTo(email);
        String afterwards = Platform.login(email, NEW_PASSWORD).json().get("accessToken").asText();
        everyServiceAnswers(afterwards, 200);

        ConsumerRecord<String, String> record = Platform.awaitRecord(userEvents, Duration.ofSeconds(30),
                r -> userId.equals(r.key()) && r.value().contains("user.sessions-revoked"));
        assertThat(ContractValidator.violations(record.value())).isEmpty();
        JsonNode payload = Platform.JSON.readTree(record.value()).get("payload");
        assertThat(payload.get("reason").asText()).isEqualTo("password-changed");
    }

    @Test
    void aLockEndsEveryTokenAndLoginUntilAnUnlock() {
        String admin = Platform.adminToken();
        String email = Platform.uniqueEmail("locked");
        String token = Platform.registerAndLogin(email, "Locked Out");
        String userId = Platform.get("/user/api/me", token).json().get("id").asText();
        everyServiceAnswers(token, 200);

        Platform.Reply locked = Platform.sendJson("POST", "/user/api/admin/users/" + userId + "/lock", null, admin);
        assertThat(locked.status()).as(locked.body()).isEqualTo(200);
        assertThat(locked.json().get("locked").asBoolean()).isTrue();

        refusedEverywhereWithinSeconds(token);
        Platform.Reply login = Platform.login(email, Platform.PASSWORD);
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.contentType()).startsWith("application/problem+json");
        assertThat(Platform.login(email, "not the password at all").status()).isEqualTo(401);
        everyServiceAnswers(admin, 200);

        Platform.Reply unlocked = Platform.sendJson("POST", "/user/api/admin/users/" + userId + "/unlock", null, admin);
        assertThat(unlocked.status()).as(unlocked.body()).isEqualTo(200);
        assertThat(unlocked.json().get("locked").asBoolean()).isFalse();
        assertThat(Platform.get("/quiz/api/caller", token).status()).isEqualTo(401);
        Platform.Reply again = Platform.login(email, Platform.PASSWORD);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        everyServiceAnswers(again.json().get("accessToken").asText(), 200);
    }

    @Test
    void onlyAdminsLockAndNeverThemselves() {
        String host = Platform.registerAndLogin(Platform.uniqueEmail("not-admin"), "Not Admin");
        String hostId = Platform.get("/user/api/me", host).json().get("id").asText();
        String admin = Platform.adminToken();
        String adminId = Platform.get("/user/api/me", admin).json().get("id").asText();

        assertThat(Platform.sendJson("POST", "/user/api/admin/users/" + adminId + "/lock", null, host).status())
                .isEqualTo(403);
        Platform.Reply self = Platform.sendJson("POST", "/user/api/admin/users/" + adminId + "/lock", null, admin);
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.contentType()).startsWith("application/problem+json");
        assertThat(Platform.sendJson("POST", "/user/api/admin/users/" + java.util.UUID.randomUUID() + "/lock", null, admin)
                .status()).isEqualTo(404);
        assertThat(Platform.get("/user/api/caller", host).status()).isEqualTo(200);
        assertThat(Platform.get("/user/api/caller", admin).status()).isEqualTo(200);
        assertThat(hostId).isNotEqualTo(adminId);
    }

    @Test
    void aSessionRenewedOverAndOverWhileThePasswordChangesDoesNotOutliveTheChange() throws Exception {
        // A thief's copy renewed in a loop: a renewal checked at the door before the cutoff, that read the account
        // after the change committed, was issued a token at the cutoff, which every service took.
        for (int round = 0; round < 3; round++) {
            String email = Platform.uniqueEmail("renewal-race");
            String owner = Platform.registerAndLogin(email, "Racing Renewals");
            java.util.concurrent.atomic.AtomicReference<String> thief = new java.util.concurrent.atomic.AtomicReference<>(
                    Platform.login(email, Platform.PASSWORD).json().get("accessToken").asText());
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread renewing = new Thread(() -> {
                while (!stop.get()) {
                    Platform.Reply renewed = Platform.sendJson("POST", "/user/api/sessions/refresh", null, thief.get());
                    if (renewed.status() != 200) {
                        return;
                    }
                    thief.set(renewed.json().get("accessToken").asText());
                }
            });
            renewing.start();
            Platform.sleep(300);
            assertThat(changePassword(owner).status()).isEqualTo(200);
            stop.set(true);
            renewing.join(10_000);
            refusedEverywhereWithinSeconds(thief.get());
        }
    }

    private static Platform.Reply changePassword(String token) {
        return Platform.sendJson("PUT", "/user/api/me/password",
                "{\"currentPassword\":\"" + Platform.PASSWORD + "\",\"newPassword\":\"" + NEW_PASSWORD + "\"}", token);
    }

    private static void everyServiceAnswers(String token, int status) {
        for (String endpoint : CALLER_ENDPOINTS) {
            Platform.Reply reply = Platform.get(endpoint, token);
            assertThat(reply.status()).as(endpoint + ": " + reply.body()).isEqualTo(status);
        }
    }

    /** Every service refuses the token with 401 problem+json within 5 s (in practice at once). */
    private static void refusedEverywhereWithinSeconds(String token) {
        for (String endpoint : CALLER_ENDPOINTS) {
            Platform.Reply reply = await(endpoint + " to refuse the token", Duration.ofSeconds(5), () -> {
                Platform.Reply r = Platform.get(endpoint, token);
                return r.status() == 401 ? Optional.of(r) : Optional.empty();
            });
            assertThat(reply.contentType()).as(endpoint).startsWith("application/problem+json");
            assertThat(reply.json().get("detail").asText()).as(endpoint).contains("sessions were ended");
        }
    }
}
