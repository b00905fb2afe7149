package io.ibasho.gateway.web.staff;

import java.util.List;

/**
 * The report's month chart, drawn on the server as SVG: one bar per month with its number written above it, and a
 * hidden month drawn as an outlined bar marked "—", so the chart reads without colour (and without the chart at all:
 * the table below it holds the same numbers). Only presentation attributes, no style: the pages' CSP allows no inline
 * style.
 */
final class ReportChart {
    static final int WIDTH = 640;
    static final int HEIGHT = 240;
    private static final int TOP = 24;
    private static final int BOTTOM = 28;
    private static final int LEFT = 8;

    private ReportChart() {}

    /**
     * @param values twelve months, null where hidden
     * @param labels twelve month labels (1月 …)
     * @param title what the bars count, also the chart's accessible name
     * @param hiddenMark what a hidden month shows (—)
     */
    static String bars(List<Integer> values, List<String> labels, String title, String hiddenMark, String id) {
        int max = values.stream()
                .filter(v -> v != null)
                .mapToInt(Integer::intValue)
                .max()
                .orElse(0);
        int plot = HEIGHT - TOP - BOTTOM;
        int slot = (WIDTH - LEFT * 2) / values.size();
        int bar = slot * 3 / 5;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"report-chart\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"")
                .append(id)
                .append("\"><title id=\"")
                .append(id)
                .append("\">")
                .append(escape(title))
                .append("</title>");
        svg.append("<line x1=\"")
                .append(LEFT)
                .append("\" y1=\"")
                .append(HEIGHT - BOTTOM)
                .append("\" x2=\"")
                .append(WIDTH - LEFT)
                .append("\" y2=\"")
                .append(HEIGHT - BOTTOM)
                .append("\" stroke=\"#333333\" stroke-width=\"1\"/>");
        for (int i = 0; i < values.size(); i++) {
            Integer value = values.get(i);
            int x = LEFT + i * slot + (slot - bar) / 2;
            int centre = x + bar / 2;
            int height = value == null || max == 0 ? 0 : Math.max(value > 0 ? 1 : 0, value * plot / max);
            int y = HEIGHT - BOTTOM - height;
            if (value == null) {
                // hidden: an outline of a low bar, dashed, with the mark above it
                svg.append("<rect x=\"")
                        .append(x)
                        .append("\" y=\"")
                        .append(HEIGHT - BOTTOM - 12)
                        .append("\" width=\"")
                        .append(bar)
                        .append("\" height=\"12\" fill=\"none\" stroke=\"#333333\" stroke-dasharray=\"3 2\"/>");
                y = HEIGHT - BOTTOM - 12;
            } else if (height > 0) {
                svg.append("<rect x=\"")
                        .append(x)
                        .append("\" y=\"")
                        .append(y)
                        .append("\" width=\"")
                        .append(bar)
                        .append("\" height=\"")
                        .append(height)
                        .append("\" fill=\"#1f5f8b\"/>");
            }
            svg.append("<text x=\"")
                    .append(centre)
                    .append("\" y=\"")
                    .append(y - 6)
                    .append("\" text-anchor=\"middle\" font-size=\"13\" fill=\"#111111\">")
                    .append(value == null ? escape(hiddenMark) : value)
                    .append("</text>");
            svg.append("<text x=\"")
                    .append(centre)
                    .append("\" y=\"")
                    .append(HEIGHT - 8)
                    .append("\" text-anchor=\"middle\" font-size=\"12\" fill=\"#111111\">")
                    .append(escape(labels.get(i)))
                    .append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
