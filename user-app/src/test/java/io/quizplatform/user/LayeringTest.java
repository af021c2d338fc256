package io.quizplatform.user;

import io.quizplatform.platform.architecture.LayeringRulesTest;

/**
 * The layering rules (platform's test-jar) on user-app's classes; known violations of the frozen rules are listed in
 * {@code src/test/resources/archunit_store}.
 */
class LayeringTest extends LayeringRulesTest {

    LayeringTest() {
        super("io.quizplatform.user");
    }
}
