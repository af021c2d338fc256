package io.quizplatform.platform.api.json;

import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON document into a plain tree: {@code Map<String, Object>} (in document order), {@code List<Object>},
 * {@code String}, {@code BigInteger} (a number written as a whole number: digits only, no fraction, no exponent),
 * {@code BigDecimal} (any other number: {@code 1.0}, {@code 1E3}), {@code Boolean} and {@code null}. Refuses, with a
 * {@link JsonInputException} naming where: bytes that are not UTF-8, syntax errors, nesting deeper than the limit,
 * more values than the limit, a key given twice, text (values or keys) containing NUL or an unpaired surrogate, and
 * anything after the document.
 */
public final class StrictJsonParser {

    /** Nesting limit used when none is configured: far above any body of the API, far below a stack overflow. */
    public static final int DEFAULT_MAX_DEPTH = 32;

    /**
     * The values (every array item and object member, at any depth) one document may hold, unless a test sets another
     * limit. The largest body of the API, an imported quiz of 100 questions with 6 options each and its images, holds
     * about 4,000; this is five times that. A quiz import may be 16 MiB (its images are base64 text, one value each), and
     * without a cap a body of {@code 0,0,0,...} made millions of numbers before anything was checked.
     */
    public static final int DEFAULT_MAX_VALUES = 20_000;

    private static final JsonProvider JSON = JsonProvider.provider();

    private final int maxDepth;
    private final int maxValues;

    public StrictJsonParser(int maxDepth) {
        this(maxDepth, DEFAULT_MAX_VALUES);
    }

    public StrictJsonParser(int maxDepth, int maxValues) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1");
        }
        if (maxValues < 1) {
            throw new IllegalArgumentException("maxValues must be at least 1");
        }
        this.maxDepth = maxDepth;
        this.maxValues = maxValues;
    }

    /** True when the body has nothing but whitespace: "no body", which the resource decides about. */
    public static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    public Object parse(byte[] body) {
        String text = utf8(body);
        try (JsonParser parser = JSON.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new JsonInputException("body", "required", "a JSON value is required");
            }
            Object value = new Document(parser).value(parser.next(), "", 0);
            boolean more;
            try {
                more = parser.hasNext();
            } catch (JsonParsingException e) {
                more = true;
            }
            if (more) {
                throw new JsonInputException("body", "malformed", "must be a single JSON value with nothing after it");
            }
            return value;
        } catch (JsonParsingException e) {
            throw new JsonInputException("body", "malformed", "is not valid JSON" + where(e.getLocation()));
        } catch (RuntimeException e) {
            if (e instanceof JsonInputException) {
                throw e;
            }
            // Parsson's other refusals (e.g. its own limits); its wording may name internals, ours does not.
            throw new JsonInputException("body", "malformed", "is not valid JSON");
        }
    }

    /** The reading of one document: the parser and how many values it has given so far. */
    private final class Document {

        private final JsonParser parser;
        private int values;

        Document(JsonParser parser) {
            this.parser = parser;
        }

        Object value(JsonParser.Event event, String path, int depth) {
            return switch (event) {
                case START_OBJECT -> object(path, depth + 1);
                case START_ARRAY -> array(path, depth + 1);
                case VALUE_STRING -> text(parser.getString(), path);
                case VALUE_NUMBER -> number(parser);
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                default -> throw new JsonInputException(field(path), "malformed", "is not valid JSON");
            };
        }

        private Map<String, Object> object(String path, int depth) {
            checkDepth(path, depth);
            Map<String, Object> members = new LinkedHashMap<>();
            while (true) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.END_OBJECT) {
                    return Collections.unmodifiableMap(members);
                }
                if (event != JsonParser.Event.KEY_NAME) {
                    throw new JsonInputException(field(path), "malformed", "is not valid JSON");
                }
                count(path);
                String key = parser.getString();
                String child = child(path, key);
                text(key, child);
                if (members.containsKey(key)) {
                    throw new JsonInputException(child, "duplicate", "is given more than once");
                }
                members.put(key, value(parser.next(), child, depth));
            }
        }

        private List<Object> array(String path, int depth) {
            checkDepth(path, depth);
            List<Object> items = new ArrayList<>();
            while (true) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.END_ARRAY) {
                    return Collections.unmodifiableList(items);
                }
                count(path);
                items.add(value(event, path + "[" + items.size() + "]", depth));
            }
        }

        /** One more value in the document; past the limit reading stops, before the value is built. */
        private void count(String path) {
            if (++values > maxValues) {
                throw new JsonInputException(field(path), "too-large",
                        "takes the body over its limit of " + maxValues + " values");
            }
        }

        private void checkDepth(String path, int depth) {
            if (depth > maxDepth) {
                throw new JsonInputException(field(path), "too-deep", "is nested deeper than " + maxDepth + " levels");
            }
        }
    }

    /**
     * A number as written: a {@code BigInteger} when it is digits only (with an optional minus), else a
     * {@code BigDecimal}. The form is kept because only the first may become an int or a long, and the value can't
     * tell: {@code 1E0} has scale 0 like {@code 1}, and {@code 1.0} strips to it.
     */
    private static Number number(JsonParser parser) {
        BigDecimal value = parser.getBigDecimal(); // Parsson refuses a number over 1,100 characters here
        String written = parser.getString();
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c == '.' || c == 'e' || c == 'E') {
                return value;
            }
        }
        return value.toBigIntegerExact(); // scale 0: no fraction, no exponent
    }

    /** Text the databases can store and every client can read: no NUL, no half of a surrogate pair. */
    static String text(String value, String path) {
        String problem = textProblem(value);
        if (problem != null) {
            throw new JsonInputException(field(path), "character", problem);
        }
        return value;
    }

    /** What is wrong with a piece of text, or null when nothing is. */
    public static String textProblem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain an unpaired surrogate";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain an unpaired surrogate";
            }
        }
        return null;
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new JsonInputException("body", "utf8", "is not valid UTF-8");
        }
    }

    static String child(String path, String key) {
        return path.isEmpty() ? printable(key) : path + "." + printable(key);
    }

    static String field(String path) {
        return path.isEmpty() ? "body" : path;
    }

    /** A client's parameter or field name as it may appear in an error. */
    public static String printableName(String name) {
        return printable(name);
    }

    /** A client's key as it may appear in an error: printable, short, never a half surrogate. */
    static String printable(String key) {
        if (key.isEmpty()) {
            return "(empty name)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < key.length() && out.length() < 64; i++) {
            char c = key.charAt(i);
            out.append(c < 0x20 || c == 0x7f || Character.isSurrogate(c) ? '?' : c);
        }
        if (key.length() > 64) {
            out.append("...");
        }
        return out.toString();
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNumber() < 0) {
            return "";
        }
        return " (line " + location.getLineNumber() + ", column " + location.getColumnNumber() + ")";
    }
}
