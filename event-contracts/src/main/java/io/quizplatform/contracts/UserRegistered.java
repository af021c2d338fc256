package io.quizplatform.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code user.registered}: a new account exists. The e-mail address stays in user-app (other services
 * have no use for it), so the compacted {@code user-events} topic spreads no more personal data than needed.
 */
public record UserRegistered(String userId, String displayName, List<String> roles, Instant registeredAt) {
}
