package io.quizplatform.quiz.api.ws;

import io.quizplatform.quiz.api.ws.ClientMessage.Answer;
import io.quizplatform.quiz.api.ws.ClientMessage.Hello;
import io.quizplatform.quiz.api.ws.ClientMessage.HostCommand;
import io.quizplatform.quiz.api.ws.ClientMessage.Kick;
import io.quizplatform.quiz.api.ws.ClientMessage.Join;
import io.quizplatform.quiz.api.ws.ClientMessage.MessageType;
import io.quizplatform.quiz.api.ws.ClientMessage.Ping;
import io.quizplatform.quiz.api.ws.ClientMessage.Role;
import io.quizplatform.quiz.api.ws.ClientMessages.Read;
import io.quizplatform.quiz.api.ws.ClientMessages.Reading;
import io.quizplatform.quiz.api.ws.ClientMessages.Refused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientMessagesTest {

    private static final String PLAYER = "5b0c5a8e-3f6e-4d7a-9a51-0c1f1d2e3a4b";

    // --- what is read -------------------------------------------------------------------------------------------

    @Test
    void everyMessageTypeIsReadIntoItsRecord() {
        assertThat(read("{\"type\":\"hello\",\"role\":\"player\",\"token\":\"a.b.c\"}")).isEqualTo(new Hello(Role.PLAYER, "a.b.c"));
        assertThat(read("{\"type\":\"hello\",\"role\":\"host\",\"token\":\"x\"}")).isEqualTo(new Hello(Role.HOST, "x"));
        assertThat(read("{\"type\":\"ping\"}")).isEqualTo(new Ping());
        assertThat(read("{\"type\":\"start\"}")).isEqualTo(new HostCommand(MessageType.START));
        assertThat(read("{\"type\":\"next\"}")).isEqualTo(new HostCommand(MessageType.NEXT));
        assertThat(read("{\"type\":\"skip\"}")).isEqualTo(new HostCommand(MessageType.SKIP));
        assertThat(read("{\"type\":\"end\"}")).isEqualTo(new HostCommand(MessageType.END));
        assertThat(read("{\"type\":\"kick\",\"playerId\":\"" + PLAYER + "\"}")).isEqualTo(new Kick(PLAYER));
        assertThat(read("{\"type\":\"kick\",\"playerId\":\"" + PLAYER.toUpperCase() + "\"}")).as("the same id in capitals")
                .isEqualTo(new Kick(PLAYER));
        assertThat(read("{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":[\"a\"]}")).isEqualTo(new Answer(0, List.of("a"), null));
        assertThat(read("{\"type\":\"answer\",\"questionIndex\":99,\"optionIds\":[\"a\",\"c\"]}")).isEqualTo(new Answer(99, List.of("a", "c"), null));
        assertThat(read("{\"type\":\"answer\",\"questionIndex\":5,\"text\":\" Pacific \"}")).isEqualTo(new Answer(5, List.of(), " Pacific "));
    }

    @Test
    void aJoinCarriesThePinAsSixDigitsInAStringAndANicknameForTheGameToJudge() {
        assertThat(read("{\"type\":\"join\",\"pin\":\"012345\",\"nickname\":\" Ada \"}")).isEqualTo(new Join("012345", " Ada "));
        for (String pin : List.of("12345", "1234567", "12345a", "١٢٣٤٥٦", "")) {
            assertRefused("{\"type\":\"join\",\"pin\":\"" + pin + "\",\"nickname\":\"Ada\"}", "invalid-pin", "pin");
        }
        for (String pin : List.of("123456", "null", "[\"123456\"]", "1.23456e5")) {
            assertRefused("{\"type\":\"join\",\"pin\":" + pin + ",\"nickname\":\"Ada\"}", "invalid-pin", "pin");
        }
        assertRefused("{\"type\":\"join\",\"pin\":\"123456\"}", "nickname-invalid", "nickname");
        assertRefused("{\"type\":\"join\",\"pin\":\"123456\",\"nickname\":7}", "nickname-invalid", "nickname");
        assertRefused("{\"type\":\"join\",\"pin\":\"123456\",\"nickname\":\"\"}", "nickname-invalid", "nickname");
        assertRefused("{\"type\":\"join\",\"pin\":\"123456\",\"nickname\":\"Ada\",\"role\":\"host\"}", "invalid-message", "role");
    }

    @Test
    void whitespaceAroundTheObjectNullForAnAbsentOptionAndMemberOrderDoNotMatter() {
        assertThat(read(" \n{\"text\":\"Île-de-France 🇫🇷\",\"optionIds\":null,\"questionIndex\":1,\"type\":\"answer\"}\r\n "))
                .isEqualTo(new Answer(1, List.of(), "Île-de-France 🇫🇷"));
    }

    @Test
    void aHundredCharactersCountAsCharactersNotUtf16Units() {
        String emoji = "😀".repeat(100);
        assertThat(read("{\"type\":\"answer\",\"questionIndex\":0,\"text\":\"" + emoji + "\"}")).isEqualTo(new Answer(0, List.of(), emoji));
        assertRefused("{\"type\":\"answer\",\"questionIndex\":0,\"text\":\"" + emoji + "😀\"}", "invalid-answer", "text");
    }

    // --- structure: malformed -----------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "", " ", "{not json", "{", "}", "[]", "[{\"type\":\"ping\"}]", "\"ping\"", "42", "null", "true",
            "{\"type\":\"ping\"}{\"type\":\"ping\"}", "{\"type\":\"ping\"} x", "{\"type\":\"ping\"},", "{\"type\":\"ping\"}]",
            "{\"type\":\"ping\",}", "{'type':'ping'}", "{type:\"ping\"}", "{\"type\":\"ping\"\"x\":1}",
            "{\"type\":\"ping\",\"a\":{}}", "{\"type\":\"ping\",\"a\":[[1]]}", "{\"type\":\"ping\",\"a\":[{}]}",
            "{\"type\":\"ping\",\"\":1}", "{\"type\":\"ping\",\"a b\":1}", "{\"type\":\"ping\",\"a\\u0000\":1}",
            "{\"type\":\"ping\",\"1a\":1}", "{\"type\":\"ping\",\"a\":NaN}", "{\"type\":\"ping\",\"a\":01}",
            "{\"type\":\"ping\",\"a\":\"\u0001\"}", "{\"type\":\"ping\",\"a\":\"\\x\"}",
            "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"type\":\"ping\"}",
            "{\"type\":\"ping\",\"a\":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]}",
            "{}", "{\"type\":null}", "{\"type\":1}", "{\"type\":[\"ping\"]}", "{\"type\":true}"})
    void whatIsNotOneFlatObjectWithATypeIsMalformed(String text) {
        assertThat(ClientMessages.read(text)).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.code()).isEqualTo("malformed");
            assertThat(r.type()).isNull();
        });
    }

    @Test
    void aDuplicateMemberIsMalformedAndNamed() {
        assertRefused("{\"type\":\"ping\",\"type\":\"start\"}", "malformed", "type");
        assertRefused("{\"type\":\"answer\",\"questionIndex\":0,\"questionIndex\":1,\"optionIds\":[\"a\"]}", "malformed", "questionIndex");
    }

    @Test
    void deepNestingIsRefusedAtOnceWithoutRecursion() {
        String deep = "{\"type\":\"ping\",\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
        assertRefused(deep, "malformed", "a");
        assertRefused("[".repeat(100_000), "malformed", null);
    }

    @Test
    void aMessageOverFourKilobytesIsRefusedEvenUnparsed() {
        String big = "{\"type\":\"ping\",\"p\":\"" + "é".repeat(2100) + "\"}";
        assertThat(io.quizplatform.platform.Utf8.length(big)).isGreaterThan(4096);
        assertRefused(big, "malformed", null);
        assertThat(ClientMessages.read(null)).isInstanceOf(Refused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"launch-missiles", "Ping", "PING", "hello ", "answers", "", "pong", "welcome", "error"})
    void anUnknownTypeIsRefusedWithoutEchoingIt(String type) {
        Refused refused = assertRefused("{\"type\":\"" + type + "\"}", "unknown-type", "type");
        assertThat(refused.type()).isNull();
        if (!type.isEmpty()) {
            assertThat(refused.message()).doesNotContain(type);
        }
    }

    // --- fields of each type -------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"ping\",\"padding\":\"x\"}|padding",
            "{\"type\":\"start\",\"force\":true}|force",
            "{\"type\":\"next\",\"questionIndex\":1}|questionIndex",
            "{\"type\":\"skip\",\"x\":null}|x",
            "{\"type\":\"end\",\"reason\":\"bye\"}|reason",
            "{\"type\":\"kick\"}|playerId",
            "{\"type\":\"kick\",\"playerId\":null}|playerId",
            "{\"type\":\"kick\",\"playerId\":42}|playerId",
            "{\"type\":\"kick\",\"playerId\":[\"" + PLAYER + "\"]}|playerId",
            "{\"type\":\"kick\",\"playerId\":\"ada\"}|playerId",
            "{\"type\":\"kick\",\"playerId\":\"" + PLAYER + "\\u0000\"}|playerId",
            "{\"type\":\"kick\",\"playerId\":\"" + PLAYER + "\",\"why\":\"x\"}|why",
    })
    void aFieldAHostCommandOrPingDoesNotHaveOrGetsWrongIsAnInvalidMessage(String text, String field) {
        assertThat(assertRefused(text, "invalid-message", field).type()).isNotNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"hello\",\"token\":\"t\"}|invalid-role|role",
            "{\"type\":\"hello\",\"role\":\"admin\",\"token\":\"t\"}|invalid-role|role",
            "{\"type\":\"hello\",\"role\":\"Player\",\"token\":\"t\"}|invalid-role|role",
            "{\"type\":\"hello\",\"role\":1,\"token\":\"t\"}|invalid-role|role",
            "{\"type\":\"hello\",\"role\":[\"host\"],\"token\":\"t\"}|invalid-role|role",
            "{\"type\":\"hello\",\"role\":\"player\"}|invalid-token|token",
            "{\"type\":\"hello\",\"role\":\"player\",\"token\":\"\"}|invalid-token|token",
            "{\"type\":\"hello\",\"role\":\"player\",\"token\":123}|invalid-token|token",
            "{\"type\":\"hello\",\"role\":\"player\",\"token\":null}|invalid-token|token",
            "{\"type\":\"hello\",\"role\":\"player\",\"token\":\"a b\"}|invalid-token|token",
            "{\"type\":\"hello\",\"role\":\"player\",\"token\":\"a\\u0000b\"}|invalid-token|token",
            "{\"type\":\"hello\",\"role\":\"player\",\"token\":\"\\ud800\"}|invalid-token|token",
            "{\"type\":\"hello\",\"role\":\"player\",\"token\":\"t\",\"gameId\":\"g\"}|invalid-message|gameId",
    })
    void aHelloNamesWhatIsWrongWithIt(String text, String code, String field) {
        assertThat(assertRefused(text, code, field).type()).isEqualTo(MessageType.HELLO);
    }

    @Test
    void anOverlongTokenIsRefused() {
        assertRefused("{\"type\":\"hello\",\"role\":\"host\",\"token\":\"" + "t".repeat(2049) + "\"}", "invalid-token", "token");
        assertThat(read("{\"type\":\"hello\",\"role\":\"host\",\"token\":\"" + "t".repeat(2048) + "\"}")).isInstanceOf(Hello.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"answer\"}|questionIndex",
            "{\"type\":\"answer\",\"optionIds\":[\"a\"]}|questionIndex",
            "{\"type\":\"answer\",\"questionIndex\":null,\"optionIds\":[\"a\"]}|questionIndex",
            "{\"type\":\"answer\",\"questionIndex\":\"0\",\"optionIds\":[\"a\"]}|questionIndex",
            "{\"type\":\"answer\",\"questionIndex\":true,\"optionIds\":[\"a\"]}|questionIndex",
            "{\"type\":\"answer\",\"questionIndex\":[0],\"optionIds\":[\"a\"]}|questionIndex",
            "{\"type\":\"answer\",\"questionIndex\":-1,\"optionIds\":[\"a\"]}|questionIndex",
            "{\"type\":\"answer\",\"questionIndex\":-0,\"optionIds\":[\"a\"]}|questionIndex",
            "{\"type\":\"answer\",\"questionIndex\":0.0,\"optionIds\":[\"a\"]}|questionIndex",
            "{\"type\":\"answer\",\"questionIndex\":0.5,\"optionIds\":[\"a\"]}|questionIndex",
            "{\"type\":\"answer\",\"questionIndex\":1e0,\"optionIds\":[\"a\"]}|questionIndex",
            "{\"type\":\"answer\",\"questionIndex\":1E2,\"optionIds\":[\"a\"]}|questionIndex",
            "{\"type\":\"answer\",\"questionIndex\":100,\"optionIds\":[\"a\"]}|questionIndex",
            "{\"type\":\"answer\",\"questionIndex\":4294967296,\"optionIds\":[\"a\"]}|questionIndex",
            "{\"type\":\"answer\",\"questionIndex\":2147483648,\"optionIds\":[\"a\"]}|questionIndex",
            "{\"type\":\"answer\",\"questionIndex\":99999999999999999999999999999999,\"optionIds\":[\"a\"]}|questionIndex",
            "{\"type\":\"answer\",\"questionIndex\":0}|optionIds",
            "{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":null,\"text\":null}|optionIds",
            "{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":\"a\"}|optionIds",
            "{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":[]}|optionIds",
            "{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":[1]}|optionIds",
            "{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":[null]}|optionIds",
            "{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":[\"\"]}|optionIds",
            "{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":[\"a\",\"a\"]}|optionIds",
            "{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\"]}|optionIds",
            "{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":[\"a\\u0000\"]}|optionIds",
            "{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":[\"\\udc00\"]}|optionIds",
            "{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":[\"a\"],\"text\":\"a\"}|text",
            "{\"type\":\"answer\",\"questionIndex\":0,\"text\":\"\"}|text",
            "{\"type\":\"answer\",\"questionIndex\":0,\"text\":\"   \"}|text",
            "{\"type\":\"answer\",\"questionIndex\":0,\"text\":42}|text",
            "{\"type\":\"answer\",\"questionIndex\":0,\"text\":[\"Pacific\"]}|text",
            "{\"type\":\"answer\",\"questionIndex\":0,\"text\":false}|text",
            "{\"type\":\"answer\",\"questionIndex\":0,\"text\":\"Mar\\u0000ianas\"}|text",
            "{\"type\":\"answer\",\"questionIndex\":0,\"text\":\"Mar\\u0007ianas\"}|text",
            "{\"type\":\"answer\",\"questionIndex\":0,\"text\":\"two\\nlines\"}|text",
            "{\"type\":\"answer\",\"questionIndex\":0,\"text\":\"tab\\there\"}|text",
            "{\"type\":\"answer\",\"questionIndex\":0,\"text\":\"del\\u007f\"}|text",
            "{\"type\":\"answer\",\"questionIndex\":0,\"text\":\"c1\\u0085\"}|text",
            "{\"type\":\"answer\",\"questionIndex\":0,\"text\":\"lone \\ud83d\"}|text",
            "{\"type\":\"answer\",\"questionIndex\":0,\"text\":\"\\ude00 lone low\"}|text",
            "{\"type\":\"answer\",\"questionIndex\":0,\"text\":\"swapped \\ude00\\ud83d\"}|text",
            "{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":[\"a\"],\"clientTime\":1}|clientTime",
            "{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":[\"a\"],\"correct\":true}|correct",
    })
    void anAnswerThatBreaksARuleIsAnInvalidAnswerNamingTheField(String text, String field) {
        assertThat(assertRefused(text, "invalid-answer", field).type()).isEqualTo(MessageType.ANSWER);
    }

    @Test
    void anInvalidAnswerKeepsItsQuestionWhenThatWasReadable() {
        assertThat(assertRefused("{\"type\":\"answer\",\"questionIndex\":3,\"text\":\"a\\u0000\"}", "invalid-answer", "text")
                .questionIndex()).isEqualTo(3);
        assertThat(assertRefused("{\"type\":\"answer\",\"questionIndex\":4294967296,\"text\":\"a\"}", "invalid-answer", "questionIndex")
                .questionIndex()).isEqualTo(-1);
    }

    @Test
    void optionIdsAndTextAreBounded() {
        assertThat(read("{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":[\"" + "o".repeat(64) + "\"]}")).isInstanceOf(Answer.class);
        assertRefused("{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":[\"" + "o".repeat(65) + "\"]}", "invalid-answer", "optionIds");
        assertRefused("{\"type\":\"answer\",\"questionIndex\":0,\"optionIds\":[\"" + "o".repeat(3000) + "\"]}", "invalid-answer", "optionIds");
        assertThat(read("{\"type\":\"answer\",\"questionIndex\":0,\"text\":\"" + "t".repeat(100) + "\"}")).isInstanceOf(Answer.class);
        assertRefused("{\"type\":\"answer\",\"questionIndex\":0,\"text\":\"" + "t".repeat(101) + "\"}", "invalid-answer", "text");
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static ClientMessage read(String text) {
        Reading reading = ClientMessages.read(text);
        assertThat(reading).as(text).isInstanceOf(Read.class);
        return ((Read) reading).message();
    }

    private static Refused assertRefused(String text, String code, String field) {
        Reading reading = ClientMessages.read(text);
        assertThat(reading).as(text).isInstanceOf(Refused.class);
        Refused refused = (Refused) reading;
        assertThat(refused.code()).as(text).isEqualTo(code);
        assertThat(refused.field()).as(text).isEqualTo(field);
        assertThat(refused.message()).isNotBlank();
        return refused;
    }
}
