package io.quizplatform.contracts;

import java.time.Instant;
import java.util.List;

/** Payload of {@code user.profile-updated}: an account's public profile (display name, roles) changed. */
public record UserProfileUpdated(String userId, String displayName, List<String> roles, Instant updatedAt) {
}
