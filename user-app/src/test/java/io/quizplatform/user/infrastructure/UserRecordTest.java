package io.quizplatform.user.infrastructure;

import io.quizplatform.user.domain.Role;
import io.quizplatform.user.domain.User;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The record keeps every column of an account: what is read back is what was written. */
class UserRecordTest {

    private final Instant registered = Instant.parse("2026-11-26T09:00:00Z");

    @Test
    void aNewAccountReadsBackAsItWasRegistered() {
        User user = User.register(UUID.randomUUID(), " Ada@Example.com", "Ada  L", "hash",
                EnumSet.of(Role.ADMIN, Role.HOST), registered);

        User read = UserRecord.of(user).toUser();

        assertThat(read).usingRecursiveComparison().isEqualTo(user);
        assertThat(read.roleClaimsText()).isEqualTo("admin,host");
    }

    @Test
    void anAccountsChangesAreCopiedOntoItsRecord() {
        User user = User.register(UUID.randomUUID(), "ada@example.com", "Ada", "hash", EnumSet.of(Role.HOST), registered);
        UserRecord record = UserRecord.of(user);
        UUID admin = UUID.randomUUID();

        user.rename("Ada Lovelace", registered.plusSeconds(60));
        user.replacePasswordHash("new hash", registered.plusSeconds(120));
        user.assignRoles(EnumSet.of(Role.HOST, Role.ADMIN), registered.plusSeconds(150));
        user.lock(admin, registered.plusSeconds(180));
        record.copy(user);

        User read = record.toUser();
        assertThat(read).usingRecursiveComparison().isEqualTo(user);
        assertThat(read.lockedBy()).isEqualTo(admin);
        assertThat(read.sessionsValidFrom()).isEqualTo(registered.plusSeconds(181));
    }
}
