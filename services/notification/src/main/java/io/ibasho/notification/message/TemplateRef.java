package io.ibasho.notification.message;

import java.util.Map;
import java.util.Objects;

/** A Qute template id (relative to {@code templates/}) and the data to render it with. */
public record TemplateRef(String id, Map<String, Object> data) {
    public TemplateRef {
        Objects.requireNonNull(id, "id");
        data = Map.copyOf(data);
    }
}
