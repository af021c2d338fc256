package io.quizplatform.platform.api;

import io.quizplatform.platform.messaging.BulkReplay;
import io.quizplatform.platform.messaging.DeadLetterDetail;
import io.quizplatform.platform.messaging.DeadLetterList;
import io.quizplatform.platform.messaging.DeadLetterListing;
import io.quizplatform.platform.messaging.DeadLetters;
import io.quizplatform.platform.messaging.ReplayOutcome;
import io.quizplatform.platform.messaging.ReplayResult;
import io.quizplatform.platform.messaging.WaitingReplays;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.util.List;

/**
 * {@code <service>/api/admin/dead-letters}: the records this service's consumers parked in their dead-letter topics
 * ({@code <topic>.<service>.dlq}), and their replay. Every service has it (it lives in the platform, like
 * {@code /caller}); admins only.
 */
@Path("/admin/dead-letters")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@SecurityRequirement(name = "bearer")
public class DeadLetterResource {

    /** Replays a call makes by default (each a short transaction; a failure is retried for at most a second or so). */
    static final int DEFAULT_REPLAY_LIMIT = 100;

    @Inject
    DeadLetters deadLetters;

    @Inject
    WaitingReplays waitingReplays;

    @Inject
    JsonWebToken token;

    @GET
    @Operation(summary = "List parked (dead-lettered) records of this service",
            description = "The newest records of every dead-letter topic of this service, newest first, each with where it "
                    + "came from, its event id and type (if it is an event), why it was parked and its latest replay. "
                    + "A page that leaves older records out gives next: ?before=next lists them, page by page.")
    @APIResponse(responseCode = "200", description = "Parked records",
            content = @Content(schema = @Schema(implementation = DeadLetterList.class)))
    @APIResponse(responseCode = "400", description = "limit out of range, or before not the next of an earlier page",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka or the database unreachable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeadLetterList list(@Parameter(description = "at most this many records, 1 to 1000 (default 500)")
                               @QueryParam("limit") String limit,
                               @Parameter(description = "the next of an earlier page: the records parked before that page's")
                               @QueryParam("before") String before) {
        return deadLetters.list(limit(limit), before);
    }

    @GET
    @Path("/{dlqTopic}/{partition}/{offset}")
    @Operation(summary = "One parked record, with its value")
    @APIResponse(responseCode = "200", description = "The record",
            content = @Content(schema = @Schema(implementation = DeadLetterDetail.class)))
    @APIResponse(responseCode = "400", description = "partition or offset not a number of 0 or more",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Not a dead-letter topic of this service, or no record there",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka or the database unreachable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeadLetterDetail read(@Parameter(description = "e.g. answer-events.scoring-app.dlq") @PathParam("dlqTopic") String dlqTopic,
                                 @PathParam("partition") String partition, @PathParam("offset") String offset) {
        return deadLetters.read(dlqTopic, partition(partition), offset(offset));
    }

    @POST
    @Path("/{dlqTopic}/{partition}/{offset}/replay")
    @Operation(summary = "Replay a parked record",
            description = "Applies the record's event as the consumer would have (same handlers, retries and idempotency: "
                    + "an event already applied reports 'duplicate' and changes nothing) and records the outcome. A record "
                    + "already replayed successfully is refused with 409 unless force=true; one whose replay failed may be "
                    + "replayed again.")
    @APIResponse(responseCode = "200", description = "Replayed: outcome applied or duplicate",
            content = @Content(schema = @Schema(implementation = ReplayResult.class)))
    @APIResponse(responseCode = "400", description = "partition or offset not a number of 0 or more, force not true or false",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Not a dead-letter topic of this service, or no record there",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already replayed successfully (use force=true to replay again)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The record is not an event (cannot be replayed), or the event still "
            + "fails (outcome failed, recorded; the record stays parked)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka or the database unreachable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response replay(@Parameter(description = "e.g. answer-events.scoring-app.dlq") @PathParam("dlqTopic") String dlqTopic,
                           @PathParam("partition") String partition, @PathParam("offset") String offset,
                           @Parameter(description = "replay even if already replayed successfully (default false)")
                           @QueryParam("force") String force) {
        int p = partition(partition);
        long o = offset(offset);
        boolean forced = force(force);
        ReplayResult result = deadLetters.replay(dlqTopic, p, o, forced, operator());
        if (ReplayOutcome.FAILED.wireName().equals(result.outcome())) {
            // The error itself (an exception and what the database said) is data in the record's listing, not
            // wording of a problem: no problem body names a class or carries SQL.
            return Problem.of(422, "Replay failed", "The event " + result.eventId() + " (" + result.eventType() + ") at "
                    + dlqTopic + "/" + p + "@" + o + " still fails. The failure is recorded (attempt " + result.attempts()
                    + ") and its error is in the record's replay (GET dead-letters/" + dlqTopic + "/" + p + "/" + o
                    + "); the record stays parked. Fix the cause, then replay it again.", List.of())
                    .toResponse();
        }
        return Response.ok(result).build();
    }

    @POST
    @Path("/{dlqTopic}/replay")
    @Operation(summary = "Replay what waits in one dead-letter topic, oldest first",
            description = "Replays, oldest first (each partition in offset order), up to limit records of the topic that "
                    + "were never replayed successfully, one at a time as the replay of one record does. A record that "
                    + "fails again holds up the rest of its partition (and only that one) until a later call; records "
                    + "that are not events are left. Each partition is read only up to its limit-th waiting record. No "
                    + "replay starts after 15 s or once the database is out of reach: stopped says why. The answer lists "
                    + "each replay, the partitions held, how many records read still wait and how many were not read.")
    @APIResponse(responseCode = "200", description = "What was replayed, failures included",
            content = @Content(schema = @Schema(implementation = BulkReplay.class)))
    @APIResponse(responseCode = "400", description = "limit out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such dead-letter topic for this service",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A replay of this topic is already running on this instance",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka or the database unreachable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BulkReplay replayWaiting(@Parameter(description = "e.g. answer-events.scoring-app.dlq") @PathParam("dlqTopic") String dlqTopic,
                                    @Parameter(description = "at most this many replays, 1 to 1000 (default 100)")
                                    @QueryParam("limit") String limit) {
        return waitingReplays.replayWaiting(dlqTopic, replayLimit(limit), operator());
    }

    /** The admin asking, as the replay records them. */
    private DeadLetters.Operator operator() {
        return new DeadLetters.Operator(token.getSubject(), token.getClaim("name"));
    }

    static int limit(String value) {
        return limitOf(value, DeadLetterListing.DEFAULT_LIMIT);
    }

    static int replayLimit(String value) {
        return limitOf(value, DEFAULT_REPLAY_LIMIT);
    }

    private static int limitOf(String value, int byDefault) {
        if (value == null) {
            return byDefault;
        }
        if (value.isBlank()) {
            throw ProblemException.invalid("limit", "integer", "must be 1 to " + DeadLetterListing.MAX_LIMIT + " when given, got " + shown(value));
        }
        long limit = number("limit", value);
        if (limit < 1 || limit > DeadLetterListing.MAX_LIMIT) {
            throw ProblemException.invalid("limit", "integer", "must be 1 to " + DeadLetterListing.MAX_LIMIT + ", got " + value.strip());
        }
        return (int) limit;
    }

    static int partition(String value) {
        long partition = nonNegative("partition", value);
        if (partition > Integer.MAX_VALUE) {
            throw ProblemException.invalid("partition", "integer", "must be a whole number of 0 or more, got " + value.strip());
        }
        return (int) partition;
    }

    static long offset(String value) {
        return nonNegative("offset", value);
    }

    static boolean force(String value) {
        if (value == null) {
            return false;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalid("force", "boolean", "must be true or false, got " + shown(value));
        };
    }

    private static long nonNegative(String field, String value) {
        long n = number(field, value);
        if (n < 0) {
            throw ProblemException.invalid(field, "integer", "must be a whole number of 0 or more, got " + value.strip());
        }
        return n;
    }

    private static long number(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "required", "is required");
        }
        return RequestParameterCheck.wholeNumber(value).orElseThrow(() ->
                ProblemException.invalid(field, "integer", "must be a whole number of 0 or more, got " + shown(value)));
    }

    private static String shown(String value) {
        String v = value.strip();
        return "'" + (v.length() > 40 ? v.substring(0, 40) + "..." : v) + "'";
    }

}
