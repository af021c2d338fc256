package io.quizplatform.quiz.domain.image;

/** How large an image may be: bytes, and pixels per side and in all, both known from the header alone. */
public record ImageLimits(long maxBytes, int maxSide, long maxPixels) {

    public static final ImageLimits DEFAULT = new ImageLimits(2L * 1024 * 1024, 4096, 4096L * 4096);

    public ImageLimits {
        if (maxBytes < 1 || maxSide < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("image limits must be positive");
        }
    }

    /** Refuses, before any decoding, a picture (or frame) larger than the limits. */
    void checkDimensions(long width, long height) {
        if (width > maxSide || height > maxSide || width * height > maxPixels) {
            throw new ImageRejected(ImageRejected.Reason.TOO_MANY_PIXELS, "body", "is " + width + "x" + height
                    + " pixels; at most " + maxSide + " per side and " + maxPixels + " pixels in all are accepted");
        }
    }
}
