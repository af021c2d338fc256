package io.quizplatform.quiz.domain.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * GIF: header, logical screen (the size), optional global colour table, then images and extensions, each made of
 * sub-blocks, up to the trailer (anything after it is dropped). Every frame must lie within the limits too.
 * Comment extensions and XMP application extensions are dropped.
 */
final class GifFile {

    private static final int IMAGE = 0x2C;
    private static final int EXTENSION = 0x21;
    private static final int TRAILER = 0x3B;
    private static final int COMMENT = 0xFE;
    private static final int APPLICATION = 0xFF;

    private GifFile() {
    }

    static Stripped read(byte[] b, ImageLimits limits) {
        if (b.length < 13) {
            throw malformed("truncated header");
        }
        long width = Bytes.u16le(b, 6);
        long height = Bytes.u16le(b, 8);
        if (width == 0 || height == 0) {
            throw malformed("the header gives no size");
        }
        limits.checkDimensions(width, height);
        int at = 13 + colourTable(Bytes.u8(b, 10));
        need(b, at);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, at);
        boolean image = false;
        while (true) {
            need(b, at + 1);
            int block = Bytes.u8(b, at);
            int start = at;
            if (block == TRAILER) {
                out.write(TRAILER);
                break;
            } else if (block == IMAGE) {
                need(b, at + 11);
                long right = (long) Bytes.u16le(b, at + 1) + Bytes.u16le(b, at + 5);
                long bottom = (long) Bytes.u16le(b, at + 3) + Bytes.u16le(b, at + 7);
                limits.checkDimensions(right, bottom);
                at += 10 + colourTable(Bytes.u8(b, at + 9));
                need(b, at + 1);
                int codeSize = Bytes.u8(b, at);
                if (codeSize < 2 || codeSize > 8) {
                    throw malformed("bad LZW code size");
                }
                at = subBlocks(b, at + 1);
                out.write(b, start, at - start);
                image = true;
            } else if (block == EXTENSION) {
                need(b, at + 2);
                int label = Bytes.u8(b, at + 1);
                boolean xmp = label == APPLICATION && at + 14 <= b.length && Bytes.u8(b, at + 2) == 11
                        && new String(b, at + 3, 11, StandardCharsets.ISO_8859_1).equals("XMP DataXMP");
                at = subBlocks(b, at + 2);
                if (label != COMMENT && !xmp) {
                    out.write(b, start, at - start);
                }
            } else {
                throw malformed("unknown block 0x" + Integer.toHexString(block));
            }
        }
        if (!image) {
            throw malformed("no image in the file");
        }
        return new Stripped(width, height, out.toByteArray());
    }

    private static int colourTable(int packed) {
        return (packed & 0x80) == 0 ? 0 : 3 * (1 << ((packed & 0x07) + 1));
    }

    /** Skips sub-blocks (a length byte, that many bytes) up to the empty one; returns where the next block starts. */
    private static int subBlocks(byte[] b, int at) {
        while (true) {
            need(b, at + 1);
            int size = Bytes.u8(b, at);
            at += 1 + size;
            if (size == 0) {
                return at;
            }
        }
    }

    private static void need(byte[] b, int end) {
        if (end > b.length) {
            throw malformed("truncated");
        }
    }

    private static ImageRejected malformed(String what) {
        return ImageRejected.malformed(ImageFormat.GIF, what);
    }
}
