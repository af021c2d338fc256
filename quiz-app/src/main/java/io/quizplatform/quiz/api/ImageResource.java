package io.quizplatform.quiz.api;

import io.quizplatform.platform.api.Problem;
import io.quizplatform.platform.api.ProblemException;
import io.quizplatform.quiz.application.ImageLibrary;
import io.quizplatform.quiz.domain.image.Image;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Question images. Hosts upload the raw bytes (the type declared in Content-Type must be what the bytes are); the
 * answer names the image by the SHA-256 of its stored bytes. Reading is public: an {@code <img>} on a player's
 * phone sends no token, and the id can't be guessed without having the picture. What an id names never changes,
 * so browsers and proxies may keep it for a year.
 */
@Path("/images")
@RequestScoped
public class ImageResource {

    static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

    public record Uploaded(String id, String url, String mediaType, int width, int height, int bytes) {
        static Uploaded of(Image image) {
            return new Uploaded(image.id(), Image.path(image.id()), image.format().mediaType(), image.width(), image.height(),
                    image.bytes().length);
        }
    }

    @Inject
    ImageLibrary library;

    @Context
    UriInfo uri;

    @POST
    @RolesAllowed({"host", "admin"})
    @SecurityRequirement(name = "bearer")
    @jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a question image (PNG, JPEG, GIF or WebP as the raw body)",
            description = "201 with the new image, 200 with the same id when these bytes are already stored.")
    public Response upload(@HeaderParam("Content-Type") String contentType, InputStream body) throws IOException {
        long max = library.limits().maxBytes();
        // One byte more than allowed is enough to know it is too large (ImageRules says so, naming the body).
        byte[] bytes = body == null ? new byte[0] : body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        ImageLibrary.Uploaded uploaded = library.upload(contentType, bytes);
        Uploaded answer = Uploaded.of(uploaded.image());
        return Response.status(uploaded.created() ? 201 : 200)
                .location(uri.getBaseUriBuilder().path("images").path(answer.id()).build())
                .type(MediaType.APPLICATION_JSON_TYPE).entity(answer).build();
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "An image's bytes (public, cacheable forever; 304 for a matching If-None-Match)")
    public Response read(@PathParam("id") String id, @HeaderParam("If-None-Match") String ifNoneMatch) {
        if (!Image.isId(id)) {
            throw new ProblemException(400, "Invalid image id", "An image id is 64 lowercase hexadecimal digits.",
                    List.of(new Problem.FieldError("id", "pattern", "must be 64 lowercase hexadecimal digits")));
        }
        String etag = "\"" + id + "\"";
        if (matches(ifNoneMatch, id)) {
            // Content-addressed: the id is the content, so a client holding the id holds the image.
            return Response.notModified().header("ETag", etag).header("Cache-Control", CACHE_FOREVER).build();
        }
        Image image = library.find(id).orElseThrow(() -> new ProblemException(404, "Unknown image", "No image " + id + " is stored here."));
        return Response.ok(image.bytes(), image.format().mediaType())
                .header("ETag", etag)
                .header("Cache-Control", CACHE_FOREVER)
                .header("Content-Disposition", "inline; filename=\"" + id + "." + image.format().extension() + "\"")
                .build();
    }

    /** If-None-Match as RFC 9110 compares it for GET: weakly, any of a list, or {@code *}. */
    static boolean matches(String ifNoneMatch, String id) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals("\"" + id + "\"")) {
                return true;
            }
        }
        return false;
    }
}
