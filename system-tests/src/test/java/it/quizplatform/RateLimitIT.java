package it.quizplatform;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login and registration are limited per client address and per account, with counters in Redis; when Redis is
 * down the limiter lets requests through (and counts that) rather than locking everyone out. Redis is stopped last:
 * after its restart the services' pools hold broken connections until each is used once or evicted (30 s), and each
 * such use lets one attempt through uncounted, which the exact counts of the other tests cannot allow.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class RateLimitIT {

    private static Platform.Reply loginFrom(String address, String email, String password) {
        return Platform.send(Platform.requestFrom(address, "/user/api/sessions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")));
    }

    @Test
    void tooManyLoginsFromOneAddressGet429WithRetryAfter() {
        String address = Platform.randomAddress();
        Platform.Reply last = null;
        for (int i = 0; i < 31; i++) {
            last = loginFrom(address, Platform.uniqueEmail("flood"), "wrong password " + i);
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.contentType()).startsWith("application/problem+json");
        assertThat(last.json().get("detail").asText()).contains("Try again in");
        assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 300L);
        // Another address is not affected.
        assertThat(loginFrom(Platform.randomAddress(), Platform.uniqueEmail("other"), "wrong password").status()).isEqualTo(401);
    }

    @Test
    void tooManyLoginsForOneAccountGet429EvenFromManyAddresses() {
        String email = Platform.uniqueEmail("target");
        Platform.postJson("/user/api/users", Platform.registrationJson(email, "Targeted"));
        Platform.Reply last = null;
        for (int i = 0; i < 11; i++) {
            last = loginFrom(Platform.randomAddress(), email, "guess number " + i);
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(Platform.send(Platform.requestFrom(Platform.randomAddress(), "/user/api/sessions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + Platform.PASSWORD + "\"}")))
                .status()).as("even the right password waits").isEqualTo(429);
    }

    @Test
    void tooManyRegistrationsFromOneAddressGet429() {
        String address = Platform.randomAddress();
        int status = 0;
        for (int i = 0; i < 21; i++) {
            status = Platform.send(Platform.requestFrom(address, "/user/api/users")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Platform.registrationJson(Platform.uniqueEmail("bulk"), "Bulk")))).status();
        }
        assertThat(status).isEqualTo(429);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void loginStillWorksWhenRedisIsDown() {
        String email = Platform.uniqueEmail("redisdown");
        Platform.postJson("/user/api/users", Platform.registrationJson(email, "Redis Down"));
        double before = unavailableCount();
        Platform.control("POST", "/redis/stop");
        try {
            Platform.Reply login = Platform.login(email, Platform.PASSWORD);
            assertThat(login.status()).as(login.body()).isEqualTo(200);
            assertThat(Platform.get("/quiz/api/caller", login.json().get("accessToken").asText()).status()).isEqualTo(200);
        } finally {
            Platform.control("POST", "/redis/start");
        }
        assertThat(unavailableCount()).isGreaterThan(before);
    }

    private static double unavailableCount() {
        return Platform.get("/metrics?scope=application").body().lines()
                .filter(l -> l.startsWith("rate_limiter_unavailable_total{") && l.contains("service=\"user-app\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
