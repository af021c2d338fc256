package io.quizplatform.quiz.domain.image;

/** What a format's reader found: the size from the header and the bytes without their metadata. */
record Stripped(long width, long height, byte[] bytes) {
}
