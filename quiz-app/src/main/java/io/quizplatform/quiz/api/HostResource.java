package io.quizplatform.quiz.api;

import io.quizplatform.platform.api.Problem;
import io.quizplatform.platform.api.ProblemException;
import io.quizplatform.platform.api.StrictIds;
import io.quizplatform.quiz.application.HostDirectory;
import io.quizplatform.quiz.domain.Host;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.UUID;

/** Public profile of a host (what players see on a quiz: the host's display name). */
@Path("/hosts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HostResource {

    public record HostView(String hostId, String displayName) {
    }

    @Inject
    HostDirectory hosts;

    @GET
    @Path("/{hostId}")
    @Operation(summary = "A host's public profile, as known from user-events")
    public HostView host(@PathParam("hostId") String hostId) {
        UUID id = StrictIds.uuid(hostId).orElseThrow(() -> new ProblemException(400, "Invalid host id",
                "A host id is a UUID, like 5d0f4b7e-8a7c-4c1e-b0a4-2f3d9c8e7a61.",
                List.of(new Problem.FieldError("hostId", "uuid", "must be a UUID"))));
        Host host = hosts.find(id).orElseThrow(() -> new ProblemException(404, "Unknown host",
                "No host with id " + id + " is known (yet): new accounts appear here within a second of registering."));
        return new HostView(host.hostId().toString(), host.displayName());
    }
}
