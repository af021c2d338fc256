package io.quizplatform.quiz.api;

import io.quizplatform.platform.api.Problem;
import io.quizplatform.platform.api.ProblemException;
import io.quizplatform.platform.api.StrictIds;
import io.quizplatform.platform.api.StrictJsonReader;
import io.quizplatform.quiz.application.ImageLibrary;
import io.quizplatform.quiz.application.QuizDocument;
import io.quizplatform.quiz.application.Actor;
import io.quizplatform.quiz.application.QuizAuthoring;
import io.quizplatform.quiz.domain.quiz.QuizDetail;
import io.quizplatform.quiz.application.QuizSummary;
import io.quizplatform.quiz.domain.quiz.QuizSettings;
import io.quizplatform.quiz.infrastructure.projection.QuizProjection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Quiz authoring. Reads return the version as a strong ETag; every change needs it back in If-Match (428
 * without, 412 when stale) so two hosts editing at once never overwrite each other silently. An optional
 * Idempotency-Key makes a retried change harmless.
 */
@Path("/quizzes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"host", "admin"})
@SecurityRequirement(name = "bearer")
public class QuizResource {

    /** A quiz's ETag as this resource gives it: its version in decimal digits, quoted (a strong tag). */
    private static final java.util.regex.Pattern ETAG = java.util.regex.Pattern.compile("\"(0|[1-9][0-9]{0,18})\"");

    /**
     * An Idempotency-Key as a client may send it: 1 to 100 visible ASCII characters (a UUID is one). It is stored with
     * the change's events and compared byte for byte, so no blank, control or non-ASCII character gets in.
     */
    private static final java.util.regex.Pattern IDEMPOTENCY_KEY = java.util.regex.Pattern.compile("[\\x21-\\x7E]{1,100}");

    public record Details(
            @NotNull(message = "a title is required") @Size(max = 120, message = "must be at most 120 characters") String title,
            @Size(max = 2000, message = "must be at most 2000 characters") String description,
            QuizSettings settings) {
    }

    public record QuestionOrder(@NotNull(message = "questionIds is required") List<String> questionIds) {
    }

    public record Page(List<QuizSummary> items, int page, int size) {
    }

    public record HistoryEntry(String eventId, String type, long version, String actorId, java.time.Instant at) {
    }

    @Inject
    QuizAuthoring authoring;

    @Inject
    QuizProjection projection;

    @Inject
    JsonWebToken token;

    @Inject
    ImageLibrary images;

    @Inject
    StrictJsonReader jsonReader;

    @Inject
    QuizBodyLimits bodyLimits;

    @Context
    UriInfo uri;

    private Actor actor() {
        return new Actor(token.getSubject(), token.getGroups().contains("admin"));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a draft quiz")
    public Response create(@NotNull(message = "a JSON body with title is required") @jakarta.validation.Valid Details details) {
        QuizDetail quiz = authoring.create(actor(), details.title(), details.description(), details.settings());
        return Response.created(uri.getBaseUriBuilder().path("quizzes").path(quiz.id()).build())
                .tag(etag(quiz)).entity(quiz).build();
    }

    @GET
    @Operation(summary = "List quizzes", description = "scope=mine (default): your quizzes; scope=published: every published quiz. "
            + "q filters by title; page and size page the result.")
    public Page list(@QueryParam("scope") @DefaultValue("mine") @Pattern(regexp = "mine|published", message = "must be mine or published") String scope,
                     @QueryParam("q") @Size(max = 120, message = "must be at most 120 characters") String q,
                     @QueryParam("page") @DefaultValue("0") @Min(value = 0, message = "must be 0 or more") int page,
                     @QueryParam("size") @DefaultValue("20") @Min(value = 1, message = "must be 1 to 100") @Max(value = 100, message = "must be 1 to 100") int size) {
        String owner = "published".equals(scope) ? null : token.getSubject();
        return new Page(projection.list(owner, q, page, size), page, size);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a quiz (drafts: owner and admins only; someone else's published quiz without its answers)")
    public Response read(@PathParam("id") String id) {
        Actor actor = actor();
        QuizDetail quiz = authoring.read(actor, quizId(id));
        Object shown = QuizAuthoring.seesAnswers(actor, quiz.ownerId()) ? quiz : QuizPreview.of(quiz);
        return Response.ok(shown).tag(etag(quiz)).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change title, description or settings (If-Match required)")
    public Response changeDetails(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                  @HeaderParam("Idempotency-Key") String key,
                                  @NotNull(message = "a JSON body with title is required") @jakarta.validation.Valid Details details) {
        return change(id, ifMatch, key, quiz -> quiz.changeDetails(details.title(), details.description(), details.settings()));
    }

    @POST
    @Path("/{id}/questions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a question at the end (If-Match required)")
    public Response addQuestion(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                @HeaderParam("Idempotency-Key") String key,
                                @NotNull(message = "a JSON body with the question is required") QuizDetail.QuestionView question) {
        return change(id, ifMatch, key, quiz -> quiz.addQuestion(authoring.question(question, null)));
    }

    @PUT
    @Path("/{id}/questions/{questionId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a question (If-Match required)")
    public Response editQuestion(@PathParam("id") String id, @PathParam("questionId") String questionId,
                                 @HeaderParam("If-Match") String ifMatch, @HeaderParam("Idempotency-Key") String key,
                                 @NotNull(message = "a JSON body with the question is required") QuizDetail.QuestionView question) {
        return change(id, ifMatch, key, quiz -> quiz.editQuestion(authoring.question(question, questionId)));
    }

    @DELETE
    @Path("/{id}/questions/{questionId}")
    @Operation(summary = "Remove a question (If-Match required)")
    public Response removeQuestion(@PathParam("id") String id, @PathParam("questionId") String questionId,
                                   @HeaderParam("If-Match") String ifMatch, @HeaderParam("Idempotency-Key") String key) {
        return change(id, ifMatch, key, quiz -> quiz.removeQuestion(questionId));
    }

    @PUT
    @Path("/{id}/question-order")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reorder the questions: every question id exactly once (If-Match required)")
    public Response reorder(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                            @HeaderParam("Idempotency-Key") String key,
                            @NotNull(message = "a JSON body with questionIds is required") @jakarta.validation.Valid QuestionOrder order) {
        return change(id, ifMatch, key, quiz -> quiz.reorderQuestions(order.questionIds()));
    }

    @POST
    @Path("/{id}/publish")
    @Operation(summary = "Publish: checks every question is complete (If-Match required)")
    public Response publish(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                            @HeaderParam("Idempotency-Key") String key) {
        return change(id, ifMatch, key, quiz -> quiz.publish());
    }

    @POST
    @Path("/{id}/archive")
    @Operation(summary = "Archive (If-Match required)")
    public Response archive(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                            @HeaderParam("Idempotency-Key") String key) {
        return change(id, ifMatch, key, quiz -> quiz.archive());
    }

    @POST
    @Path("/{id}/duplicate")
    @Operation(summary = "Copy a quiz of yours into a new draft (admins: any quiz)")
    public Response duplicate(@PathParam("id") String id) {
        QuizDetail copy = authoring.duplicate(actor(), quizId(id));
        return Response.created(uri.getBaseUriBuilder().path("quizzes").path(copy.id()).build()).tag(etag(copy)).entity(copy).build();
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "Every change of the quiz, from its events (owner and admins)")
    public List<HistoryEntry> history(@PathParam("id") String id) {
        return authoring.history(actor(), quizId(id)).stream()
                .map(e -> new HistoryEntry(e.eventId().toString(), e.type(), e.version(), e.actorId(), e.at())).toList();
    }

    @GET
    @Path("/{id}/export")
    @Operation(summary = "Download a quiz of yours as a JSON document (the import format), with the uploaded images it shows")
    public Response export(@PathParam("id") String id) {
        QuizDocument document = authoring.export(actor(), quizId(id));
        return Response.ok(document).header("Content-Disposition", "attachment; filename=\"quiz-" + document.id() + ".json\"").build();
    }

    @POST
    @Path("/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a draft from an exported document (same content, new id), storing its images",
            description = "The body may be up to quiz.import.max.bytes (16 MiB by default), as it carries the images.")
    public Response importQuiz(InputStream body) throws IOException {
        // Read here rather than by the JSON provider: the import has its own, larger, body limit.
        QuizDocument document = (QuizDocument) jsonReader.read(body, QuizDocument.class, bodyLimits.importMaxBytes());
        if (document == null) {
            throw new ProblemException(400, "Body required", "Send the exported quiz document as the JSON body.",
                    List.of(new Problem.FieldError("body", "required", "a JSON body with an exported quiz is required")));
        }
        QuizDetail quiz = authoring.importQuiz(actor(), document, images.acceptDocumentImages(document.images()));
        return Response.created(uri.getBaseUriBuilder().path("quizzes").path(quiz.id()).build()).tag(etag(quiz)).entity(quiz).build();
    }

    private Response change(String id, String ifMatch, String idempotencyKey, Consumer<io.quizplatform.quiz.domain.quiz.Quiz> command) {
        if (idempotencyKey != null && !isIdempotencyKey(idempotencyKey)) {
            throw new ProblemException(400, "Invalid Idempotency-Key",
                    "Idempotency-Key must be 1 to 100 visible ASCII characters, like a UUID.",
                    List.of(new Problem.FieldError("Idempotency-Key", "pattern", "must be 1 to 100 visible ASCII characters")));
        }
        QuizDetail quiz = authoring.change(actor(), quizId(id), expectedVersion(ifMatch), idempotencyKey, command);
        return Response.ok(quiz).tag(etag(quiz)).build();
    }

    static boolean isIdempotencyKey(String key) {
        return IDEMPOTENCY_KEY.matcher(key).matches();
    }

    private static EntityTag etag(QuizDetail quiz) {
        return new EntityTag(Long.toString(quiz.version()));
    }

    private static long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "Precondition Required",
                    "Send the quiz's ETag in If-Match (from the last read), so concurrent edits can't overwrite each other.");
        }
        String v = ifMatch.strip();
        // A proxy that compresses the answer weakens its ETag (W/"3"), and the editor sends back what it was given:
        // taken as the version it names, though RFC 9110 compares If-Match strongly (else every edit behind such a
        // proxy would be refused).
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        // Otherwise exactly as given: quoted decimal digits. 3, +3, "0003" or "3 are other spellings, not an ETag.
        if (!ETAG.matcher(v).matches()) {
            throw invalidIfMatch();
        }
        try {
            return Long.parseLong(v.substring(1, v.length() - 1));
        } catch (NumberFormatException e) {
            throw invalidIfMatch();
        }
    }


    private static ProblemException invalidIfMatch() {
        return new ProblemException(400, "Invalid If-Match", "If-Match must be the ETag of the quiz, like \"3\".",
                List.of(new Problem.FieldError("If-Match", "pattern", "must be the quiz's ETag as given, like \"3\"")));
    }

    private static UUID quizId(String id) {
        return StrictIds.uuid(id).orElseThrow(() ->
                new ProblemException(404, "Unknown quiz", "No quiz with id " + id.substring(0, Math.min(id.length(), 64)) + "."));
    }
}
