package io.quizplatform.quiz.domain.image;

/** Unsigned integers out of a byte array, in the byte orders image headers use. */
final class Bytes {

    private Bytes() {
    }

    static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    static int u16be(byte[] b, int at) {
        return (u8(b, at) << 8) | u8(b, at + 1);
    }

    static int u16le(byte[] b, int at) {
        return u8(b, at) | (u8(b, at + 1) << 8);
    }

    static int u24le(byte[] b, int at) {
        return u16le(b, at) | (u8(b, at + 2) << 16);
    }

    static long u32be(byte[] b, int at) {
        return ((long) u16be(b, at) << 16) | u16be(b, at + 2);
    }

    static long u32le(byte[] b, int at) {
        return u16le(b, at) | ((long) u16le(b, at + 2) << 16);
    }

    static void putU32le(byte[] b, int at, long value) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
