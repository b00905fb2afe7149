package io.ibasho.e2e.browser;

import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
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
 * axe judges markup, roles, names and styles, and two pages of the same shape differ only in their words and in how
 * many times a row repeats (a journey looks at わたしの予約 five times as her bookings change; the organisers' lists grow
 * with every test's sessions, to 12,000 px). The shape keeps every element in its place in the tree with its
 * attributes and whether it has words of its own, and the style sheet's colours reach every page alike, so a page with
 * a new element, attribute, state class or an empty label is a new shape and checked. axe was half of what a look cost
 * Chromium (docs/benchmarks.md, round 6).
 *
 * <p><b>Why a run of identical rows counts as one, two or "three or more"</b> (docs/benchmarks.md, round 15). A run of
 * consecutive sibling elements whose whole subtrees have the same shape is written once with that count. Everything
 * axe judges about one row is judged from the row itself, its ancestors, the style sheets and its neighbours: the 3rd
 * row of a list of 3 and the 30th of a list of 30 have the same subtree, the same ancestors and identical rows on both
 * sides, so axe's verdict on them is the same, and a violation inside any row of a run is a violation inside every
 * row of it (the rows are identical), so it is caught on whichever length was checked first. What the length can still
 * change is kept in the shape:
 *
 * <ul>
 *   <li>one row against several: duplicate ids, labels and landmarks exist only with several, and a row has
 *       neighbours (WCAG 2.2's target size, heading order across rows) only with several;
 *   <li>two against three or more: with {@code :first-child}, {@code :last-of-type}, {@code +} and the like, a list of
 *       two has no middle row, a list of three has one, and every middle row of a longer list matches what the 2nd of
 *       three matches. A page whose style sheets hold a counting selector (an {@code :nth-*}, or two sibling
 *       combinators in one selector such as {@code li + li + li}: they tell the 3rd row from the 4th) keeps every run's
 *       exact length (app.css has none: its one positional selector is {@code .child-row:first-of-type});
 *   <li>ids are written as the shape's words are (a UUID as {@code ID}), so a repeated id is marked where it occurs,
 *       and every id reference ({@code for}, {@code aria-labelledby}, {@code aria-describedby}, {@code
 *       aria-controls} ...) is written as where its target is (levels up to the common ancestor, tags down to it) or
 *       as missing: a label pointing into another row or nowhere is a new shape;
 *   <li>a box that scrolls (content overflowing an {@code overflow: auto/scroll} box, which more rows can cause) is
 *       marked: axe asks whether it can be reached by keyboard.
 * </ul>
 */
final class Axe {
    static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    static final String RUN = """
            async (tags) => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return result.violations.map(v => v.id + ' [' + v.impact + '] ' + v.help + ' -> '
                  + v.nodes.map(n => n.target.join(' ') + (n.failureSummary ? ' (' + n.failureSummary.replace(/\\s+/g, ' ') + ')' : '')).join('; '));
            }
            """;

    /**
     * The page's shape: the viewport's width, and the element tree, each element with its tag, its attributes other
     * than the few that carry only words or addresses (their presence still counts), whether it has words of its own,
     * the marks above (repeated id, where its id references lead, scrolling) and its children, where a run of
     * consecutive siblings of the same shape is written once with its length as 1, 2 or 3+ (the exact length when a
     * style sheet counts, see above).
     */
    static final String SHAPE = """
            () => {
              const wordsOnly = new Set(['href', 'value', 'content', 'datetime', 'action', 'src', 'title', 'data-until']);
              const references = new Set(['for', 'form', 'list', 'headers', 'aria-activedescendant', 'aria-controls',
                  'aria-describedby', 'aria-details', 'aria-errormessage', 'aria-flowto', 'aria-labelledby', 'aria-owns']);
              const anonymous = (v) => v.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'ID');
              let counting = false;
              const scan = (rules) => {
                for (const rule of rules) {
                  if (counting) return;
                  if (rule.selectorText && /:nth-|[+~][^,]*[+~]/.test(rule.selectorText)) counting = true;
                  else if (rule.cssRules) scan(rule.cssRules);
                }
              };
              for (const sheet of document.styleSheets) {
                try { scan(sheet.cssRules); } catch (e) { counting = true; }
              }
              const ids = new Map();
              for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) || 0) + 1);
              const where = (el, target) => {
                let up = 0, common = el;
                while (common && !common.contains(target)) { common = common.parentElement; up++; }
                const down = [];
                for (let d = target; d && d !== common; d = d.parentElement) down.push(d.tagName);
                return '^' + up + '/' + down.reverse().join('/');
              };
              const shape = (el) => {
                let part = el.tagName;
                for (const a of el.attributes) {
                  part += ' ' + a.name + (wordsOnly.has(a.name) ? (a.value ? '+' : '-') : '=' + anonymous(a.value));
                  if (a.name === 'id' && ids.get(a.value) > 1) part += ' REPEATED';
                  if (references.has(a.name)) {
                    part += ' ->' + a.value.trim().split(/\\s+/).filter(id => id)
                        .map(id => { const t = document.getElementById(id); return t ? where(el, t) : 'MISSING'; }).join(',');
                  }
                }
                if (Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())) part += ' T';
                if (el.scrollHeight > el.clientHeight || el.scrollWidth > el.clientWidth) {
                  const style = getComputedStyle(el);
                  if (/auto|scroll/.test(style.overflowX + ' ' + style.overflowY)) part += ' SCROLLS';
                }
                const children = [];
                let last = null, run = 0;
                const close = () => {
                  if (last !== null) children.push(last + ' x' + (counting || run < 3 ? run : '3+'));
                };
                for (const child of el.children) {
                  const s = shape(child);
                  if (s === last) { run++; } else { close(); last = s; run = 1; }
                }
                close();
                return children.length ? part + ' [' + children.join(' | ') + ']' : part;
              };
              return window.innerWidth + '\\n' + shape(document.documentElement);
            }
            """;

    private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger SKIPPED = new AtomicInteger();

    private static String source;

    private Axe() {}

    /** The violations on this page, or none when a page of the same shape was checked already in this run. */
    static List<String> violations(Page page, CDPSession devTools) {
        boolean seen = !CHECKED.add(sha256((String) page.evaluate(SHAPE)));
        LookCpu.step("shape");
        if (seen) {
            SKIPPED.incrementAndGet();
            return List.of();
        }
        return check(page, devTools);
    }

    /** Looks at an already checked shape so far in this JVM. */
    static int skipped() {
        return SKIPPED.get();
    }

    /** Pages checked and pages skipped as already seen, for the log. */
    static String tally() {
        return CHECKED.size() + " page shapes checked with axe, " + SKIPPED.get()
                + " looks at an already checked shape";
    }

    @SuppressWarnings("unchecked")
    private static List<String> check(Page page, CDPSession devTools) {
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            load(devTools);
        }
        LookCpu.step("inject");
        List<String> found = ((List<Object>) page.evaluate(RUN, TAGS))
                .stream().map(v -> "axe: " + v).toList();
        LookCpu.step("axe");
        return found;
    }

    /**
     * Hands axe-core to the page as a script compiled by DevTools ({@code Runtime.compileScript} with a fixed name, then
     * {@code runScript}) instead of Playwright's evaluate of the source: the same script in the same page world, and
     * V8 can take the compiled script from its cache on the next page of the same renderer. It cost Chromium 0.13-0.16
     * CPU s per page against 0.21-0.22 (docs/benchmarks.md, round 15). Like evaluate, DevTools is not governed by the
     * page's Content-Security-Policy.
     */
    private static void load(CDPSession devTools) {
        devTools.send("Runtime.enable");
        try {
            JsonObject compile = new JsonObject();
            compile.addProperty("expression", source());
            compile.addProperty("sourceURL", "ibasho-axe.min.js");
            compile.addProperty("persistScript", true);
            JsonObject compiled = devTools.send("Runtime.compileScript", compile);
            if (compiled.has("exceptionDetails")) {
                throw new IllegalStateException("axe-core did not compile: " + compiled.get("exceptionDetails"));
            }
            JsonObject run = new JsonObject();
            run.addProperty("scriptId", compiled.get("scriptId").getAsString());
            JsonObject ran = devTools.send("Runtime.runScript", run);
            if (ran.has("exceptionDetails")) {
                throw new IllegalStateException("axe-core did not load: " + ran.get("exceptionDetails"));
            }
        } finally {
            devTools.send("Runtime.disable");
        }
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

    static synchronized String source() {
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
