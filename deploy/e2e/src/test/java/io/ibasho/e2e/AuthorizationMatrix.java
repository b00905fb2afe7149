package io.ibasho.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The authorization matrix read from {@code authorization-matrix.csv}: one row per endpoint (and object kind), the
 * expected status per caller. The same rows drive {@link AuthorizationMatrixIT} and the table in docs/security.md.
 */
final class AuthorizationMatrix {
    static final String RESOURCE = "/authorization-matrix.csv";
    static final String DOC_BEGIN =
            "<!-- authorization-matrix:begin (generated from deploy/e2e/src/test/resources/authorization-matrix.csv; do not edit) -->";
    static final String DOC_END = "<!-- authorization-matrix:end -->";
    private static final int FIXED_COLUMNS = 5;

    /** Callers in column order; the realm's demo users, plus the partner's machine client. */
    final List<String> callers;

    final List<Row> rows;

    record Row(
            int line,
            String service,
            String method,
            String path,
            String object,
            String body,
            Map<String, Integer> expected,
            String why) {
        String endpoint() {
            return method + " " + path;
        }
    }

    private AuthorizationMatrix(List<String> callers, List<Row> rows) {
        this.callers = callers;
        this.rows = rows;
    }

    static AuthorizationMatrix load() {
        try (InputStream in =
                Objects.requireNonNull(AuthorizationMatrix.class.getResourceAsStream(RESOURCE), RESOURCE)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static AuthorizationMatrix parse(String csv) {
        List<String> callers = null;
        List<Row> rows = new ArrayList<>();
        int lineNumber = 0;
        for (String line : csv.split("\n")) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            // the last column (why) may contain commas
            String[] head = line.split(",", -1);
            if (callers == null) {
                callers = List.of(Arrays.copyOfRange(head, FIXED_COLUMNS, head.length - 1));
                continue;
            }
            int columns = FIXED_COLUMNS + callers.size();
            String[] cells = line.split(",", columns + 1);
            if (cells.length != columns + 1) {
                throw new IllegalArgumentException("authorization-matrix.csv line " + lineNumber + ": expected "
                        + (columns + 1) + " columns, found " + cells.length);
            }
            Map<String, Integer> expected = new LinkedHashMap<>();
            for (int i = 0; i < callers.size(); i++) {
                try {
                    expected.put(callers.get(i), Integer.parseInt(cells[FIXED_COLUMNS + i].trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("authorization-matrix.csv line " + lineNumber + ": status for "
                            + callers.get(i) + " is not a number: " + cells[FIXED_COLUMNS + i]);
                }
            }
            rows.add(new Row(
                    lineNumber,
                    cells[0].trim(),
                    cells[1].trim(),
                    cells[2].trim(),
                    cells[3].trim(),
                    cells[4].trim(),
                    expected,
                    cells[columns].trim()));
        }
        if (callers == null) {
            throw new IllegalArgumentException("authorization-matrix.csv has no header line");
        }
        return withFunder(callers, rows);
    }

    /** The read-only funder of organisation 1 (hinata); its column is derived, see {@link #funderExpects}. */
    static final String FUNDER = "funder1";

    /**
     * Adds the funder's column without a column in the file (one more column would touch every row of a file many
     * branches add rows to): she reads her organisation's reports like its organiser and is refused everything else
     * that needs a role (403), and public endpoints answer her as they answer anybody.
     */
    private static AuthorizationMatrix withFunder(List<String> callers, List<Row> rows) {
        if (callers.contains(FUNDER)) {
            return new AuthorizationMatrix(callers, List.copyOf(rows));
        }
        List<String> withFunder = new ArrayList<>(callers);
        withFunder.add(FUNDER);
        withFunder.add(CONSULTATION);
        List<Row> derived = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Integer> expected = new LinkedHashMap<>(row.expected());
            expected.put(FUNDER, funderExpects(row));
            expected.put(CONSULTATION, consultationExpects(row));
            derived.add(new Row(
                    row.line(),
                    row.service(),
                    row.method(),
                    row.path(),
                    row.object(),
                    row.body(),
                    expected,
                    row.why()));
        }
        return new AuthorizationMatrix(List.copyOf(withFunder), List.copyOf(derived));
    }

    /** Consultation staff of organisation 1 (hinata); its column is derived too, see {@link #consultationExpects}. */
    static final String CONSULTATION = "consult1";

    /**
     * consult1 reaches hinata's requests to talk and nothing else: on the consultation paths a request of hinata
     * answers 200, anything else (another organisation's, an unknown id) 404 like a missing one; every other endpoint
     * that needs a role is 403 (not an attendee, organiser, carer or partner), public ones answer as to anybody.
     */
    static int consultationExpects(Row row) {
        if (row.path().startsWith("/api/notifications/consultation/")) {
            return "-".equals(row.object()) || "talk-request".equals(row.object()) ? 200 : 404;
        }
        int anonymous = row.expected().get("anonymous");
        if (row.expected().values().stream().distinct().count() == 1) {
            return anonymous; // answered alike whoever calls (LINE's webhook: only its signature counts)
        }
        return anonymous == 401 ? 403 : anonymous;
    }

    static int funderExpects(Row row) {
        if ("GET".equals(row.method()) && row.path().startsWith("/api/registrations/reports/")) {
            return row.expected().get("organiser1");
        }
        int anonymous = row.expected().get("anonymous");
        if (row.expected().values().stream().distinct().count() == 1) {
            // answered alike whoever calls, a token or none (LINE's webhook: only its signature counts): her too
            return anonymous;
        }
        return anonymous == 401 ? 403 : anonymous;
    }

    /** The Markdown table for docs/security.md. */
    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| Service | Method | Path | Object |");
        callers.forEach(c -> out.append(' ').append(c).append(" |"));
        out.append(" Why |\n|---|---|---|---|");
        callers.forEach(c -> out.append("---|"));
        out.append("---|\n");
        for (Row row : rows) {
            out.append("| ")
                    .append(row.service())
                    .append(" | ")
                    .append(row.method())
                    .append(" | `")
                    .append(row.path())
                    .append("` | ")
                    .append(row.object())
                    .append(" |");
            callers.forEach(c -> out.append(' ').append(row.expected().get(c)).append(" |"));
            out.append(' ').append(row.why().replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }

    /** The document with its generated table replaced by the current one. */
    static String withTable(String document, String table) {
        int begin = document.indexOf(DOC_BEGIN);
        int end = document.indexOf(DOC_END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("docs/security.md lacks the markers " + DOC_BEGIN + " ... " + DOC_END);
        }
        return document.substring(0, begin + DOC_BEGIN.length()) + "\n" + table + document.substring(end);
    }

    /** Endpoints known to have no rows yet ("service,METHOD /path"), one per line; # starts a comment. */
    static java.util.Set<String> pending() {
        try (var in = AuthorizationMatrix.class.getResourceAsStream("/authorization-matrix-pending.txt")) {
            if (in == null) {
                return java.util.Set.of();
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
