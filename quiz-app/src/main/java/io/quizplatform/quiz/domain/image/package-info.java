/**
 * Question images: what an uploaded picture must be (a real PNG, JPEG, GIF or WebP, within byte and pixel limits
 * read from its header before anything is decoded), its metadata stripped at the byte level (no re-encoding, so the
 * picture is exactly what the host uploaded), and its content address (SHA-256 of the stored bytes). Pure Java:
 * the storage port is {@link io.quizplatform.quiz.domain.image.ImageRepository}.
 */
package io.quizplatform.quiz.domain.image;
