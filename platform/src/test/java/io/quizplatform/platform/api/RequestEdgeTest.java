package io.quizplatform.platform.api;

import io.quizplatform.platform.api.json.JsonInputException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Parameters and headers checked at the edge, before any resource runs. */
class RequestEdgeTest {

    @Test
    void parametersMustBeCleanShortUtf8() {
        assertThat(parameterProblem("caf%C3%A9")).isNull();
        assertThat(parameterProblem("3f2b2c8e-9c1e-4a57-a1d5-3b8c2f7a9e10")).isNull();
        assertThat(parameterProblem("a%00b")).isEqualTo("character: must not contain the NUL character (U+0000)");
        assertThat(parameterProblem("%ED%A0%80")).startsWith("utf8: ");
        assertThat(parameterProblem("%C3%28")).startsWith("utf8: ");
        assertThat(parameterProblem("%zz")).startsWith("utf8: ");
        assertThat(parameterProblem("%4")).startsWith("utf8: ");
        assertThat(parameterProblem("x".repeat(129))).isEqualTo("too-long: must be at most 128 characters");
        assertThat(parameterProblem("\ud800")).isEqualTo("character: must not contain an unpaired surrogate");
    }

    /** A resource's method as RequestParameterCheck reads it. */
    static class Listing {
        public void list(@jakarta.ws.rs.QueryParam("page") int page, @jakarta.ws.rs.QueryParam("q") String q,
                         @jakarta.ws.rs.PathParam("n") Long n, @jakarta.ws.rs.QueryParam("size") short size) {
        }
    }

    @Test
    void theWholeNumberParametersOfAResourceMethodAreFoundByTheirType() throws NoSuchMethodException {
        var method = Listing.class.getMethod("list", int.class, String.class, Long.class, short.class);
        assertThat(RequestParameterCheck.wholeNumbers(method)).extracting(p -> p[0] + ":" + p[1])
                .containsExactly("query:page", "path:n", "query:size");
    }

    @Test
    void aQueryParameterIsOneTheMethodTakesGivenOnce() throws NoSuchMethodException {
        var method = Listing.class.getMethod("list", int.class, String.class, Long.class, short.class);
        assertThat(RequestParameterCheck.queryParameters(method)).containsExactlyInAnyOrder("page", "q", "size");
        var query = new jakarta.ws.rs.core.MultivaluedHashMap<String, String>();
        query.add("page", "1");
        query.addAll("size", "1", "2");
        query.add("sise", "5");
        query.add("n", "3"); // a path parameter's name is not a query parameter
        query.add("%71", "x"); // q, spelt in percent-encoding, given twice with the q below
        query.add("q", "y");
        List<JsonInputException.Violation> violations = new java.util.ArrayList<>();
        RequestParameterCheck.checkQueryNames(query, RequestParameterCheck.queryParameters(method), violations);
        assertThat(violations).extracting(v -> v.field() + ":" + v.code())
                .containsExactlyInAnyOrder("size:duplicate", "sise:unknown-field", "n:unknown-field", "q:duplicate");
        assertThat(violations).filteredOn(v -> v.field().equals("sise")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("page, q, size"));
    }

    static class Commands {
        public void publish(@jakarta.ws.rs.PathParam("id") String id, @jakarta.ws.rs.HeaderParam("If-Match") String ifMatch,
                            @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        }

        public void add(@jakarta.ws.rs.PathParam("id") String id, @jakarta.validation.constraints.NotNull String question) {
        }
    }

    @Test
    void aMethodTakesABodyWhenAParameterHasNoSourceAnnotation() throws NoSuchMethodException {
        assertThat(RequestParameterCheck.takesBody(Commands.class.getMethod("publish", String.class, String.class,
                jakarta.ws.rs.core.UriInfo.class))).isFalse();
        assertThat(RequestParameterCheck.takesBody(Commands.class.getMethod("add", String.class, String.class))).isTrue();
    }

    @Test
    void aWholeNumberIsReadAsJsonWritesOne() {
        assertThat(RequestParameterCheck.wholeNumber("0")).hasValue(0);
        assertThat(RequestParameterCheck.wholeNumber("-12")).hasValue(-12);
        assertThat(RequestParameterCheck.wholeNumber("9223372036854775807")).hasValue(Long.MAX_VALUE);
        for (String other : new String[]{"+1", "01", "1.0", "1e3", " 1", "\u0663", "9223372036854775808", "", null}) {
            assertThat(RequestParameterCheck.wholeNumber(other)).as(String.valueOf(other)).isEmpty();
        }
    }

    /** "code: message" of a path parameter of at most 128 characters, or null when it passes. */
    private static String parameterProblem(String raw) {
        JsonInputException.Violation problem = RequestParameterCheck.problem("id", raw, 128);
        return problem == null ? null : problem.code() + ": " + problem.message();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=UTF-8", "application/json;charset=\"utf-8\"",
            "text/plain", "application/problem+json", "multipart/form-data; boundary=abc"})
    void mediaTypesPass(String contentType) {
        assertThat(SecurityHeaders.validContentType(contentType)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "*/*", "text/html;q=0.9, */*;q=0.8", "application/json; Q=1.000",
            "text/*;q=0", "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2", "*/*;q=0.8000",
            "text/html;q=\"0.5\"", "*/*; q = 0.5"})
    void acceptWithWeightsRestEasyReadsPasses(String accept) {
        assertThat(SecurityHeaders.validAccept(java.util.Collections.enumeration(List.of(accept)))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html;q=abc", "application/json;q=", "application/json;q", "application/json;q=0.5x",
            "application/json, text/html;q=NaN", "*/*;q=Infinity", "*/*;q=1e99", "text/html;q=\"abc\"",
            "application/json;p=\"x\";q=abc", "application/json;profile=\"a,b;q=x\"", "garbage", "a; level=1",
            "*/*;q=0.5,garbage", "application/json, text"})
    void acceptThatIsNoMediaTypeOrHasAWeightThatIsNoNumberIsRefused(String accept) {
        assertThat(SecurityHeaders.validAccept(java.util.Collections.enumeration(List.of("application/json", accept)))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "/", "application/", "application/json; charset", ";;;", "a/b c", "\u0000/json",
            "application/json\u0000", "текст/json", "application/json; x=\"unterminated"})
    void garbageIsNotAMediaType(String contentType) {
        assertThat(SecurityHeaders.validContentType(contentType)).isFalse();
    }

    @Test
    void malformedBodiesNeverEchoTheFrameworksWording() {
        assertThat(ProblemMappers.MALFORMED.status()).isEqualTo(400);
        assertThat(ProblemMappers.MALFORMED.detail()).doesNotContain("io.quizplatform").doesNotContain("class");
    }

    @Test
    void aRefusalNamesEveryField() {
        Problem problem = ProblemMappers.problemOf(new JsonInputException(java.util.List.of(
                new JsonInputException.Violation("questions[0].points", "integer", "must be an integer"),
                new JsonInputException.Violation("settings.speedBonus", "unknown-field", "is not a known field"))));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.errors()).containsExactly(
                new Problem.FieldError("questions[0].points", "integer", "must be an integer"),
                new Problem.FieldError("settings.speedBonus", "unknown-field", "is not a known field"));
        assertThat(problem.detail()).contains("questions[0].points: must be an integer");
    }

    /** Fields as the services' request records annotate them. */
    @SuppressWarnings("unused")
    private static final class Annotated {
        @jakarta.validation.constraints.Size(max = 60) String displayName;
        @jakarta.validation.constraints.Size(min = 10) String password;
        @jakarta.validation.constraints.Size(min = 1, max = 20) String nickname;
        @jakarta.validation.constraints.NotBlank String email;
        @jakarta.validation.constraints.Email String address;
        @jakarta.validation.constraints.Pattern(regexp = "[a-z]+") String word;
        @jakarta.validation.constraints.Max(100) int page;
        @jakarta.validation.constraints.Past java.time.Instant when;
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"displayName, too-long", "password, too-short", "nickname, size",
            "email, required", "address, email", "word, pattern", "page, range", "when, invalid"})
    void aBeanValidationRefusalIsCodedByItsConstraint(String field, String code) throws NoSuchFieldException {
        java.lang.annotation.Annotation constraint = Annotated.class.getDeclaredField(field).getAnnotations()[0];
        jakarta.validation.metadata.ConstraintDescriptor<?> descriptor = proxy(jakarta.validation.metadata.ConstraintDescriptor.class,
                "getAnnotation", constraint);
        jakarta.validation.ConstraintViolation<?> violation = proxy(jakarta.validation.ConstraintViolation.class,
                "getConstraintDescriptor", descriptor);
        assertThat(ProblemMappers.ForConstraintViolation.codeOf(violation)).isEqualTo(code);
    }

    /** A stand-in answering one method; a violation is made by the validator, which these unit tests do not run. */
    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, String method, Object answer) {
        return (T) java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
                (p, m, args) -> m.getName().equals(method) ? answer : null);
    }

    @Test
    void aParameterTheFrameworkCouldNotConvertIsNamed() {
        assertThat(ProblemMappers.unconvertibleParameter(404, "RESTEASY003870: Unable to extract parameter from http request: "
                + "jakarta.ws.rs.QueryParam(\"page\") value is 'abc'")).isEqualTo("page");
        assertThat(ProblemMappers.unconvertibleParameter(400, "@jakarta.ws.rs.HeaderParam(\"If-Match\")")).isEqualTo("If-Match");
        assertThat(ProblemMappers.unconvertibleParameter(404, "RESTEASY003210: Could not find resource for full path")).isNull();
        assertThat(ProblemMappers.unconvertibleParameter(500, "jakarta.ws.rs.QueryParam(\"page\")")).isNull();
    }

    @Test
    void frameworkMessagesThatNameInternalsAreNotPassedOn() {
        assertThat(ProblemMappers.namesInternals("Cannot create instance of class io.quizplatform.quiz.domain.quiz.QuizSettings")).isTrue();
        assertThat(ProblemMappers.namesInternals("jakarta.ws.rs.NotFoundException: nope")).isTrue();
        assertThat(ProblemMappers.namesInternals("java.lang.IllegalArgumentException")).isTrue();
        assertThat(ProblemMappers.namesInternals("No quiz with id 42.")).isFalse();
        assertThat(ProblemMappers.namesInternals("Send the quiz's ETag in If-Match.")).isFalse();
    }
}
