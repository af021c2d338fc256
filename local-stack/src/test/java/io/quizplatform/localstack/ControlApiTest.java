package io.quizplatform.localstack;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlApiTest {

    @Test
    void aServerRunningOneServiceAloneTakesSettingsForItsStart() {
        assertThat(ControlApi.environmentOverrides("quiz-app-alone", "start",
                "QUIZ_DB_URL=jdbc%3Apostgresql%3A%2F%2F127.0.0.1%3A6432%2Fquiz_db%3FprepareThreshold%3D0&DB_POOL_MAX=4"))
                .isEqualTo(Map.of("QUIZ_DB_URL", "jdbc:postgresql://127.0.0.1:6432/quiz_db?prepareThreshold=0", "DB_POOL_MAX", "4"));
        assertThat(ControlApi.environmentOverrides("quiz-app-alone", "start", null)).isEmpty();
        assertThat(ControlApi.environmentOverrides("liberty", "start", "")).isEmpty();
    }

    @Test
    void onlyEnvironmentVariableNamesAndOnlyThere() {
        assertThatThrownBy(() -> ControlApi.environmentOverrides("quiz-app-alone", "start", "quiz_db_url=x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quiz_db_url");
        assertThatThrownBy(() -> ControlApi.environmentOverrides("liberty", "start", "QUIZ_DB_URL=x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ControlApi.environmentOverrides("quiz-app-alone", "stop", "QUIZ_DB_URL=x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
