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
                .singleElement().asString().contains("at least 10 characters").contains("it has 7");
    }

    @Test
    void refusesOverlongPasswords() {
        assertThat(PasswordPolicy.violations("ab1!".repeat(40), "ada@example.com", "Ada"))
                .anySatisfy(v -> assertThat(v).contains("at most 128"));
    }

    @Test
    void refusesCommonPasswordsWhateverTheCase() {
        assertThat(PasswordPolicy.violations("PassWord123", "ada@example.com", "Ada"))
                .anySatisfy(v -> assertThat(v).contains("commonly used"));
    }

    @Test
    void refusesPasswordsBuiltFromTheAccount() {
        assertThat(PasswordPolicy.violations("lovelace-2026!", "lovelace@example.com", "Ada"))
                .anySatisfy(v -> assertThat(v).contains("e-mail"));
        assertThat(PasswordPolicy.violations("my adalovelace pass", "x@example.com", "Ada  Lovelace"))
                .anySatisfy(v -> assertThat(v).contains("display name"));
    }

    @Test
    void refusesRepeatedCharacters() {
        assertThat(PasswordPolicy.violations("aaaaaaaaaaaa", "ada@example.com", "Ada"))
                .anySatisfy(v -> assertThat(v).contains("4 different"));
    }

    @Test
    void requiresAPassword() {
        assertThat(PasswordPolicy.violations(null, "ada@example.com", "Ada")).containsExactly("a password is required");
    }

    @Test
    void normalizesEmailAndDisplayName() {
        assertThat(User.normalizeEmail("  Ada@Example.COM ")).isEqualTo("ada@example.com");
        assertThat(User.normalizeDisplayName("  Ada \t  Lovelace ")).isEqualTo("Ada Lovelace");
    }
}
