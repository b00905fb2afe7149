package io.ibasho.e2e.browser;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * axe-core run inside the page for WCAG 2.0, 2.1 and 2.2 at levels A and AA. The script is handed to the page through
 * Playwright's evaluate (DevTools), which the page's Content-Security-Policy does not govern: the CSP stays enforced for
 * the page's own resources, and no {@code <script>} element is added.
 */
final class Axe {
    static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private static final String RUN = """
            async (tags) => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return result.violations.map(v => v.id + ' [' + v.impact + '] ' + v.help + ' -> '
                  + v.nodes.map(n => n.target.join(' ') + (n.failureSummary ? ' (' + n.failureSummary.replace(/\\s+/g, ' ') + ')' : '')).join('; '));
            }
            """;

    private static String source;

    private Axe() {}

    @SuppressWarnings("unchecked")
    static List<String> violations(Page page) {
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            page.evaluate(source() + "\n;undefined");
        }
        return ((List<Object>) page.evaluate(RUN, TAGS))
                .stream().map(v -> "axe: " + v).toList();
    }

    private static synchronized String source() {
        if (source == null) {
            try (InputStream in = Axe.class.getResourceAsStream("/axe.min.js")) {
                if (in == null) {
                    throw new IllegalStateException(
                            "axe.min.js is missing from the test classpath (com.deque.html.axe-core:playwright)");
                }
                source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return source;
    }
}
