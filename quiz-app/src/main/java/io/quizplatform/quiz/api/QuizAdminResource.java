package io.quizplatform.quiz.api;

import io.quizplatform.quiz.application.QuizReplay;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Operator commands of quiz-app. */
@Path("/admin")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@SecurityRequirement(name = "bearer")
public class QuizAdminResource {

    @Inject
    QuizReplay replay;

    @POST
    @Path("/projections/quizzes/rebuild")
    @Operation(summary = "Rebuild the quiz read model from the event store")
    public QuizReplay.Result rebuildQuizViews() {
        return replay.rebuild();
    }
}
