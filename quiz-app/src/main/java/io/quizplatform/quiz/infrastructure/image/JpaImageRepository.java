package io.quizplatform.quiz.infrastructure.image;

import io.quizplatform.quiz.domain.image.Image;
import io.quizplatform.quiz.domain.image.ImageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Images in quiz_db. Reads go through the {@link ImageRecord} entity; the insert is native {@code ON CONFLICT DO
 * NOTHING}, because two hosts uploading the same picture at once must both succeed, and a failed JPA persist
 * would mark the whole transaction for rollback.
 */
@ApplicationScoped
public class JpaImageRepository implements ImageRepository {

    @Inject
    EntityManager entityManager;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Image> find(String id) {
        return Optional.ofNullable(entityManager.find(ImageRecord.class, id)).map(ImageRecord::toImage);
    }

    @Override
    @Transactional
    public boolean add(Image image) {
        return entityManager.createNativeQuery("INSERT INTO images (image_id, media_type, width, height, byte_count, data, created_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (image_id) DO NOTHING")
                .setParameter(1, image.id())
                .setParameter(2, image.format().mediaType())
                .setParameter(3, image.width())
                .setParameter(4, image.height())
                .setParameter(5, image.bytes().length)
                .setParameter(6, image.bytes())
                .setParameter(7, Timestamp.from(Instant.now()))
                .executeUpdate() == 1;
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public Set<String> existing(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        List<String> found = entityManager.createQuery("SELECT i.id FROM ImageRecord i WHERE i.id IN :ids")
                .setParameter("ids", List.copyOf(new HashSet<>(ids))).getResultList();
        return Set.copyOf(found);
    }
}
