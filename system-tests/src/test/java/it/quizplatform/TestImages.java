package it.quizplatform;

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
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/**
 * Pictures for the image tests, made on the spot (a random colour each, so every test uploads a picture nobody
 * uploaded before), and the byte surgery that gives them metadata.
 */
final class TestImages {

    /** A 1x1 lossless WebP, by hand: RIFF, WEBP, one VP8L chunk (signature 0x2F, 14-bit width-1 and height-1 = 0). */
    static final byte[] WEBP = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    private TestImages() {
    }

    /** A small PNG, JPEG or GIF (format as ImageIO names it: png, jpeg, gif). */
    static byte[] picture(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(ThreadLocalRandom.current().nextInt(0x1000000)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(ThreadLocalRandom.current().nextInt(0x1000000)));
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The PNG with a tEXt chunk (keyword, NUL, text) right after its header. */
    static byte[] pngWithText(byte[] png, String keyword, String text) {
        return insert(png, 33, pngChunk("tEXt", (keyword + "\0" + text).getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** The JPEG with an EXIF APP1 segment carrying this text right after SOI. */
    static byte[] jpegWithExif(byte[] jpeg, String text) {
        byte[] data = ("Exif\0\0MM\0*\0\0\0\u0008" + text).getBytes(StandardCharsets.ISO_8859_1);
        byte[] segment = ByteBuffer.allocate(4 + data.length).put((byte) 0xFF).put((byte) 0xE1)
                .putShort((short) (2 + data.length)).put(data).array();
        return insert(jpeg, 2, segment);
    }

    /** A PNG whose header claims this size (a decompression bomb's shape): valid signature and CRCs, tiny IDAT. */
    static byte[] pngClaiming(int width, int height) {
        byte[] ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array();
        return concat(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, pngChunk("IHDR", ihdr),
                pngChunk("IDAT", new byte[]{0x78, (byte) 0x9C, 0x03, 0x00}), pngChunk("IEND", new byte[0]));
    }

    static byte[] pngChunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 4, 4 + data.length);
        return b.putInt((int) crc.getValue()).array();
    }

    static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
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
}
