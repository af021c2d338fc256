package io.quizplatform.quiz.domain.image;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;

/** Small real images made on the spot, and the byte surgery that adds metadata to them. */
final class TestImages {

    /** A 1x1 lossless WebP (the VP8L bitstream browsers' feature tests use). */
    static final byte[] WEBP_LOSSLESS = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
    /** A 1x1 lossy WebP (VP8 key frame). */
    static final byte[] WEBP_LOSSY = Base64.getDecoder().decode("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");

    private TestImages() {
    }

    static byte[] picture(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] pngChunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 4, 4 + data.length);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** The PNG with a chunk inserted right after IHDR (8 signature + 25 IHDR bytes). */
    static byte[] pngWith(byte[] png, byte[] chunk) {
        return insert(png, 33, chunk);
    }

    /** A PNG whose header claims this size, with a tiny (and wrong) IDAT: nothing but the header could pass. */
    static byte[] pngClaiming(int width, int height) {
        byte[] ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array();
        return concat(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, pngChunk("IHDR", ihdr),
                pngChunk("IDAT", new byte[]{0x78, (byte) 0x9C, 0x03, 0x00}), pngChunk("IEND", new byte[0]));
    }

    static byte[] jpegSegment(int marker, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + data.length);
        b.put((byte) 0xFF).put((byte) marker).putShort((short) (2 + data.length)).put(data);
        return b.array();
    }

    static byte[] exifApp1() {
        return jpegSegment(0xE1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1),
                "MM\0*\0\0\0\u0008GPS 51.5N 0.1W".getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** The JPEG with segments inserted right after SOI. */
    static byte[] jpegWith(byte[] jpeg, byte[]... segments) {
        return insert(jpeg, 2, concat(segments));
    }

    /** The GIF with a comment extension inserted before its first block (after header, screen and colour table). */
    static byte[] gifWithComment(byte[] gif, String comment) {
        int packed = gif[10] & 0xFF;
        int at = 13 + ((packed & 0x80) == 0 ? 0 : 3 * (1 << ((packed & 7) + 1)));
        byte[] text = comment.getBytes(StandardCharsets.ISO_8859_1);
        return insert(gif, at, concat(new byte[]{0x21, (byte) 0xFE, (byte) text.length}, text, new byte[]{0}));
    }

    static byte[] riffChunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(type.getBytes(StandardCharsets.ISO_8859_1)).putInt(data.length).put(data);
        return b.array();
    }

    /** An extended WebP: VP8X (with flags), the lossless 1x1 bitstream, then these chunks. */
    static byte[] webpExtended(int flags, int canvasWidth, int canvasHeight, byte[]... chunks) {
        byte[] vp8x = new byte[10];
        vp8x[0] = (byte) flags;
        int w = canvasWidth - 1;
        int h = canvasHeight - 1;
        vp8x[4] = (byte) w;
        vp8x[5] = (byte) (w >> 8);
        vp8x[6] = (byte) (w >> 16);
        vp8x[7] = (byte) h;
        vp8x[8] = (byte) (h >> 8);
        vp8x[9] = (byte) (h >> 16);
        byte[] bitstream = Arrays.copyOfRange(WEBP_LOSSLESS, 12, WEBP_LOSSLESS.length);
        byte[] body = concat("WEBP".getBytes(StandardCharsets.ISO_8859_1), riffChunk("VP8X", vp8x), bitstream, concat(chunks));
        return concat(riffChunk("RIFF", body));
    }

    static byte[] insert(byte[] original, int at, byte[] inserted) {
        return concat(Arrays.copyOfRange(original, 0, at), inserted, Arrays.copyOfRange(original, at, original.length));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
