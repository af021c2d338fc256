package io.quizplatform.user.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An account's address is stored normalised, and what is stored must fit its column: the length counts after. */
class UserEmailTest {

    private static final String DOMAIN = "@example.com";

    private static User register(String email) {
        return User.register(UUID.randomUUID(), email, "Ada", "hash", EnumSet.of(Role.HOST), Instant.parse("2026-12-06T09:00:00Z"));
    }

    @Test
    void anAddressIsStoredTrimmedAndLowerCased() {
        assertThat(register("  Ada@Example.COM ").email()).isEqualTo("ada@example.com");
    }

    @Test
    void lowerCasingADottedCapitalILengthensTheAddress() {
        String dottedCapitals = "\u0130".repeat(200) + DOMAIN; // İ: 212 characters as sent

        assertThat(User.normalizeEmail(dottedCapitals)).hasSize(2 * 200 + DOMAIN.length()).startsWith("i\u0307i\u0307");
        assertThat(User.emailTooLong(User.normalizeEmail(dottedCapitals))).isTrue();
        assertThatThrownBy(() -> register(dottedCapitals)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("254");
    }

    @Test
    void anAddressOfExactly254CharactersOnceNormalisedFits() {
        String oneTooLong = "\u0130".repeat(121) + "x" + DOMAIN; // 242 + 1 + 12 = 255 normalised: one too many
        String fits = "\u0130".repeat(121) + DOMAIN;           // 242 + 12 = 254

        assertThat(User.emailTooLong(User.normalizeEmail(oneTooLong))).isTrue();
        assertThat(User.emailTooLong(User.normalizeEmail(fits))).isFalse();
        assertThat(register(fits).email()).hasSize(User.MAX_EMAIL_LENGTH);
    }
}
