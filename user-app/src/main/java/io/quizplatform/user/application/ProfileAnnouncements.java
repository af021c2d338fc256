package io.quizplatform.user.application;

import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.UserProfileUpdated;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.platform.outbox.Outbox;
import io.quizplatform.user.domain.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * Announces an account's profile ({@code user.profile-updated}: name and roles, all a reader keeps of it) through the
 * outbox, in the change's transaction, after the change is saved (the event carries the version it produced).
 *
 * <p>user-events is compacted: a reader that starts later (a new service, a rebuilt read model, a consumer group
 * whose offsets expired) finds only each account's last record. So whatever else is announced on an account's key
 * is followed by its profile, and the last record is always one it can rebuild the account from.
 */
@ApplicationScoped
public class ProfileAnnouncements {

    @Inject
    Outbox outbox;

    @Transactional(Transactional.TxType.MANDATORY)
    public void profile(User user, Instant now) {
        outbox.append(profileEvent(user, now));
    }

    /**
     * Another announcement of the account, then its profile, in that order on the account's key (one statement:
     * rows persisted one by one in a transaction may reach the table in another order).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void followedByProfile(EventEnvelope announcement, User user, Instant now) {
        outbox.appendAll(List.of(announcement, profileEvent(user, now)));
    }

    private static EventEnvelope profileEvent(User user, Instant now) {
        UserProfileUpdated payload = new UserProfileUpdated(user.id().toString(), user.displayName(), user.roleClaims(), now);
        return EventEnvelope.newEvent(EventTypes.USER_PROFILE_UPDATED, "user", user.id().toString(), user.version(), now,
                EventCodec.payloadToJson(payload));
    }
}
