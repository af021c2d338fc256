package io.quizplatform.user.api;

import io.quizplatform.user.domain.User;

import java.time.Instant;
import java.util.List;

/** An account as its owner sees it: never the password or its hash. */
public record UserView(String id, String email, String displayName, List<String> roles, Instant createdAt) {

    static UserView of(User user) {
        return new UserView(user.id().toString(), user.email(), user.displayName(), user.roleClaims(), user.createdAt());
    }
}
