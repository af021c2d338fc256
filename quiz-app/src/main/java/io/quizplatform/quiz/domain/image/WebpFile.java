package io.quizplatform.quiz.domain.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * WebP: a RIFF container of chunks. The simple forms hold one {@code VP8 } (lossy) or {@code VP8L} (lossless)
 * bitstream, whose header gives the size; the extended form starts with {@code VP8X} (flags, canvas size) and may
 * carry ICC, alpha, animation frames, EXIF and XMP. Not decoded (the JDK has no WebP reader): the structure and
 * every bitstream's size are checked, so no frame is larger than the canvas or the limits. EXIF and XMP chunks are
 * dropped and their VP8X flags cleared.
 */
final class WebpFile {

    private static final int EXIF_FLAG = 0x08;
    private static final int XMP_FLAG = 0x04;

    private WebpFile() {
    }

    static Stripped read(byte[] b, ImageLimits limits) {
        if (b.length < 20) {
            throw malformed("truncated");
        }
        long riffSize = Bytes.u32le(b, 4);
        if (riffSize + 8 > b.length || riffSize < 12 || (riffSize & 1) == 1) {
            throw malformed("the RIFF size does not match the data");
        }
        int end = (int) riffSize + 8; // anything after the RIFF container is dropped
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, 12);
        String first = fourCc(b, 12);
        long[] canvas;
        if (first.equals("VP8X")) {
            canvas = extended(b, end, limits, out);
        } else {
            int chunkEnd = chunkEnd(b, 12, end);
            canvas = bitstreamSize(first, b, 20, chunkEnd);
            limits.checkDimensions(canvas[0], canvas[1]);
            out.write(b, 12, chunkEnd - 12); // a simple file is its one bitstream chunk
        }
        byte[] stripped = out.toByteArray();
        Bytes.putU32le(stripped, 4, stripped.length - 8L);
        return new Stripped(canvas[0], canvas[1], stripped);
    }

    private static long[] extended(byte[] b, int end, ImageLimits limits, ByteArrayOutputStream out) {
        int vp8xEnd = chunkEnd(b, 12, end);
        if (vp8xEnd - 20 < 10) {
            throw malformed("VP8X chunk too short");
        }
        long width = 1L + Bytes.u24le(b, 24);
        long height = 1L + Bytes.u24le(b, 27);
        limits.checkDimensions(width, height);
        byte[] vp8x = java.util.Arrays.copyOfRange(b, 12, vp8xEnd);
        vp8x[8] = (byte) (vp8x[8] & ~(EXIF_FLAG | XMP_FLAG));
        out.write(vp8x, 0, vp8x.length);
        boolean image = false;
        for (int at = vp8xEnd; at < end; ) {
            String type = fourCc(b, at);
            int chunkEnd = chunkEnd(b, at, end);
            switch (type) {
                case "VP8 ", "VP8L" -> {
                    long[] size = bitstreamSize(type, b, at + 8, chunkEnd);
                    within(size, width, height);
                    image = true;
                }
                case "ANMF" -> {
                    frame(b, at + 8, chunkEnd, width, height);
                    image = true;
                }
                case "VP8X" -> throw malformed("VP8X appears twice");
                default -> {
                }
            }
            if (!type.equals("EXIF") && !type.equals("XMP ")) {
                out.write(b, at, chunkEnd - at);
            }
            at = chunkEnd;
        }
        if (!image) {
            throw malformed("no image data");
        }
        return new long[]{width, height};
    }

    /** An animation frame: its placement and size, then sub-chunks whose bitstreams must fit the frame. */
    private static void frame(byte[] b, int at, int end, long canvasWidth, long canvasHeight) {
        if (end - at < 16) {
            throw malformed("ANMF chunk too short");
        }
        long x = 2L * Bytes.u24le(b, at);
        long y = 2L * Bytes.u24le(b, at + 3);
        long width = 1L + Bytes.u24le(b, at + 6);
        long height = 1L + Bytes.u24le(b, at + 9);
        within(new long[]{x + width, y + height}, canvasWidth, canvasHeight);
        for (int sub = at + 16; sub < end; ) {
            String type = fourCc(b, sub);
            int subEnd = chunkEnd(b, sub, end);
            if (type.equals("VP8 ") || type.equals("VP8L")) {
                within(bitstreamSize(type, b, sub + 8, subEnd), width, height);
            }
            sub = subEnd;
        }
    }

    /** Width and height from a VP8 key frame header or a VP8L header. */
    private static long[] bitstreamSize(String type, byte[] b, int at, int end) {
        if (type.equals("VP8 ")) {
            if (end - at < 10 || (Bytes.u8(b, at) & 1) != 0
                    || Bytes.u8(b, at + 3) != 0x9D || Bytes.u8(b, at + 4) != 0x01 || Bytes.u8(b, at + 5) != 0x2A) {
                throw malformed("bad VP8 frame header");
            }
            long[] size = {Bytes.u16le(b, at + 6) & 0x3FFF, Bytes.u16le(b, at + 8) & 0x3FFF};
            if (size[0] == 0 || size[1] == 0) {
                throw malformed("the VP8 header gives no size");
            }
            return size;
        }
        if (type.equals("VP8L")) {
            if (end - at < 5 || Bytes.u8(b, at) != 0x2F) {
                throw malformed("bad VP8L signature");
            }
            long bits = Bytes.u32le(b, at + 1);
            if ((bits >>> 29) != 0) {
                throw malformed("unknown VP8L version");
            }
            return new long[]{(bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1};
        }
        throw malformed("the first chunk is " + printable(type) + ", not VP8, VP8L or VP8X");
    }

    private static void within(long[] size, long width, long height) {
        if (size[0] > width || size[1] > height) {
            throw malformed("a frame is larger than the canvas");
        }
    }

    /** Where the chunk at {@code at} ends, padding included; refuses one that runs past the container. */
    private static int chunkEnd(byte[] b, int at, int end) {
        if (at + 8 > end) {
            throw malformed("truncated chunk header");
        }
        long size = Bytes.u32le(b, at + 4);
        long chunkEnd = at + 8L + size + (size & 1);
        if (chunkEnd > end) {
            throw malformed("chunk " + printable(fourCc(b, at)) + " runs past the end");
        }
        return (int) chunkEnd;
    }

    private static String fourCc(byte[] b, int at) {
        if (at + 4 > b.length) {
            throw malformed("truncated");
        }
        return new String(b, at, 4, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String fourCc) {
        return fourCc.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? "'" + fourCc + "'" : "not a chunk name";
    }

    private static ImageRejected malformed(String what) {
        return ImageRejected.malformed(ImageFormat.WEBP, what);
    }
}
