package io.quizplatform.scoring;

import io.quizplatform.platform.architecture.LayeringRulesTest;

/**
 * The layering rules (platform's test-jar) on scoring-app's classes; known violations of the frozen rules are listed in
 * {@code src/test/resources/archunit_store}.
 */
class LayeringTest extends LayeringRulesTest {

    LayeringTest() {
        super("io.quizplatform.scoring");
    }
}
