package io.quizplatform.quiz.domain.image;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * What makes bytes an image we store, in the order that keeps a hostile file cheap: the declared type must be one
 * of ours, the size within the limit, the magic bytes the declared format, the structure sound (a structural walk,
 * nothing inflated) with a header size within the pixel limits; only then are PNG, JPEG and GIF decoded (with
 * subsampling, so even the largest accepted picture needs little memory) to prove they are well formed. The result
 * is the stripped bytes and their content address.
 */
public final class ImageRules {

    /** Decoded pictures are read at most about this many pixels wide: the decoder still reads every byte. */
    private static final int PROOF_SIDE = 256;

    static {
        ImageIO.setUseCache(false); // decode in memory, never through temporary files
    }

    private ImageRules() {
    }

    /** Accepts an upload whose {@code Content-Type} said {@code declaredType}, or throws {@link ImageRejected}. */
    public static Image accept(String declaredType, byte[] bytes, ImageLimits limits) {
        ImageFormat declared = ImageFormat.ofMediaType(declaredType).orElseThrow(() -> new ImageRejected(
                ImageRejected.Reason.UNSUPPORTED_TYPE, "Content-Type", "must be image/png, image/jpeg, image/gif or image/webp"));
        if (bytes == null || bytes.length == 0) {
            throw new ImageRejected(ImageRejected.Reason.MALFORMED, "body", "is empty; send the image's bytes");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new ImageRejected(ImageRejected.Reason.TOO_LARGE, "body",
                    "is " + bytes.length + " bytes; at most " + limits.maxBytes() + " are accepted");
        }
        ImageFormat actual = ImageFormat.sniff(bytes).orElseThrow(() -> new ImageRejected(
                ImageRejected.Reason.UNSUPPORTED_TYPE, "body", "is not a PNG, JPEG, GIF or WebP image"));
        if (actual != declared) {
            throw new ImageRejected(ImageRejected.Reason.TYPE_MISMATCH, "Content-Type",
                    "says " + declared.mediaType() + " but the body is " + actual.mediaType());
        }
        Stripped stripped = switch (actual) {
            case PNG -> PngFile.read(bytes, limits);
            case JPEG -> JpegFile.read(bytes, limits);
            case GIF -> GifFile.read(bytes, limits);
            case WEBP -> WebpFile.read(bytes, limits);
        };
        if (actual != ImageFormat.WEBP) {
            proveDecodable(actual, stripped);
        }
        return new Image(Image.sha256(stripped.bytes()), actual, (int) stripped.width(), (int) stripped.height(),
                stripped.bytes());
    }

    private static void proveDecodable(ImageFormat format, Stripped image) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name().toLowerCase());
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(image.bytes()))) {
            reader.setInput(in, true, true); // metadata ignored: only the pixels prove anything
            // A GIF's first frame may be smaller than its screen; PNG and JPEG must agree with their header.
            if (format != ImageFormat.GIF && (reader.getWidth(0) != image.width() || reader.getHeight(0) != image.height())) {
                throw ImageRejected.malformed(format, "the decoder reads another size than the header");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = (int) Math.max(1, Math.max(image.width(), image.height()) / PROOF_SIDE);
            param.setSourceSubsampling(step, step, 0, 0);
            reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageRejected rejected) {
                throw rejected;
            }
            // ImageIO reports corrupt data with IIOException and, for some damage, runtime exceptions of its own.
            throw ImageRejected.malformed(format, "it cannot be decoded");
        } finally {
            reader.dispose();
        }
    }
}
