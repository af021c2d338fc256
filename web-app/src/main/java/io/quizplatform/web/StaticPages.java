package io.quizplatform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;

/**
 * Answers a folder ({@code /}, {@code /play/}) with its {@code index.html} and an unknown path with the not-found
 * page itself, instead of leaving both to the container's welcome-file and error-page dispatch: Liberty never
 * finishes such a dispatch on a connection that was upgraded to HTTP/2 (h2c, as curl --http2 and Java's HttpClient
 * ask for), so the request would hang. Files that exist, and the QR code servlet, go on to the container as usual.
 */

public class StaticPages extends HttpFilter {

    private static final String NOT_FOUND = "/not-found.html";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String method = request.getMethod();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!("GET".equals(method) || "HEAD".equals(method)) || path.equals("/qr.svg")) {
            chain.doFilter(request, response);
            return;
        }
        if (path.isEmpty() || path.endsWith("/")) {
            String page = (path.isEmpty() ? "/" : path) + "index.html";
            if (exists(page)) {
                write(request, response, 200, page);
            } else {
                write(request, response, 404, NOT_FOUND);
            }
            return;
        }
        if (path.startsWith("/WEB-INF") || path.startsWith("/META-INF") || !exists(path)) {
            write(request, response, 404, NOT_FOUND);
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean exists(String path) throws IOException {
        if (path.contains("..") || path.contains("//")) {
            return false;
        }
        URL resource = getServletContext().getResource(path);
        // A folder without its slash (/play) exists too: the container redirects it to /play/.
        return resource != null;
    }

    private void write(HttpServletRequest request, HttpServletResponse response, int status, String page) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        try (InputStream in = getServletContext().getResourceAsStream(page)) {
            byte[] body = in == null ? new byte[0] : in.readAllBytes();
            response.setContentLength(body.length);
            if (!"HEAD".equals(request.getMethod())) {
                response.getOutputStream().write(body);
            }
        }
    }
}
