package it.quizplatform.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;

import java.nio.file.Path;

/**
 * One person at one device: an isolated browser context (own cookies, storage and language) with one page. What
 * goes wrong in their browser is collected and checked when the test ends.
 */
public final class Person {

    private final String name;
    private final Device device;
    private final String locale;
    private final BrowserContext context;
    private final Page page;
    private final Problems problems;
    private final Screens screens;
    private final String address;

    Person(String name, Device device, String locale, BrowserContext context, Problems problems, Screens screens,
           String address) {
        this.name = name;
        this.device = device;
        this.locale = locale;
        this.context = context;
        this.problems = problems;
        this.screens = screens;
        this.address = address;
        this.page = context.newPage();
    }

    public String name() {
        return name;
    }

    public Device device() {
        return device;
    }

    /** The browser's language, as Accept-Language and navigator.language give it (e.g. {@code vi-VN}). */
    public String locale() {
        return locale;
    }

    public Page page() {
        return page;
    }

    public BrowserContext context() {
        return context;
    }

    /** The address the platform sees this person's connections come from (their own: see {@link OwnAddress}). */
    public String address() {
        return address;
    }

    /** Goes to a path of the platform (e.g. {@code /play/}) and checks the page answered 2xx. */
    public Response open(String path) {
        Response response = page.navigate(Browsers.url(path));
        if (response == null || response.status() >= 400) {
            throw new AssertionError(name + " opened " + path + ": " + (response == null ? "no response" : "HTTP " + response.status()));
        }
        return response;
    }

    /** An element by its {@code data-testid}. */
    public Locator byTestId(String testId) {
        return page.getByTestId(testId);
    }

    /** The document's language, {@code <html lang>}. */
    public String documentLanguage() {
        return page.locator("html").getAttribute("lang");
    }

    /** All the text this person sees on the page. */
    public String pageText() {
        return page.locator("body").innerText();
    }

    /** A screenshot of what this person sees now, as the next step of the test's picture story. */
    public Path screenshot(String step) {
        return screens.take(name, page, step);
    }

    /** axe-core finds nothing serious or critical on what this person sees now. */
    public void seesAnAccessiblePage(String what) {
        Accessibility.assertNoSeriousViolations(page, name + "'s " + what);
    }

    /** This test expects such a problem in this person's browser (a regex found in its description). */
    public void expectsProblem(String regex) {
        problems.tolerate(regex);
    }

    Problems problems() {
        return problems;
    }

    @Override
    public String toString() {
        return name + " (" + device.name().toLowerCase(java.util.Locale.ROOT) + ", " + locale + ")";
    }
}
