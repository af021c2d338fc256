package io.quizplatform.user.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of the session and profile endpoints. Passwords never appear in toString (and so never in a log). */
public final class Requests {

    private Requests() {
    }

    public record Login(
            @NotBlank(message = "an e-mail address is required") @Size(max = 254, message = "must be at most 254 characters")
            String email,
            @NotNull(message = "a password is required") @Size(max = 128, message = "must be at most 128 characters")
            String password) {
        @Override
        public String toString() {
            return "Login[email=" + email + ", password=***]";
        }
    }

    public record Rename(
            @NotBlank(message = "a display name is required")
            @Size(max = 60, message = "must be at most 60 characters")
            @Pattern(regexp = "^[\\p{L}\\p{M}\\p{N} .'_-]*$", message = "may contain letters, digits, spaces and . ' _ - only")
            String displayName) {
    }

    public record PasswordChange(
            @NotNull(message = "the current password is required") @Size(max = 128, message = "must be at most 128 characters")
            String currentPassword,
            @NotNull(message = "a new password is required") @Size(max = 128, message = "must be at most 128 characters")
            String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[***]";
        }
    }
}
