package it.quizplatform.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.Proxy;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The browsers of a scenario: one Playwright and one headless Chromium (the machine's, never a downloaded one) per
 * test class, and a fresh isolated browser context per person in each test, sized like the device they use.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final Browsers browsers = new Browsers();
 *
 * @Test
 * void aPlayerJoins() {
 *     Person host = browsers.onLaptop("host");
 *     Person lan = browsers.onPhone("Lan", "vi-VN");
 *     ...
 * }
 * }</pre>
 *
 * When the test ends, every person's console errors (CSP violations among them), page errors, failed requests and
 * server errors fail it, and every context is closed.
 */
public final class Browsers implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** Chromium's switches: headless on a machine with a closed network, nothing it may phone home for. */
    static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync");
    static final double TIMEOUT_MS = 10_000;
    static final String ENGLISH = "en-US";

    /** How long an assertion waits for what it expects (Playwright's default for the class's tests). */
    private final double assertionTimeoutMs;
    private Playwright playwright;
    private Browser browser;
    private Screens screens;
    private final List<Person> people = new ArrayList<>();
    private final List<OwnAddress> addresses = new ArrayList<>();

    public Browsers() {
        this(TIMEOUT_MS);
    }

    /**
     * For a class whose assertions wait on more than one service (a podium waits for scoring's completion): a
     * longer wait set here, since this extension's beforeAll sets it for the class after any static initialiser.
     */
    public Browsers(double assertionTimeoutMs) {
        this.assertionTimeoutMs = assertionTimeoutMs;
    }

    /** Where the platform under test is served, e.g. {@code http://localhost:29080} (system property it.base.url). */
    public static String baseUrl() {
        String url = System.getProperty("it.base.url", "http://localhost:29080");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String url(String path) {
        return path.startsWith("http://") || path.startsWith("https://") ? path
                : baseUrl() + (path.startsWith("/") ? path : "/" + path);
    }

    // ------------------------------------------------------------------------------------------- people

    /** Someone at a laptop (1366x768) whose browser speaks English. */
    public Person onLaptop(String name) {
        return person(name, Device.LAPTOP, ENGLISH);
    }

    public Person onLaptop(String name, String locale) {
        return person(name, Device.LAPTOP, locale);
    }

    /** The big screen (1920x1080) a host shows the game on. */
    public Person onBigScreen(String name) {
        return person(name, Device.BIG_SCREEN, ENGLISH);
    }

    /** Someone on a phone (360x740, touch) whose browser speaks English. */
    public Person onPhone(String name) {
        return person(name, Device.PHONE, ENGLISH);
    }

    /** Someone on a phone whose browser speaks {@code locale}, e.g. {@code vi-VN}. */
    public Person onPhone(String name, String locale) {
        return person(name, Device.PHONE, locale);
    }

    /** A new person with a browser context of their own: no cookies, storage or cache shared with anyone. */
    public Person person(String name, Device device, String locale) {
        if (browser == null) {
            throw new IllegalStateException("register Browsers as a static @RegisterExtension field");
        }
        // Each person is a device of its own to the server's per-address rate limits, sockets included: their
        // browser's connections come from an address of their own (not an X-Forwarded-For: see OwnAddress).
        OwnAddress address = OwnAddress.random();
        addresses.add(address);
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(device.width, device.height)
                .setIsMobile(device.mobile)
                .setHasTouch(device.mobile)
                .setDeviceScaleFactor(1)
                .setLocale(locale)
                .setBaseURL(baseUrl())
                .setAcceptDownloads(true)
                .setProxy(new Proxy(address.proxyServer())
                        // Through the proxy even to localhost, which Chromium would otherwise reach directly.
                        .setBypass("<-loopback>")));
        context.setDefaultTimeout(TIMEOUT_MS);
        context.setDefaultNavigationTimeout(TIMEOUT_MS);
        Problems problems = new Problems();
        context.onPage(problems::watch);
        Person person = new Person(name, device, locale, context, problems, screens, address.address());
        people.add(person);
        return person;
    }

    /** This test's screenshots. */
    public Screens screens() {
        return screens;
    }

    /** An address for a request of the test's own (the test stack trusts X-Forwarded-For from 127.0.0.1). */
    static String randomAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    // ------------------------------------------------------------------------------------------- lifecycle

    @Override
    public void beforeAll(ExtensionContext context) {
        Path chromium;
        try {
            chromium = Chromium.locate();
        } catch (Chromium.Missing e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        // Playwright would otherwise check for (and try to download) browsers of its own at creation.
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium)
                .setHeadless(true)
                .setArgs(CHROMIUM_ARGS));
        PlaywrightAssertions.setDefaultAssertionTimeout(assertionTimeoutMs);
        System.out.println("[browser-tests] " + context.getDisplayName() + ": Chromium " + browser.version()
                + " (" + chromium + "), platform at " + baseUrl());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        screens = new Screens(context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        String report;
        try {
            report = problemReport();
        } finally {
            try {
                people.forEach(person -> person.context().close());
            } finally {
                // Each closed whatever a context's close threw: an open one keeps a server socket and its thread.
                people.clear();
                addresses.forEach(OwnAddress::close);
                addresses.clear();
            }
        }
        if (!report.isEmpty()) {
            throw new AssertionError("the browsers saw problems:\n" + report);
        }
    }

    /** Every person's unexpected problems so far, one line each under the person; empty when there are none. */
    String problemReport() {
        List<String> report = new ArrayList<>();
        for (Person person : people) {
            // events still on their way from the browser are delivered during the next call to it
            try {
                person.page().evaluate("0");
            } catch (RuntimeException e) {
                report.add(person + ": the page no longer answers: " + e.getMessage());
            }
            List<String> unexpected = person.problems().unexpected();
            if (!unexpected.isEmpty()) {
                report.add(person + ":");
                unexpected.forEach(p -> report.add("  - " + p));
            }
        }
        return String.join("\n", report);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }
}
