package io.ibasho.e2e.browser;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * axe-core run inside the page for WCAG 2.0, 2.1 and 2.2 at levels A and AA. The script is handed to the page through
 * Playwright's evaluate (DevTools), which the page's Content-Security-Policy does not govern: the CSP stays enforced for
 * the page's own resources, and no {@code <script>} element is added.
 *
 * <p>A page whose {@linkplain #SHAPE shape} was already checked in this run, at the same width, is not checked again:
 * axe judges markup, roles, names and styles, and two pages of the same shape differ only in their words (a journey
 * looks at わたしの予約 five times as her bookings change). The shape keeps every element with its attributes, whether it
 * has words of its own, and the style sheet's colours reach every page alike, so a page with a new element, attribute,
 * state class or an empty label is a new shape and checked. axe was half of what a look cost Chromium
 * (docs/benchmarks.md, round 6).
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

    /**
     * The page's shape: every element in document order with its tag, its attributes other than the few that carry
     * only words or addresses (their presence still counts), and whether it has words of its own; and the viewport's
     * width.
     */
    private static final String SHAPE = """
            () => {
              const wordsOnly = new Set(['href', 'value', 'content', 'datetime', 'action', 'src', 'title', 'data-until']);
              const parts = [String(window.innerWidth)];
              for (const el of document.querySelectorAll('*')) {
                let part = el.tagName;
                for (const a of el.attributes) {
                  part += ' ' + a.name + (wordsOnly.has(a.name) ? (a.value ? '+' : '-') : '=' + a.value.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'ID'));
                }
                const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
                parts.push(part + (own ? ' T' : ''));
              }
              return parts.join('\\n');
            }
            """;

    private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger SKIPPED = new AtomicInteger();

    private static String source;

    private Axe() {}

    /** The violations on this page, or none when a page of the same shape was checked already in this run. */
    static List<String> violations(Page page) {
        boolean seen = !CHECKED.add(sha256((String) page.evaluate(SHAPE)));
        LookCpu.step("shape");
        if (seen) {
            SKIPPED.incrementAndGet();
            return List.of();
        }
        return check(page);
    }

    /** Pages checked and pages skipped as already seen, for the log. */
    static String tally() {
        return CHECKED.size() + " page shapes checked with axe, " + SKIPPED.get()
                + " looks at an already checked shape";
    }

    @SuppressWarnings("unchecked")
    private static List<String> check(Page page) {
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            page.evaluate(source() + "\n;undefined");
        }
        LookCpu.step("inject");
        List<String> found = ((List<Object>) page.evaluate(RUN, TAGS))
                .stream().map(v -> "axe: " + v).toList();
        LookCpu.step("axe");
        return found;
    }

    private static String sha256(String shape) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(shape.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
