package io.quizplatform.quiz.infrastructure.image;

import io.quizplatform.quiz.domain.image.Image;
import io.quizplatform.quiz.domain.image.ImageFormat;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A row of {@code images}: the JPA form of a domain {@link Image} (the domain stays free of persistence). */
@Entity
@Table(name = "images")
public class ImageRecord {

    @Id
    @Column(name = "image_id")
    private String id;

    @Column(name = "media_type", nullable = false)
    private String mediaType;

    @Column(nullable = false)
    private int width;

    @Column(nullable = false)
    private int height;

    @Column(name = "byte_count", nullable = false)
    private int byteCount;

    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    private byte[] data;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ImageRecord() {
    }

    Image toImage() {
        ImageFormat format = ImageFormat.ofMediaType(mediaType).orElseThrow(
                () -> new IllegalStateException("images row " + id + " has an unknown media type"));
        return new Image(id, format, width, height, data);
    }
}
