package it.quizplatform.browser;

/** The screens people use the platform on. */
public enum Device {
    /** A host's laptop. */
    LAPTOP(1366, 768, false),
    /** The big screen (projector or TV) a host shows the game on. */
    BIG_SCREEN(1920, 1080, false),
    /** A player's phone: small, touch, mobile viewport rules. */
    PHONE(360, 740, true);

    final int width;
    final int height;
    final boolean mobile;

    Device(int width, int height, boolean mobile) {
        this.width = width;
        this.height = height;
        this.mobile = mobile;
    }
}
