package io.quizplatform.platform.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;

/**
 * Turns errors the web container answers itself (outside JAX-RS: a 404 for a path no servlet serves, a 401 or
 * 403 sent by the security layer, a 400 for a path it refuses such as one with an encoded slash, an exception that
 * escaped everything) into problem+json like every other error, with no class name, stack or server text. Mapped as the error page for those
 * codes in each WAR's web.xml (Liberty does not merge error pages from a web fragment).
 */
public class ProblemErrorServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Reached directly rather than as an error page: there is nothing here.
        int status = code instanceof Integer i ? i : 404;
        if (code == null && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) != null) {
            status = 500;
        }
        String title;
        String detail;
        if (status == 401) {
            title = "Unauthorized";
            detail = "A valid access token is required: send 'Authorization: Bearer <token>' with a token from "
                    + "POST /user/api/sessions. The token given (if any) is missing, malformed, expired, or not signed by us.";
            if (response.getHeader("WWW-Authenticate") == null) {
                response.setHeader("WWW-Authenticate", "Bearer");
            }
        } else if (status == 403) {
            title = "Forbidden";
            detail = "Your account is not allowed to do this.";
        } else if (status == 404) {
            title = "Not Found";
            detail = "No resource at this address.";
        } else if (status == 405) {
            title = "Method Not Allowed";
            detail = "This method is not allowed on this resource.";
        } else if (status == 400) {
            title = "Bad Request";
            detail = "The request could not be understood: check the path, its encoding and the headers.";
        } else if (status == 413) {
            title = "Payload Too Large";
            detail = "The request body is too large.";
        } else if (status == 415) {
            title = "Unsupported Media Type";
            detail = "Send the body as application/json.";
        } else if (status >= 500) {
            // Something escaped every mapper: log it with an incident id; the client gets neither class nor stack.
            String incident = java.util.UUID.randomUUID().toString();
            Object thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            java.util.logging.Logger.getLogger(ProblemErrorServlet.class.getName()).log(java.util.logging.Level.SEVERE,
                    "Unexpected error, incident " + incident, thrown instanceof Throwable t ? t : null);
            status = status == 503 ? 503 : 500;
            title = status == 503 ? "Service Unavailable" : "Internal Server Error";
            detail = "Something went wrong on our side. Quote incident " + incident + " when reporting it.";
        } else {
            title = "Error";
            detail = "The request could not be processed.";
        }
        Problem.of(status, title, detail, List.of()).writeTo(response);
    }
}
