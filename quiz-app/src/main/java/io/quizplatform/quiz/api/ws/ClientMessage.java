package io.quizplatform.quiz.api.ws;

import java.util.List;
import java.util.Objects;

/**
 * A message a host or player sent over the game socket, as {@link ClientMessages} read it: every field checked and
 * typed, nothing left to coerce (docs/PROTOCOL.md).
 */
public sealed interface ClientMessage {

    MessageType type();

    /** The message types a client may send, by their wire name. */
    enum MessageType {
        HELLO("hello"), JOIN("join"), PING("ping"), ANSWER("answer"), START("start"), NEXT("next"), SKIP("skip"), KICK("kick"), END("end");

        private final String wireName;

        MessageType(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public boolean hostCommand() {
            return this == START || this == NEXT || this == SKIP || this == KICK || this == END;
        }

        static MessageType byWireName(String name) {
            for (MessageType type : values()) {
                if (type.wireName.equals(name)) {
                    return type;
                }
            }
            return null;
        }
    }

    enum Role { PLAYER, HOST }

    /** Who is connecting: a player with their player token, or a host with their access token. */
    record Hello(Role role, String token) implements ClientMessage {
        public Hello {
            Objects.requireNonNull(role);
            Objects.requireNonNull(token);
        }

        @Override
        public MessageType type() {
            return MessageType.HELLO;
        }
    }

    /** A player joining a game with its PIN and a nickname, on the join socket (the nickname's rules are the game's). */
    record Join(String pin, String nickname) implements ClientMessage {
        public Join {
            Objects.requireNonNull(pin);
            Objects.requireNonNull(nickname);
        }

        @Override
        public MessageType type() {
            return MessageType.JOIN;
        }
    }

    record Ping() implements ClientMessage {
        @Override
        public MessageType type() {
            return MessageType.PING;
        }
    }

    /**
     * A player's answer: either option ids (choice questions and polls) or a typed text, never both.
     *
     * @param optionIds the chosen options, empty for a typed answer
     * @param text      the typed answer as sent, {@code null} for a choice
     */
    record Answer(int questionIndex, List<String> optionIds, String text) implements ClientMessage {
        public Answer {
            optionIds = List.copyOf(optionIds);
        }

        @Override
        public MessageType type() {
            return MessageType.ANSWER;
        }
    }

    /** start, next, skip or end: a host command without arguments. */
    record HostCommand(MessageType type) implements ClientMessage {
        public HostCommand {
            if (!type.hostCommand() || type == MessageType.KICK) {
                throw new IllegalArgumentException("not a plain host command: " + type);
            }
        }
    }

    record Kick(String playerId) implements ClientMessage {
        public Kick {
            Objects.requireNonNull(playerId);
        }

        @Override
        public MessageType type() {
            return MessageType.KICK;
        }
    }
}
