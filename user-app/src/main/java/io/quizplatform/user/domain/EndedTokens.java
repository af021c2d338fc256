package io.quizplatform.user.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The access tokens ended before they expire, until they expire: the record behind the deny-list every service reads
 * (a port; {@code infrastructure.JpaEndedTokens} keeps them in user_db).
 */
public interface EndedTokens {

    /** How a token ended: logged out, or retired by its renewal (a page holds a newer one). */
    enum EndedAs { LOGGED_OUT, RENEWED }

    record EndedToken(String tokenId, EndedAs endedAs, Instant expiresAt) {
    }

    /** Records a logout (again, harmlessly; one after the token's renewal is kept as a logout). */
    void loggedOut(String tokenId, Instant expiresAt);

    /**
     * Records the token's renewal, inside the renewal's transaction, unless the token had ended already (renewed or
     * logged out, whatever Redis says: Redis may have lost that, user_db has not): then how it ended.
     */
    Optional<EndedAs> renewed(String tokenId, Instant expiresAt);

    /**
     * The tokens ended since {@code endedSince} that have not expired by {@code now}, in token id order from
     * {@code afterTokenId} on, at most {@code limit} of them.
     */
    List<EndedToken> unexpired(Instant now, Instant endedSince, String afterTokenId, int limit);

    /** Forgets up to {@code limit} tokens expired before {@code before}; how many. */
    int forgetExpired(Instant before, int limit);
}
