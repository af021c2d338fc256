package it.quizplatform.browser;

import com.microsoft.playwright.Page;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A screenshot of every step, numbered in the order the test took them, so a failed (or a passing) scenario can be
 * read as a picture story: {@code target/screenshots/<test>/<nn>-<person>-<step>.png}.
 */
public final class Screens {

    private final Path dir;
    private final AtomicInteger step = new AtomicInteger();

    Screens(String test) {
        this.dir = root().resolve(test.replaceAll("[^A-Za-z0-9._-]+", "_"));
    }

    static Path root() {
        return Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    }

    /** Where this test's screenshots go. */
    public Path dir() {
        return dir;
    }

    /** Takes a full-page screenshot of what {@code person} sees now; returns the file. */
    Path take(String person, Page page, String what) {
        Path file = dir.resolve(String.format(Locale.ROOT, "%02d-%s-%s.png", step.incrementAndGet(),
                slug(person), slug(what)));
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    /** File-name safe: lower-case ASCII letters, digits and dashes ("Lan's phone" becomes "lan-s-phone"). */
    static String slug(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "step" : slug;
    }
}
