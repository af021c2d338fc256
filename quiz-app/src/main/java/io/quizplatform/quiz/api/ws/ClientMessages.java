package io.quizplatform.quiz.api.ws;

import io.quizplatform.platform.Utf8;
import io.quizplatform.quiz.application.JoinRefused;
import io.quizplatform.quiz.api.ws.ClientMessage.MessageType;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one socket message strictly (docs/PROTOCOL.md, "Message rules"): exactly one flat JSON object, no duplicate
 * or unknown member, no value of another JSON type than the field's (no coercion), whole numbers within range (never
 * wrapped around), text without control characters or lone surrogates, every string bounded. The result is a typed
 * {@link ClientMessage} or a {@link Refused} naming the code and the field; nothing else is ever thrown. Pure: no
 * socket, no game.
 */
public final class ClientMessages {

    /** The most a message may take, in UTF-8 bytes, whatever the frames it came in. */
    public static final int MAX_MESSAGE_BYTES = 4096;
    /** Question indexes a client may name: a quiz has at most this many questions. */
    public static final int MAX_QUESTIONS = io.quizplatform.quiz.domain.quiz.Quiz.MAX_QUESTIONS;
    public static final int MAX_OPTION_IDS = io.quizplatform.quiz.domain.quiz.Question.MAX_OPTIONS;
    public static final int MAX_OPTION_ID_LENGTH = 64;
    public static final int MAX_TEXT_LENGTH = io.quizplatform.quiz.domain.game.GameQuestion.MAX_TEXT_ANSWER;
    public static final int MAX_TOKEN_LENGTH = 2048;
    /** Members and array items of a message, at most: a message is small, its reading bounded. */
    static final int MAX_MEMBERS = 8;
    static final int MAX_ARRAY_ITEMS = 16;

    public static final String MALFORMED = "malformed";
    public static final String UNKNOWN_TYPE = "unknown-type";
    public static final String INVALID_MESSAGE = "invalid-message";
    public static final String INVALID_ROLE = "invalid-role";
    public static final String INVALID_TOKEN = "invalid-token";
    /** The refusal reason of an answer that breaks these rules (sent as {@code answer-refused}). */
    public static final String INVALID_ANSWER = "invalid-answer";

    /** Member names: what a field of ours looks like; anything else is not a message of ours. */
    private static final Pattern MEMBER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,31}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("0|[1-9][0-9]{0,8}");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private ClientMessages() {
    }

    /** What reading a message gave: a message, or a refusal. */
    public sealed interface Reading {
    }

    public record Read(ClientMessage message) implements Reading {
    }

    /**
     * A message refused.
     *
     * @param type          the message's type when it was a known one, {@code null} when the message was not even that
     * @param code          the error code (for an answer: the refusal reason {@value #INVALID_ANSWER})
     * @param field         the member at fault, {@code null} when it is the message as a whole
     * @param questionIndex the answer's question when it was readable, else -1
     */
    public record Refused(MessageType type, String code, String field, String message, int questionIndex) implements Reading {
    }

    /** Reads a whole message. Never throws. */
    public static Reading read(String text) {
        if (text == null || Utf8.length(text) > MAX_MESSAGE_BYTES) {
            return malformed(null, "A message is at most " + MAX_MESSAGE_BYTES + " bytes.");
        }
        Map<String, Object> members;
        try {
            members = members(text);
        } catch (Structure e) {
            return malformed(e.field, e.getMessage());
        } catch (JsonException | IllegalStateException | NoSuchElementException | NumberFormatException e) {
            return malformed(null, "A message is one JSON object with a \"type\", like {\"type\":\"ping\"}.");
        }
        Object type = members.get("type");
        if (!(type instanceof String name)) {
            return malformed("type", "Every message needs a \"type\", a string.");
        }
        MessageType known = MessageType.byWireName(name);
        if (known == null) {
            return new Refused(null, UNKNOWN_TYPE, "type", "Unknown message type. Known: hello, join, ping, answer, start, next, skip, kick, end.", -1);
        }
        Fields fields = new Fields(known, members);
        try {
            return new Read(switch (known) {
                case HELLO -> hello(fields);
                case JOIN -> join(fields);
                case PING -> {
                    fields.only();
                    yield new ClientMessage.Ping();
                }
                case ANSWER -> answer(fields);
                case KICK -> kick(fields);
                case START, NEXT, SKIP, END -> {
                    fields.only();
                    yield new ClientMessage.HostCommand(known);
                }
            });
        } catch (Invalid e) {
            return new Refused(known, e.code, e.field, e.getMessage(), fields.questionIndex);
        }
    }

    private static Refused malformed(String field, String message) {
        return new Refused(null, MALFORMED, field, message, -1);
    }

    // --- the message types ------------------------------------------------------------------------------------

    private static ClientMessage hello(Fields fields) {
        fields.only("role", "token");
        Object role = fields.members.get("role");
        ClientMessage.Role parsed = "player".equals(role) ? ClientMessage.Role.PLAYER
                : "host".equals(role) ? ClientMessage.Role.HOST : null;
        if (parsed == null) {
            throw new Invalid(INVALID_ROLE, "role", "role must be \"player\" or \"host\".");
        }
        Object token = fields.members.get("token");
        if (!(token instanceof String t) || t.isEmpty() || t.length() > MAX_TOKEN_LENGTH || !printableAscii(t)) {
            throw new Invalid(INVALID_TOKEN, "token", "token must be the token you were given (a string of at most "
                    + MAX_TOKEN_LENGTH + " characters).");
        }
        return new ClientMessage.Hello(parsed, t);
    }

    private static ClientMessage join(Fields fields) {
        fields.only("pin", "nickname");
        if (!(fields.members.get("pin") instanceof String pin) || !io.quizplatform.quiz.domain.game.GamePin.isWellFormed(pin)) {
            throw new Invalid(JoinRefused.INVALID_PIN, "pin", "pin must be the game's PIN, a string of 6 digits.");
        }
        Object nickname = fields.members.get("nickname");
        // The game's own nickname rule, checked here too: a nickname no game accepts (a NUL, a lone surrogate, 3,000
        // characters) is refused as such before it costs a join attempt and a PIN lookup, and with its own code.
        if (!(nickname instanceof String n) || io.quizplatform.quiz.domain.game.Nickname.problem(n).isPresent()) {
            // The game's own nickname rule's code, so a client knows one code for a bad nickname.
            throw new Invalid(JoinRefused.NICKNAME_INVALID, "nickname", "nickname must be a string of 1 to "
                    + io.quizplatform.quiz.domain.game.Nickname.MAX_LENGTH + " letters, digits, spaces, dots, dashes or underscores.");
        }
        return new ClientMessage.Join(pin, n);
    }

    private static ClientMessage answer(Fields fields) {
        fields.only("questionIndex", "optionIds", "text");
        Object index = fields.members.get("questionIndex");
        if (index == null) {
            throw fields.invalid("questionIndex", "Say which question you answer: \"questionIndex\" is a whole number.");
        }
        if (!(index instanceof NumberText n) || !WHOLE_NUMBER.matcher(n.lexeme).matches()
                || Integer.parseInt(n.lexeme) >= MAX_QUESTIONS) {
            throw fields.invalid("questionIndex", "\"questionIndex\" is a whole number from 0 to " + (MAX_QUESTIONS - 1) + ".");
        }
        fields.questionIndex = Integer.parseInt(n.lexeme);
        Object options = fields.optional("optionIds");
        Object typed = fields.optional("text");
        if (options != null && typed != null) {
            throw fields.invalid("text", "Send either \"optionIds\" or \"text\", not both.");
        }
        if (options == null && typed == null) {
            throw fields.invalid("optionIds", "Send the chosen \"optionIds\", or the typed \"text\".");
        }
        if (typed != null) {
            if (!(typed instanceof String text) || text.isBlank() || text.codePointCount(0, text.length()) > MAX_TEXT_LENGTH
                    || !plainText(text)) {
                throw fields.invalid("text", "\"text\" is the typed answer: 1 to " + MAX_TEXT_LENGTH
                        + " characters, no control characters.");
            }
            return new ClientMessage.Answer(fields.questionIndex, List.of(), text);
        }
        String optionRule = "\"optionIds\" is a list of 1 to " + MAX_OPTION_IDS + " different option ids (each 1 to "
                + MAX_OPTION_ID_LENGTH + " characters).";
        if (!(options instanceof Items items) || items.values.isEmpty() || items.values.size() > MAX_OPTION_IDS) {
            throw fields.invalid("optionIds", optionRule);
        }
        List<String> ids = new ArrayList<>(items.values.size());
        for (Object item : items.values) {
            if (!(item instanceof String id) || id.isEmpty() || id.length() > MAX_OPTION_ID_LENGTH || !plainText(id)
                    || ids.contains(id)) {
                throw fields.invalid("optionIds", optionRule);
            }
            ids.add(id);
        }
        return new ClientMessage.Answer(fields.questionIndex, ids, null);
    }

    private static ClientMessage kick(Fields fields) {
        fields.only("playerId");
        Object playerId = fields.members.get("playerId");
        if (!(playerId instanceof String id) || !UUID_TEXT.matcher(id).matches()) {
            throw fields.invalid("playerId", "\"playerId\" is the id of a player of this game (as in the host's list).");
        }
        // Player ids are kept in lower case (UUID#toString); the same id in capitals names the same player.
        return new ClientMessage.Kick(id.toLowerCase(java.util.Locale.ROOT));
    }

    /** The members of a message, with what this message type is checking of them. */
    private static final class Fields {
        final MessageType type;
        final Map<String, Object> members;
        int questionIndex = -1;

        Fields(MessageType type, Map<String, Object> members) {
            this.type = type;
            this.members = members;
        }

        /** Refuses a member this message type does not have. */
        void only(String... names) {
            Set<String> allowed = new HashSet<>(List.of(names));
            allowed.add("type");
            for (String name : members.keySet()) {
                if (!allowed.contains(name)) {
                    throw invalid(name, "A \"" + type.wireName() + "\" message has no \"" + name + "\".");
                }
            }
        }

        /** An optional member: absent and {@code null} are the same. */
        Object optional(String name) {
            Object value = members.get(name);
            return value == NULL ? null : value;
        }

        Invalid invalid(String field, String message) {
            return new Invalid(type == MessageType.ANSWER ? INVALID_ANSWER : INVALID_MESSAGE, field, message);
        }
    }

    // --- the JSON -----------------------------------------------------------------------------------------------

    /** A number as written: read as a number only once its form is known to be a small whole one. */
    private record NumberText(String lexeme) {
    }

    private record Items(List<Object> values) {
    }

    private static final Object NULL = new Object();

    /**
     * The members of the one flat object the text holds: names to strings, {@link NumberText}s, booleans, {@link #NULL}
     * or {@link Items} of those. Anything nested deeper, repeated, or after the object ends is refused as it comes,
     * so a hostile message costs no more than its size.
     */
    private static Map<String, Object> members(String text) {
        Map<String, Object> members = new LinkedHashMap<>();
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new Structure(null, "A message is a JSON object, like {\"type\":\"ping\"}.");
            }
            while (true) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.END_OBJECT) {
                    break;
                }
                String name = parser.getString();
                if (!MEMBER_NAME.matcher(name).matches()) {
                    throw new Structure(null, "Member names are short words of letters and digits.");
                }
                if (members.containsKey(name)) {
                    throw new Structure(name, "\"" + name + "\" appears twice.");
                }
                if (members.size() == MAX_MEMBERS) {
                    throw new Structure(null, "A message has at most " + MAX_MEMBERS + " members.");
                }
                JsonParser.Event value = parser.next();
                if (value == JsonParser.Event.START_ARRAY) {
                    List<Object> items = new ArrayList<>();
                    for (JsonParser.Event item = parser.next(); item != JsonParser.Event.END_ARRAY; item = parser.next()) {
                        if (items.size() == MAX_ARRAY_ITEMS) {
                            throw new Structure(name, "A list in a message has at most " + MAX_ARRAY_ITEMS + " items.");
                        }
                        items.add(scalar(parser, item, name));
                    }
                    members.put(name, new Items(items));
                } else {
                    members.put(name, scalar(parser, value, name));
                }
            }
            if (parser.hasNext()) {
                throw new Structure(null, "A message is one JSON object and nothing after it.");
            }
        }
        return members;
    }

    private static Object scalar(JsonParser parser, JsonParser.Event event, String member) {
        return switch (event) {
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER -> new NumberText(parser.getString());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> NULL;
            default -> throw new Structure(member, "Messages are flat: no objects or lists inside \"" + member + "\".");
        };
    }

    // --- text ---------------------------------------------------------------------------------------------------

    /** No control characters (U+0000 to U+001F, U+007F to U+009F) and no lone surrogates. */
    static boolean plainText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean printableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }


    /** The message's structure is not one of ours. */
    private static final class Structure extends RuntimeException {
        final String field;

        Structure(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    /** A member breaks its field's rule. */
    private static final class Invalid extends RuntimeException {
        final String code;
        final String field;

        Invalid(String code, String field, String message) {
            super(message, null, false, false);
            this.code = code;
            this.field = field;
        }
    }
}
