package io.quizplatform.quiz.api.ws;

import io.quizplatform.quiz.application.LiveScores.PlayerScore;

/**
 * A player's own line as the {@code score} message (docs/PROTOCOL.md), written straight into a string: a part of a
 * board reaches up to 500 phones on one instance, each with a different line, and a few appends per field cost far
 * less than building a JSON object tree per player.
 */
final class PlayerScoreJson {

    private PlayerScoreJson() {
    }

    /** {@code {"type":"score","questionIndex":..,...}}; {@code correct} and {@code ahead} only when known. */
    static String score(PlayerScore s) {
        StringBuilder json = new StringBuilder(200)
                .append("{\"type\":\"score\",\"questionIndex\":").append(s.questionIndex())
                .append(",\"points\":").append(s.points())
                .append(",\"bonus\":").append(s.bonus())
                .append(",\"total\":").append(s.total())
                .append(",\"rank\":").append(s.rank())
                .append(",\"players\":").append(s.players())
                .append(",\"answered\":").append(s.answered());
        if (s.correct() != null) {
            json.append(",\"correct\":").append(s.correct().booleanValue());
        }
        json.append(",\"streak\":").append(s.streak());
        if (s.ahead() != null) {
            json.append(",\"ahead\":{\"nickname\":");
            string(json, s.ahead().nickname());
            json.append(",\"total\":").append(s.ahead().total()).append('}');
        }
        return json.append('}').toString();
    }

    /** {@code {"rank":..,"total":..}}: where the player finished, spliced into the podium message. */
    static String you(PlayerScore s) {
        return "{\"rank\":" + s.rank() + ",\"total\":" + s.total() + "}";
    }

    /** A JSON string literal (RFC 8259 escaping); null becomes {@code null}. */
    static void string(StringBuilder json, String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
