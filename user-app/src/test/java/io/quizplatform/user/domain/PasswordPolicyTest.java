package io.quizplatform.user.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

    @Test
    void acceptsALongUnrelatedPassphrase() {
        assertThat(PasswordPolicy.violations("correct horse battery staple", "ada@example.com", "Ada Lovelace")).isEmpty();
    }

    @Test
    void statesTheMinimumLength() {
        assertThat(PasswordPolicy.violations("short1!", "ada@example.com", "Ada"))
                .containsExactly(new PasswordPolicy.BrokenRule("too-short", "must be at least 10 characters long (it has 7)"));
    }

    @Test
    void refusesOverlongPasswords() {
        assertThat(PasswordPolicy.violations("ab1!".repeat(40), "ada@example.com", "Ada"))
                .extracting(PasswordPolicy.BrokenRule::code).contains("too-long");
    }

    @Test
    void refusesCommonPasswordsWhateverTheCase() {
        assertThat(PasswordPolicy.violations("PassWord123", "ada@example.com", "Ada"))
                .extracting(PasswordPolicy.BrokenRule::code).contains("common");
    }

    @Test
    void refusesPasswordsBuiltFromTheAccount() {
        assertThat(PasswordPolicy.violations("lovelace-2026!", "lovelace@example.com", "Ada"))
                .extracting(PasswordPolicy.BrokenRule::code).contains("contains-email");
        assertThat(PasswordPolicy.violations("my adalovelace pass", "x@example.com", "Ada  Lovelace"))
                .extracting(PasswordPolicy.BrokenRule::code).contains("contains-name");
    }

    @Test
    void refusesRepeatedCharacters() {
        assertThat(PasswordPolicy.violations("aaaaaaaaaaaa", "ada@example.com", "Ada"))
                .extracting(PasswordPolicy.BrokenRule::code).contains("too-few-characters");
    }

    @Test
    void requiresAPassword() {
        assertThat(PasswordPolicy.violations(null, "ada@example.com", "Ada")).containsExactly(new PasswordPolicy.BrokenRule("required", "a password is required"));
    }

    @Test
    void normalizesEmailAndDisplayName() {
        assertThat(User.normalizeEmail("  Ada@Example.COM ")).isEqualTo("ada@example.com");
        assertThat(User.normalizeDisplayName("  Ada \t  Lovelace ")).isEqualTo("Ada Lovelace");
    }
}
