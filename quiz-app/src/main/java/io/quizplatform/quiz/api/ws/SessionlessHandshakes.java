package io.quizplatform.quiz.api.ws;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;

/**
 * WebSocket handshakes without an HTTP session. Liberty's handshake asks the request for its session with
 * {@code getSession()}, which creates one, so that {@code HandshakeRequest.getHttpSession()} could return it: every
 * phone's socket left a session in memory for 30 minutes and a {@code JSESSIONID} cookie in its handshake, and
 * creating them took a fifth of the join socket's upgrade samples, partly waiting on the session store's lock
 * (500 joins a second, 2026-12-04). Nothing here uses a session (players and hosts prove who they are in their
 * first message), so the handshake sees one only if the request already has it.
 */
@WebFilter(urlPatterns = "/ws/*")
public class SessionlessHandshakes extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public HttpSession getSession() {
                return getSession(false);
            }
        }, response);
    }
}
