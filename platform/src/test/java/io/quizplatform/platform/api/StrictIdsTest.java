package io.quizplatform.platform.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class StrictIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"5d0f4b7e-8a7c-4c1e-b0a4-2f3d9c8e7a61", "5D0F4B7E-8A7C-4C1E-B0A4-2F3D9C8E7A61",
            "00000000-0000-0000-0000-000000000000"})
    void theCanonicalShapeIsAnId(String text) {
        assertThat(StrictIds.uuid(text)).contains(UUID.fromString(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-1-1-1-1", "-0000001-0000-0000-0000-000000000000", "+0000001-0000-0000-0000-000000000000",
            "5d0f4b7e8a7c4c1eb0a42f3d9c8e7a61", "5d0f4b7e-8a7c-4c1e-b0a4-2f3d9c8e7a6", "5d0f4b7e-8a7c-4c1e-b0a4-2f3d9c8e7a611",
            "5d0f4b7e-8a7c-4c1e-b0a42-f3d9c8e7a61", "5d0f4b7g-8a7c-4c1e-b0a4-2f3d9c8e7a61", " 5d0f4b7e-8a7c-4c1e-b0a4-2f3d9c8e7a6",
            "５d0f4b7e-8a7c-4c1e-b0a4-2f3d9c8e7a61", ""})
    void anyOtherSpellingIsNot(String text) {
        assertThat(StrictIds.uuid(text)).isEmpty();
    }
}
