package io.ibasho.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a service's {@code /q/metrics} (Prometheus text format), read as a test reads it: the sum of a meter
 * over the series whose labels include the given ones, and every label value, to check that none is personal.
 */
public final class MetricsPage {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** What a label value must never look like: a raw id (UUID) or an e-mail address. */
    public static final Pattern UUID_LIKE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public static final Pattern EMAIL_LIKE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples;
    private final String text;

    private MetricsPage(String text) {
        this.text = text;
        List<Sample> read = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            // an exemplar (OpenMetrics: "value # {trace_id=...,span_id=...} value") is not part of the sample: with
            // tracing on, a counter carries the trace it was last counted in
            int exemplar = line.indexOf(" # ");
            if (exemplar >= 0) {
                line = line.substring(0, exemplar);
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.find()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            double value;
            try {
                value = Double.parseDouble(sample.group(4));
            } catch (NumberFormatException e) {
                continue;
            }
            read.add(new Sample(sample.group(1), labels, value));
        }
        this.samples = List.copyOf(read);
    }

    /** @param management the service's management interface, e.g. {@code http://localhost:9000/} */
    public static MetricsPage scrape(URI management) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(management.resolve("/q/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/q/metrics answered " + response.statusCode());
            }
            return new MetricsPage(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("/q/metrics unreadable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static MetricsPage of(String text) {
        return new MetricsPage(text);
    }

    /** Sum over the series of {@code name} whose labels include {@code labels}; 0 when there is none. */
    public double sum(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value)
                .sum();
    }

    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Every label value on the page, with the meter and label it belongs to. */
    public List<String> labelValues() {
        List<String> values = new ArrayList<>();
        for (Sample sample : samples) {
            sample.labels().forEach((label, value) -> values.add(sample.name() + "{" + label + "=" + value + "}"));
        }
        return values;
    }

    /** Label values that look like a raw id or an e-mail address, or contain one of {@code names}. */
    public List<String> personalLabelValues(List<String> names) {
        List<String> found = new ArrayList<>();
        for (Sample sample : samples) {
            for (Map.Entry<String, String> label : sample.labels().entrySet()) {
                String value = label.getValue();
                boolean personal = UUID_LIKE.matcher(value).find()
                        || EMAIL_LIKE.matcher(value).find()
                        || names.stream().anyMatch(value::contains);
                if (personal) {
                    found.add(sample.name() + "{" + label.getKey() + "=" + value + "}");
                }
            }
        }
        return found;
    }

    public String text() {
        return text;
    }
}
