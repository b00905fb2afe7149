package io.ibasho.gateway.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.web.Language;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's CSV and chart from a report as the registration service answers it. Plain Java. */
class ReportPagesTest {
    private static final String REPORT = """
            {"organisationId":"hinata","year":2026,"suppressedBelow":3,
             "lines":[{"venueId":"v1","venueNameJa":"=HYPERLINK(\\"x\\")","venueNameEn":null,"kind":"cafe",
                       "months":{"participants":[0,0,0,12,null,null,0,0,0,0,0,0]},"year":{"participants":16}}],
             "total":{"months":{"participants":[0,0,0,12,null,null,0,0,0,0,0,0]},"year":{"participants":16}},
             "targets":{"participants":20}}
            """;

    @Test
    void theCsvMarksHiddenCellsWithXAndDefusesFormulas() {
        String csv = ReportPages.csv(new JsonObject(REPORT), Language.JA);
        List<String> rows = csv.lines().toList();

        assertThat(csv).startsWith("\uFEFF");
        assertThat(rows.get(0))
                .as("a Japanese header only")
                .contains("\"項目キー\"")
                .doesNotContain("figure_key");
        String participants = rows.stream()
                .filter(r -> r.contains("\"participants\"") && r.contains("'=HYPERLINK"))
                .findFirst()
                .orElseThrow();
        assertThat(participants)
                .contains("\"12\",\"x\",\"x\"")
                .contains("\"16\"")
                .doesNotContain(",\"=HYPERLINK");
        String total = rows.stream()
                .filter(r -> r.contains("\"合計\"") && r.contains("\"participants\""))
                .findFirst()
                .orElseThrow();
        assertThat(total).endsWith("\"16\",\"20\"");
    }

    @Test
    void theChartWritesEveryNumberAndMarksHiddenMonthsWithoutColour() {
        List<Integer> months = new ArrayList<>(Arrays.asList(0, 0, 0, 12, null, null, 0, 0, 0, 0, 0, 0));
        List<String> labels = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            labels.add(m + "月");
        }
        String svg = ReportChart.bars(months, labels, "延べ参加者 <2026>", "—", "c1");

        assertThat(svg).contains("role=\"img\"").contains("<title id=\"c1\">延べ参加者 &lt;2026&gt;</title>");
        assertThat(svg).contains(">12</text>").contains(">4月</text>");
        assertThat(svg.split(">—</text>", -1)).hasSize(3); // May and June, written out
        assertThat(svg).contains("stroke-dasharray").doesNotContain("style=");
    }
}
