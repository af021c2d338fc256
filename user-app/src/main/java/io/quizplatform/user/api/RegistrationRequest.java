package io.quizplatform.user.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /user/api/users}. The password's strength rules are checked by the use case. */
public record RegistrationRequest(
        @NotBlank(message = "an e-mail address is required")
        @Size(max = 254, message = "must be at most 254 characters")
        @Email(message = "must be a valid e-mail address, like ada@example.com")
        String email,

        @NotBlank(message = "a display name is required")
        @Size(max = 60, message = "must be at most 60 characters")
        @Pattern(regexp = "^[\\p{L}\\p{M}\\p{N} .'_-]*$",
                message = "may contain letters, digits, spaces and . ' _ - only")
        String displayName,

        @NotNull(message = "a password is required")
        @Size(max = 128, message = "must be at most 128 characters")
        String password) {

    /** Never let the password reach a log line. */
    @Override
    public String toString() {
        return "RegistrationRequest[email=" + email + ", displayName=" + displayName + ", password=***]";
    }
}
