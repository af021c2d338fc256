package io.quizplatform.user.application;

import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.UserRegistered;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.platform.outbox.Outbox;
import io.quizplatform.platform.persistence.UniqueViolation;
import io.quizplatform.user.domain.PasswordPolicy;
import io.quizplatform.user.domain.User;
import io.quizplatform.user.domain.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Registering an account: the password rules, one account per address, a salted slow hash, and the
 * {@code user.registered} event, all in one transaction.
 */
@ApplicationScoped
public class Registration {

    @Inject
    UserRepository users;

    @Inject
    Outbox outbox;

    @Inject
    Passwords passwords;

    @Inject
    AdminAccounts admins;

    private final Clock clock = Clock.systemUTC();

    @Transactional
    public User register(String email, String displayName, String password) {
        String normalizedEmail = User.normalizeEmail(email);
        if (User.emailTooLong(normalizedEmail)) {
            throw new EmailTooLong(); // the column would refuse it with a 500: said first, before the slow hash
        }
        List<PasswordPolicy.BrokenRule> broken = PasswordPolicy.violations(password, email, displayName);
        if (!broken.isEmpty()) {
            throw WeakPassword.atRegistration(broken);
        }
        // The slow hash before the first query: a transaction takes its pool connection at its first statement, and a
        // class of hosts registering at once held every connection through each other's hashing (pool timeouts, 500s).
        // Hashing also for an address that turns out taken costs what a new one would: the answer's time says nothing.
        String passwordHash = passwords.hash(password);
        if (users.emailTaken(normalizedEmail)) {
            throw new EmailTaken();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        User user = User.register(UUID.randomUUID(), normalizedEmail, displayName, passwordHash,
                admins.rolesFor(normalizedEmail), now);
        try {
            users.addAndFlush(user);
        } catch (PersistenceException e) {
            if (UniqueViolation.isCausedBy(e)) {
                // Two registrations of one address raced past the check; the unique index decided.
                throw new EmailTaken();
            }
            throw e;
        }
        UserRegistered payload = new UserRegistered(user.id().toString(), user.displayName(), user.roleClaims(), now);
        outbox.append(EventEnvelope.newEvent(EventTypes.USER_REGISTERED, "user", user.id().toString(), 1, now,
                EventCodec.payloadToJson(payload)));
        return user;
    }
}
