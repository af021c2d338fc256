package io.quizplatform.quiz.domain.image;

/**
 * An image refused, with the part of the request at fault ({@code body} or {@code Content-Type}) and why. The API
 * turns the {@link Reason} into a status (415, 400, 413); the domain only says what is wrong.
 */
public class ImageRejected extends RuntimeException {

    public enum Reason {
        /** Not a media type we store. */
        UNSUPPORTED_TYPE,
        /** A media type we store, but not the one the bytes are. */
        TYPE_MISMATCH,
        /** The bytes claim a format but break its structure (truncated, corrupt, undecodable). */
        MALFORMED,
        /** More bytes than the limit. */
        TOO_LARGE,
        /** More pixels than the limits (read from the header, nothing decoded). */
        TOO_MANY_PIXELS
    }

    private final Reason reason;
    private final String field;

    public ImageRejected(Reason reason, String field, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.field = field;
    }

    static ImageRejected malformed(ImageFormat format, String what) {
        return new ImageRejected(Reason.MALFORMED, "body", "is not a well-formed " + format.mediaType() + " image: " + what);
    }

    public Reason reason() { return reason; }

    /** The reason as a field error's code: {@code image-type}, {@code image-mismatch}, {@code image-malformed}, {@code image-too-large}, {@code image-too-many-pixels}. */
    public String code() {
        return switch (reason) {
            case UNSUPPORTED_TYPE -> "image-type";
            case TYPE_MISMATCH -> "image-mismatch";
            case MALFORMED -> "image-malformed";
            case TOO_LARGE -> "image-too-large";
            case TOO_MANY_PIXELS -> "image-too-many-pixels";
        };
    }

    public String field() { return field; }
}
