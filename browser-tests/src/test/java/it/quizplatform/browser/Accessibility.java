package it.quizplatform.browser;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * axe-core (Deque's rules, the ones browsers' accessibility audits use) on the page as it is now. Fails on every
 * violation whose impact is serious or critical; minor and moderate ones are left to review.
 */
public final class Accessibility {

    static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");

    private Accessibility() {
    }

    /** Fails with every serious or critical violation: rule id, impact, the elements' selectors and the help text. */
    public static void assertNoSeriousViolations(Page page, String what) {
        AxeResults results = new AxeBuilder(page).analyze();
        if (results.getErrorMessage() != null) {
            throw new AssertionError("axe-core could not check " + what + ": " + results.getErrorMessage());
        }
        List<Rule> serious = results.getViolations().stream()
                .filter(rule -> FAILING_IMPACTS.contains(rule.getImpact()))
                .toList();
        if (!serious.isEmpty()) {
            throw new AssertionError("accessibility violations on " + what + " (" + page.url() + "):\n"
                    + serious.stream().map(Accessibility::describe).collect(Collectors.joining("\n")));
        }
    }

    static String describe(Rule rule) {
        String targets = rule.getNodes().stream().map(CheckedNode::getTarget).map(String::valueOf)
                .collect(Collectors.joining(", "));
        return "  - " + rule.getId() + " [" + rule.getImpact() + "] " + rule.getHelp() + " (" + rule.getHelpUrl()
                + ")\n      at " + targets;
    }
}
