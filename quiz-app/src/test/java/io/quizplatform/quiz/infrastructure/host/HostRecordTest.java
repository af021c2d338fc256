package io.quizplatform.quiz.infrastructure.host;

import io.quizplatform.quiz.domain.Host;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The record keeps every column of a host: what is read back is what was written. */
class HostRecordTest {

    private final Instant registered = Instant.parse("2026-11-26T09:00:00Z");

    @Test
    void aNewHostReadsBackAsItCame() {
        Host host = new Host(UUID.randomUUID(), "Ada", List.of("host", "admin"), 1, registered);

        assertThat(HostRecord.of(host).toHost()).usingRecursiveComparison().isEqualTo(host);
    }

    @Test
    void aNewerProfileIsCopiedOntoTheRecord() {
        Host host = new Host(UUID.randomUUID(), "Ada", List.of("host"), 1, registered);
        HostRecord record = HostRecord.of(host);

        host.updateProfile("Ada Lovelace", List.of("host", "admin"), 3, registered.plusSeconds(60));
        record.copy(host);

        Host read = record.toHost();
        assertThat(read).usingRecursiveComparison().isEqualTo(host);
        assertThat(read.userVersion()).isEqualTo(3);
        assertThat(read.updatedAt()).isEqualTo(registered.plusSeconds(60));
    }
}
