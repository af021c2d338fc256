package io.quizplatform.quiz.api.ws;

import io.quizplatform.platform.Utf8;

import java.util.Optional;

/**
 * Puts one connection's message together from the parts its frames bring, and bounds the whole message, not each
 * frame: at most {@value ClientMessages#MAX_MESSAGE_BYTES} bytes (UTF-8) in at most {@value #MAX_FRAGMENTS} frames.
 * Once over, the connection is to be closed (1009) and nothing more it sends is put together. One per connection;
 * the container delivers a connection's parts one after the other.
 */
final class MessageAssembler {

    static final int MAX_FRAGMENTS = 32;

    /** The message is over the limit; the connection is to be closed with 1009. */
    static final class TooBig extends Exception {
        TooBig() {
            super("message too big", null, false, false);
        }
    }

    private final StringBuilder message = new StringBuilder();
    private int bytes;
    private int fragments;
    private boolean overflowed;

    /**
     * Takes the next part of the current message.
     *
     * @return the whole message once its last part has come, else empty
     * @throws TooBig the first time the message goes over a limit
     */
    Optional<String> add(String part, boolean last) throws TooBig {
        if (overflowed) {
            return Optional.empty();
        }
        bytes += Utf8.length(part);
        fragments++;
        if (bytes > ClientMessages.MAX_MESSAGE_BYTES || fragments > MAX_FRAGMENTS) {
            overflowed = true;
            message.setLength(0);
            throw new TooBig();
        }
        if (!last) {
            message.append(part);
            return Optional.empty();
        }
        String whole = message.length() == 0 ? part : message.append(part).toString();
        message.setLength(0);
        bytes = 0;
        fragments = 0;
        return Optional.of(whole);
    }
}
