package io.ibasho.notification.support;

import io.ibasho.notification.message.TemplateRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the templates from the classpath and renders simple {@code {name}} placeholders, as Qute would. */
public final class Templates {
    public static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private Templates() {}

    /** The template's text, or null if it is not on the classpath. */
    public static String read(String id) {
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream("templates/" + id)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Set<String> placeholders(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    public static String render(TemplateRef ref) {
        String text = read(ref.id());
        if (text == null) {
            throw new IllegalArgumentException("no template " + ref.id());
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            Object value = ref.data().get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException(ref.id() + " needs " + matcher.group(1));
            }
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(value.toString()));
        }
        return matcher.appendTail(rendered).toString();
    }
}
