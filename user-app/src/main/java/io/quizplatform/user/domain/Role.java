package io.quizplatform.user.domain;

/** What an account may do: every account hosts quizzes; admins also operate the platform. */
public enum Role {
    HOST("host"),
    ADMIN("admin");

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    /** The name used in tokens (the {@code groups} claim) and events. */
    public String claim() {
        return claim;
    }
}
