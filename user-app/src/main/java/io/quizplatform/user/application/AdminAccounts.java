package io.quizplatform.user.application;

import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.user.domain.Role;
import io.quizplatform.user.domain.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who is an admin: the accounts whose e-mail address is listed in {@code ADMIN_EMAILS} (comma-separated), set by
 * the operator. Everyone is a host.
 */
@ApplicationScoped
public class AdminAccounts {

    @Inject
    ServiceSettings settings;

    public Set<Role> rolesFor(String normalizedEmail) {
        boolean admin = Arrays.stream(settings.get("admin.emails", "").split(","))
                .map(User::normalizeEmail)
                .anyMatch(e -> !e.isEmpty() && e.equals(normalizedEmail));
        return admin ? EnumSet.of(Role.HOST, Role.ADMIN) : EnumSet.of(Role.HOST);
    }
}
