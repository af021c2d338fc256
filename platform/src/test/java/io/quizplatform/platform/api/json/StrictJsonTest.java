package io.quizplatform.platform.api.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The strict parser and binder: what a body may be, and the field named when it is not. */
class StrictJsonTest {

    record Settings(boolean speedScoring, boolean streakBonus) {
    }

    record Option(String id, String text, boolean correct) {
    }

    record Question(String id, String text, int timeLimitSeconds, int points, List<Option> options, List<String> acceptedAnswers) {
    }

    record Quiz(String title, String description, Settings settings, long version, Boolean lateJoinAllowed,
                List<Question> questions, Set<String> tags) {
    }

    enum Kind { SINGLE, MULTIPLE }

    record WithEnum(Kind kind) {
    }

    private static final StrictJsonParser PARSER = new StrictJsonParser(StrictJsonParser.DEFAULT_MAX_DEPTH);

    static Object read(String json, Type type) {
        return StrictBinder.bind(PARSER.parse(json.getBytes(StandardCharsets.UTF_8)), type);
    }

    static List<JsonInputException.Violation> refusal(String json, Type type) {
        try {
            read(json, type);
        } catch (JsonInputException e) {
            return e.violations();
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void aWellFormedBodyBindsOntoNestedRecords() {
        Quiz quiz = (Quiz) read("""
                {"title":"Capitals","description":null,"settings":{"speedScoring":true,"streakBonus":false},
                 "version":9007199254740993,"lateJoinAllowed":true,"tags":["geo","geo2"],
                 "questions":[{"id":"q1","text":"Capital of France? \\ud83c\\uddeb\\ud83c\\uddf7","timeLimitSeconds":20,"points":1000,
                   "options":[{"id":"a","text":"Paris","correct":true},{"text":"Lyon","correct":false}],"acceptedAnswers":null}]}
                """, Quiz.class);
        assertThat(quiz.title()).isEqualTo("Capitals");
        assertThat(quiz.description()).isNull();
        assertThat(quiz.settings()).isEqualTo(new Settings(true, false));
        assertThat(quiz.version()).isEqualTo(9007199254740993L);
        assertThat(quiz.questions()).singleElement().satisfies(q -> {
            assertThat(q.points()).isEqualTo(1000);
            assertThat(q.text()).endsWith("\ud83c\uddeb\ud83c\uddf7");
            assertThat(q.options()).containsExactly(new Option("a", "Paris", true), new Option(null, "Lyon", false));
        });
        assertThat(quiz.tags()).containsExactly("geo", "geo2");
    }

    @Test
    void absentTextsListsAndWrappersAreNull() {
        Quiz quiz = (Quiz) read("{\"version\":1}", Quiz.class);
        assertThat(quiz).isEqualTo(new Quiz(null, null, null, 1, null, null, null));
    }

    /** Left out is not 0 or false: a question without points would be worth 0, a half-given settings switch off. */
    @Test
    void anAbsentNumberOrSwitchIsRequired() {
        String json = """
                {"settings":{"speedScoring":true},"questions":[{"text":"Q","options":[{"text":"A"}]}]}
                """;
        assertThat(refusal(json, Quiz.class)).extracting(JsonInputException.Violation::field, JsonInputException.Violation::code)
                .containsExactlyInAnyOrder(tuple("version", "required"), tuple("settings.streakBonus", "required"),
                        tuple("questions[0].timeLimitSeconds", "required"), tuple("questions[0].points", "required"),
                        tuple("questions[0].options[0].correct", "required"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            points wrapping past 2^32       | {"questions":[{"points":4294968296}]}        | questions[0].points | integer
            time limit wrapping past 2^32   | {"questions":[{"timeLimitSeconds":4294967316}]} | questions[0].timeLimitSeconds | integer
            points 1e300                    | {"questions":[{"points":1e300}]}             | questions[0].points | integer
            points as a string              | {"questions":[{"points":"20"}]}              | questions[0].points | integer
            points with a fraction          | {"questions":[{"points":20.5}]}              | questions[0].points | integer
            points as true                  | {"questions":[{"points":true}]}              | questions[0].points | integer
            long beyond 2^63                | {"version":9223372036854775808}              | version | integer
            huge exponent                   | {"version":1e999999999}                      | version | integer
            tiny exponent                   | {"version":1e-999999999}                     | version | integer
            exponent at the int limit       | {"version":1e2147483647}                     | version | integer
            negative at the int limit       | {"version":-12e2147483646}                   | version | integer
            trailing zeros at the int limit | {"version":100e2147483647}                   | version | integer
            null in a list of texts         | {"tags":["geo",null]}                        | tags[1] | required
            null in a list of records       | {"questions":[null]}                         | questions[0] | required
            boolean as a string             | {"settings":{"speedScoring":"maybe"}}        | settings.speedScoring | boolean
            boolean as a number             | {"settings":{"streakBonus":2}}               | settings.streakBonus | boolean
            boolean null for a primitive    | {"settings":{"streakBonus":null}}            | settings.streakBonus | required
            wrapper boolean as a string     | {"lateJoinAllowed":"true"}                   | lateJoinAllowed | boolean
            number as a title               | {"title":5}                                  | title | text
            array as a title                | {"title":["a"]}                              | title | text
            object as a title               | {"title":{}}                                 | title | text
            settings as a string            | {"settings":"on"}                            | settings | object
            questions as an object          | {"questions":{}}                             | questions | list
            question as a number            | {"questions":[7]}                            | questions[0] | object
            unknown field                   | {"titel":"x"}                                | titel | unknown-field
            unknown nested field            | {"settings":{"speedBonus":true}}             | settings.speedBonus | unknown-field
            unknown deep field              | {"questions":[{"options":[{"id":"a","evil":1}]}]} | questions[0].options[0].evil | unknown-field
            tags as a string                | {"tags":"geo"}                               | tags | list
            """)
    void wrongTypesAndRangesAreRefusedNamingTheFieldAndTheRule(String name, String json, String field, String code) {
        assertThat(refusal(json, Quiz.class)).extracting(JsonInputException.Violation::field, JsonInputException.Violation::code)
                .contains(org.assertj.core.groups.Tuple.tuple(field, code));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            NUL in a value             | {"title":"a\\u0000b"}                         | title | character
            NUL in a nested value      | {"questions":[{"text":"\\u0000"}]}            | questions[0].text | character
            NUL in a key               | {"ti\\u0000tle":"x"}                          | ti?tle | character
            lone high surrogate        | {"title":"\\ud800"}                           | title | character
            lone low surrogate         | {"title":"x\\udc00y"}                         | title | character
            reversed pair              | {"title":"\\udc00\\ud800"}                    | title | character
            lone surrogate in a list   | {"tags":["ok","\\ud800"]}                     | tags[1] | character
            duplicate key              | {"title":"a","title":"b"}                     | title | duplicate
            duplicate nested key       | {"settings":{"speedScoring":true,"speedScoring":false}} | settings.speedScoring | duplicate
            trailing text              | {"title":"a"} trailing                        | body | malformed
            two documents              | {"title":"a"}{"title":"b"}                    | body | malformed
            trailing bracket           | {"title":"a"}]                                | body | malformed
            not JSON                   | title=a                                       | body | malformed
            unterminated               | {"title":                                     | body | malformed
            a bare string for a record | "title"                                       | body | object
            an array for a record      | [1,2]                                         | body | object
            """)
    void textAndSyntaxRulesAreEnforced(String name, String json, String field, String code) {
        assertThat(refusal(json, Quiz.class)).extracting(JsonInputException.Violation::field, JsonInputException.Violation::code)
                .contains(org.assertj.core.groups.Tuple.tuple(field, code));
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedWithoutAStackOverflow() {
        String deep = "{\"tags\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
        assertThat(refusal(deep, Quiz.class)).singleElement().satisfies(v -> {
            assertThat(v.field()).startsWith("tags[0]");
            assertThat(v.code()).isEqualTo("too-deep");
            assertThat(v.message()).contains("nested deeper than 32");
        });
        assertThat(refusal("[".repeat(100_000), Quiz.class)).extracting(JsonInputException.Violation::message)
                .anySatisfy(m -> assertThat(m).contains("nested deeper"));
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] body = {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> PARSER.parse(body)).isInstanceOf(JsonInputException.class).hasMessageContaining("UTF-8");
        byte[] surrogateInCesu = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
        assertThatThrownBy(() -> PARSER.parse(surrogateInCesu)).isInstanceOf(JsonInputException.class);
    }

    @Test
    void everyMistakeIsReportedAndNoneNamesAJavaClass() {
        List<JsonInputException.Violation> violations = refusal(
                "{\"title\":1,\"version\":1,\"settings\":{\"speedScoring\":\"yes\",\"streakBonus\":true,\"speedBonus\":1},"
                        + "\"questions\":[{\"timeLimitSeconds\":20,\"points\":1.5}]}", Quiz.class);
        assertThat(violations).extracting(JsonInputException.Violation::field)
                .containsExactlyInAnyOrder("title", "settings.speedScoring", "settings.speedBonus", "questions[0].points");
        assertThat(violations).extracting(JsonInputException.Violation::message)
                .noneMatch(m -> m.contains("io.quizplatform") || m.contains("java.") || m.contains("Exception"));
    }

    @Test
    void enumsBindByName() {
        assertThat(read("{\"kind\":\"SINGLE\"}", WithEnum.class)).isEqualTo(new WithEnum(Kind.SINGLE));
        assertThat(refusal("{\"kind\":\"single\"}", WithEnum.class)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("SINGLE, MULTIPLE"));
    }

    @Test
    void integersAtTheEdgesOfTheirRange() {
        assertThat(((Question) read(withPoints("2147483647"), Question.class)).points()).isEqualTo(Integer.MAX_VALUE);
        assertThat(((Question) read(withPoints("-2147483648"), Question.class)).points()).isEqualTo(Integer.MIN_VALUE);
        assertThat(((Question) read(withPoints("-0"), Question.class)).points()).isZero();
        assertThat(refusal(withPoints("2147483648"), Question.class)).isNotEmpty();
    }

    /** A question whose only other number is a valid time limit. */
    private static String withPoints(String points) {
        return "{\"timeLimitSeconds\":20,\"points\":" + points + "}";
    }

    /** As the game socket reads them: a whole value written with a fraction or an exponent is a decimal, not an int. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1.0      | {"points":1.0}
            2E1      | {"points":2E1}
            1000.000 | {"points":1000.000}
            1E3      | {"points":1E3}
            1e0      | {"points":1e0}
            1E+3     | {"points":1E+3}
            10e-1    | {"points":10e-1}
            0.0      | {"points":0.0}
            -0.0     | {"points":-0.0}
            0e0      | {"points":0e0}
            """)
    void anIntegerIsWrittenWithoutFractionOrExponent(String written, String json) {
        assertThat(refusal(json.replace("{", "{\"timeLimitSeconds\":20,"), Question.class)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("points");
            assertThat(v.code()).isEqualTo("integer");
        });
        assertThat(refusal(json.replace("points", "version"), Quiz.class)).extracting(JsonInputException.Violation::field)
                .containsExactly("version");
    }

    record Measurement(double ratio) {
    }

    @Test
    void theTreeKeepsHowANumberWasWrittenAndADoubleTakesEither() {
        assertThat((List<?>) PARSER.parse("[1,-0,1.0,1E0,20.5]".getBytes(StandardCharsets.UTF_8)))
                .extracting(n -> n.getClass().getSimpleName())
                .containsExactly("BigInteger", "BigInteger", "BigDecimal", "BigDecimal", "BigDecimal");
        assertThat(((Measurement) read("{\"ratio\":2}", Measurement.class)).ratio()).isEqualTo(2.0);
        assertThat(((Measurement) read("{\"ratio\":2.5E1}", Measurement.class)).ratio()).isEqualTo(25.0);
    }

    @Test
    void aDocumentHoldsAtMostItsLimitOfValues() {
        StrictJsonParser tenValues = new StrictJsonParser(StrictJsonParser.DEFAULT_MAX_DEPTH, 10);
        // {"questions":[...]} is one value (the array) and then one per item.
        assertThat(tenValues.parse("{\"questions\":[0,0,0,0,0,0,0,0,0]}".getBytes(StandardCharsets.UTF_8))).isNotNull();

        assertThatThrownBy(() -> tenValues.parse("{\"questions\":[0,0,0,0,0,0,0,0,0,0]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(JsonInputException.class, e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("questions");
                    assertThat(v.code()).isEqualTo("too-large");
                    assertThat(v.message()).isEqualTo("takes the body over its limit of 10 values");
                }));
        assertThatThrownBy(() -> tenValues.parse("[{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5},{\"f\":[6,7,8,9]}]"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(JsonInputException.class, e -> assertThat(e.violations())
                        .extracting(JsonInputException.Violation::field).containsExactly("[1].f"));
    }

    @Test
    void aBodyOfZerosIsRefusedAsOneMistakeOnceItPassesTheDefaultLimit() {
        String zeros = "0,".repeat(StrictJsonParser.DEFAULT_MAX_VALUES) + "0";
        assertThat(refusal("{\"tags\":[" + zeros + "]}", Quiz.class)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("tags");
            assertThat(v.code()).isEqualTo("too-large");
            assertThat(v.message()).contains(Integer.toString(StrictJsonParser.DEFAULT_MAX_VALUES));
        });
    }

    /** {@code notBindable} has no strict binding: reaching it would throw, so a refusal shows binding stopped before. */
    record Pages(List<Integer> pages, Object notBindable) {
    }

    @Test
    void aRefusalNamesTheFirstTwentyMistakesAndBindingStopsThere() {
        String strings = "\"x\",".repeat(1000) + "\"x\"";
        List<JsonInputException.Violation> violations = refusal("{\"pages\":[" + strings + "],\"notBindable\":1}", Pages.class);

        assertThat(violations).hasSize(StrictBinder.MAX_VIOLATIONS);
        assertThat(violations).extracting(JsonInputException.Violation::field)
                .startsWith("pages[0]", "pages[1]").endsWith("pages[19]");
    }

    @Test
    void onlyRecordsAndCollectionsOfRecordsAreBoundHere() throws Exception {
        assertThat(StrictBinder.supports(Quiz.class)).isTrue();
        assertThat(StrictBinder.supports(StrictJsonTest.class.getDeclaredField("LIST_OF_QUIZZES").getGenericType())).isTrue();
        assertThat(StrictBinder.supports(String.class)).isFalse();
        assertThat(StrictBinder.supports(jakarta.json.JsonObject.class)).isFalse();
    }

    @SuppressWarnings("unused")
    private static final List<Quiz> LIST_OF_QUIZZES = List.of();

    @Test
    void blankBodiesAreNoBody() {
        assertThat(StrictJsonParser.isBlank(" \r\n\t".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(StrictJsonParser.isBlank("{}".getBytes(StandardCharsets.UTF_8))).isFalse();
    }
}
