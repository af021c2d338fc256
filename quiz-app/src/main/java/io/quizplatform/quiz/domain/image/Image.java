package io.quizplatform.quiz.domain.image;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * An accepted image: the stored (metadata-free) bytes, their format and size, and the content address {@code id},
 * the lowercase hex SHA-256 of the bytes, so the same picture uploaded twice is one image.
 */
public record Image(String id, ImageFormat format, int width, int height, byte[] bytes) {

    /** Where this service serves an image; a question's {@code imageUrl} may be such a path. */
    public static final String PATH_PREFIX = "/quiz/api/images/";

    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    /** Whether a URL is this service's own image path ({@code /quiz/api/images/<64 hex>}). */
    public static boolean isImagePath(String url) {
        return url != null && url.startsWith(PATH_PREFIX) && isId(url.substring(PATH_PREFIX.length()));
    }

    /** The image id of an image path (see {@link #isImagePath}). */
    public static String idOfPath(String path) {
        return path.substring(PATH_PREFIX.length());
    }

    public static String path(String id) {
        return PATH_PREFIX + id;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
