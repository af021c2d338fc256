package io.quizplatform.user.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Password rules, after NIST SP 800-63B: long enough, not absurdly long (hashing cost), not one of the passwords
 * every attacker tries first, not built from the account's own name or address, and not a single repeated
 * character. Each broken rule is reported so the person knows what to change.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 128;

    /** The most common passwords of public breach lists that satisfy the length rule. */
    private static final Set<String> COMMON = Set.of(
            "1234567890", "12345678910", "123456789a", "qwertyuiop", "password12", "password123", "password1234",
            "1q2w3e4r5t", "qwerty1234", "iloveyou12", "0123456789", "abcdefghij", "passw0rd123", "letmein123",
            "welcome123", "administrator", "qwertyuiop123", "1qaz2wsx3edc", "changeme123", "football123");

    private PasswordPolicy() {
    }

    /** A rule the password breaks: a stable {@code code} for programs and the rest of a sentence for people. */
    public record BrokenRule(String code, String message) {
    }

    public static List<BrokenRule> violations(String password, String email, String displayName) {
        List<BrokenRule> broken = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            broken.add(new BrokenRule("required", "a password is required"));
            return broken;
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            broken.add(new BrokenRule("too-short", "must be at least " + MIN_LENGTH + " characters long (it has " + length + ")"));
        }
        if (length > MAX_LENGTH) {
            broken.add(new BrokenRule("too-long", "must be at most " + MAX_LENGTH + " characters long"));
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            broken.add(new BrokenRule("common", "is one of the most commonly used passwords; choose something less guessable"));
        }
        if (password.codePoints().distinct().count() < 4) {
            broken.add(new BrokenRule("too-few-characters", "must contain at least 4 different characters"));
        }
        if (email != null) {
            String local = email.strip().toLowerCase(Locale.ROOT);
            int at = local.indexOf('@');
            if (at > 0) {
                local = local.substring(0, at);
            }
            if (local.length() >= 4 && lower.contains(local)) {
                broken.add(new BrokenRule("contains-email", "must not contain your e-mail address"));
            }
        }
        if (displayName != null) {
            String name = displayName.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
            if (name.length() >= 4 && lower.replaceAll("\\s+", "").contains(name)) {
                broken.add(new BrokenRule("contains-name", "must not contain your display name"));
            }
        }
        return broken;
    }
}
