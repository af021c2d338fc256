package io.quizplatform.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /qr.svg?text=<join address>}: the big screen's QR code, drawn here (ZXing) so that nothing is fetched
 * from elsewhere. The same text always gives the same picture, so it may be cached for a day.
 */
@WebServlet(urlPatterns = "/qr.svg")
public class QrCodeServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String text = request.getParameter("text");
        if (!QrCodes.acceptable(text)) {
            response.setStatus(400);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                    + "\"detail\":\"text must be 1 to " + QrCodes.MAX_TEXT + " printable ASCII characters.\","
                    + "\"errors\":[{\"field\":\"text\",\"message\":\"must be 1 to " + QrCodes.MAX_TEXT
                    + " printable ASCII characters\"}]}");
            return;
        }
        byte[] svg = QrCodes.svg(text).getBytes(StandardCharsets.UTF_8);
        response.setContentType("image/svg+xml");
        response.setHeader("Cache-Control", "public, max-age=86400");
        response.setContentLength(svg.length);
        response.getOutputStream().write(svg);
    }
}
