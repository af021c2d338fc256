package io.quizplatform.quiz.api.ws;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageAssemblerTest {

    private final MessageAssembler assembler = new MessageAssembler();

    @Test
    void aWholeFrameIsTheMessage() throws Exception {
        assertThat(assembler.add("{\"type\":\"ping\"}", true)).contains("{\"type\":\"ping\"}");
    }

    @Test
    void partsArePutTogetherAndTheNextMessageStartsAfresh() throws Exception {
        assertThat(assembler.add("{\"type\":", false)).isEmpty();
        assertThat(assembler.add("\"ping\"}", true)).contains("{\"type\":\"ping\"}");
        assertThat(assembler.add("x".repeat(4096), true)).map(String::length).contains(4096);
    }

    @Test
    void theLimitIsOnTheWholeMessageNotEachFrame() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(assembler.add("x".repeat(1024), false)).isEmpty();
        }
        assertThat(assembler.add("x".repeat(1024), false)).isEmpty();
        assertThatThrownBy(() -> assembler.add("x", true)).isInstanceOf(MessageAssembler.TooBig.class);
        // Whatever else comes before the close is dropped, not put together.
        assertThat(assembler.add("{\"type\":\"ping\"}", true)).isEmpty();
    }

    @Test
    void bytesCountNotCharacters() throws Exception {
        assertThat(assembler.add("é".repeat(2048), true)).isPresent();
        assertThatThrownBy(() -> assembler.add("é".repeat(2049), true)).isInstanceOf(MessageAssembler.TooBig.class);
    }

    @Test
    void aMegabyteInFragmentsIsRefusedEarly() throws Exception {
        int taken = 0;
        try {
            for (int i = 0; i < 512; i++) {
                assembler.add("x".repeat(2048), false);
                taken++;
            }
        } catch (MessageAssembler.TooBig e) {
            assertThat(taken).isEqualTo(2);
            return;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void tooManyEmptyFragmentsAreRefused() throws Exception {
        for (int i = 0; i < MessageAssembler.MAX_FRAGMENTS; i++) {
            assertThat(assembler.add("", false)).isEqualTo(Optional.empty());
        }
        assertThatThrownBy(() -> assembler.add("", true)).isInstanceOf(MessageAssembler.TooBig.class);
    }
}
