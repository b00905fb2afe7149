package io.ibasho.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Axe's shape counts a run of identical rows as 1, 2 or 3+ (docs/benchmarks.md, round 15): a longer list of the same
 * rows is not checked again, but a violation in one repeated row, or one that a counting style sheet puts on the 4th row
 * is still reported, and a repeated id or a label pointing into another row is a new shape, although a page of the same kind was checked before. Real
 * Chromium and axe-core, no stack needed (each test's pages have a kind of their own, the checked shapes being the
 * JVM's).
 */
class AxeRepeatedRowsTest {
    private static final String GOOD_IMAGE =
            "<img src=\"data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==\" alt=\"木のスプーン\">";
    private static final String IMAGE_WITHOUT_ALT =
            "<img src=\"data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==\">";

    @Test
    void aLongerListIsNotCheckedAgainButAnImageWithoutAltInItsThirdRowIs() {
        String row = "<li class=\"card\">" + GOOD_IMAGE + "<p>親子で木のスプーンづくり</p></li>";
        try (Phone phone = Phone.open("axe-rows-one")) {
            phone.page().setContent(page("axe-rows-images", rows(row, 1)));
            phone.look("one-row");
        }
        try (Phone phone = Phone.open("axe-rows-three")) {
            phone.page().setContent(page("axe-rows-images", rows(row, 3)));
            phone.look("three-rows");
            int skippedBefore = Axe.skipped();
            phone.page().setContent(page("axe-rows-images", rows(row, 7)));
            phone.look("seven-rows");
            assertThat(Axe.skipped())
                    .as("seven identical rows are the shape of three")
                    .isEqualTo(skippedBefore + 1);
        }
        Phone phone = Phone.open("axe-rows-five-one-without-alt");
        phone.page()
                .setContent(page(
                        "axe-rows-images",
                        rows(row, 2) + "<li class=\"card\">" + IMAGE_WITHOUT_ALT + "<p>木のスプーン</p></li>"
                                + rows(row, 2)));
        phone.look("third-row-without-alt");
        assertThat(phone.findings()).anyMatch(f -> f.contains("axe: image-alt"));
        assertThatThrownBy(phone::close).hasMessageContaining("axe: image-alt");
    }

    @Test
    void aRepeatedIdIsANewShapeAndALabelPointingIntoAnotherRowIsReported() {
        try (Phone phone = Phone.open("axe-rows-ids")) {
            phone.page().setContent(page("axe-rows-ids", labelled(3, -1, -1)));
            phone.look("three-rows");
            int skipped = Axe.skipped();
            phone.page().setContent(page("axe-rows-ids", labelled(7, -1, -1)));
            phone.look("seven-rows");
            assertThat(Axe.skipped())
                    .as("seven rows of their own ids are the shape of three")
                    .isEqualTo(skipped + 1);
            phone.page().setContent(page("axe-rows-ids", labelled(7, 5, -1)));
            phone.look("seven-rows-6th-repeats-the-5th-id");
            assertThat(Axe.skipped()).as("a repeated id is checked").isEqualTo(skipped + 1);
        }
        Phone phone = Phone.open("axe-rows-ids-crossed");
        int skipped = Axe.skipped();
        phone.page().setContent(page("axe-rows-ids", labelled(7, -1, 2)));
        phone.look("seven-rows-4th-label-points-at-the-3rd-field");
        assertThat(Axe.skipped())
                .as("a label pointing into another row is checked")
                .isEqualTo(skipped);
        assertThat(phone.findings()).as("the 4th field has no label").anyMatch(f -> f.contains("axe: label"));
        assertThatThrownBy(phone::close).hasMessageContaining("axe: label");
    }

    /**
     * {@code count} rows of a label and its field with ids of their own (UUIDs, as the app's); the row after
     * {@code repeatedAt} repeats its id, the label of the row after {@code crossedAt} points at that row's field.
     */
    private static String labelled(int count, int repeatedAt, int crossedAt) {
        String[] ids = IntStream.range(0, count)
                .mapToObj(i -> "f-" + java.util.UUID.randomUUID())
                .toArray(String[]::new);
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String id = repeatedAt >= 0 && i == repeatedAt + 1 ? ids[repeatedAt] : ids[i];
            String target = crossedAt >= 0 && i == crossedAt + 1 ? ids[crossedAt] : id;
            rows.append("<li><label for=\"")
                    .append(target)
                    .append("\">人数</label><input id=\"")
                    .append(id)
                    .append("\" type=\"number\"></li>");
        }
        return rows.toString();
    }

    @Test
    void aStyleSheetThatCountsRowsKeepsTheExactLength() {
        String style = "<style>.counted li:nth-child(4) p { color: #eeeeee; }</style>";
        String row = "<li><p>フリースペース</p></li>";
        try (Phone phone = Phone.open("axe-rows-counted-three")) {
            phone.page().setContent(page("counted", style, rows(row, 3)));
            phone.look("three-rows");
        }
        Phone phone = Phone.open("axe-rows-counted-four");
        phone.page().setContent(page("counted", style, rows(row, 4)));
        phone.look("four-rows");
        assertThat(phone.findings()).anyMatch(f -> f.contains("axe: color-contrast"));
        assertThatThrownBy(phone::close).hasMessageContaining("axe: color-contrast");
    }

    private static String rows(String row, int count) {
        return IntStream.range(0, count).mapToObj(i -> row).collect(Collectors.joining());
    }

    private static String page(String kind, String rows) {
        return page(kind, "", rows);
    }

    private static String page(String kind, String style, String rows) {
        return "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>一覧</title>"
                + "<style>body { font: 18px sans-serif; color: #222; background: #fff; }"
                + " input { min-width: 48px; min-height: 48px; }</style>" + style + "</head>"
                + "<body><main><h1>一覧</h1><ul class=\"" + kind + "\">" + rows + "</ul></main></body></html>";
    }
}
