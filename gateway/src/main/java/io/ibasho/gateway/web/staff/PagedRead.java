package io.ibasho.gateway.web.staff;

import io.ibasho.gateway.web.ServiceCalls.Answer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import java.util.function.IntFunction;

/**
 * A list the event service answers a page at a time (its largest page is 200), read page after page until a page is
 * not full or a cap of pages is reached: the dashboard's month and the course form's coming sessions. Pure: the caller
 * says how a page is asked for, so a test can answer with a stub.
 */
final class PagedRead {
    /** What was read, whether the cap cut it (a full last page), and the status of a page that failed (else 0). */
    record Read(JsonArray items, boolean cut, int failedStatus) {}

    /** The event service's largest page of her sessions ({@code size} above it is refused). */
    static final int LARGEST_PAGE = 200;

    private PagedRead() {}

    /** Pages {@code 0..maxPages-1} of {@code pageSize}; on a failed page, what was read before it and its status. */
    static Uni<Read> all(IntFunction<Uni<Answer>> page, int pageSize, int maxPages) {
        return from(page, pageSize, maxPages, 0, new JsonArray());
    }

    private static Uni<Read> from(
            IntFunction<Uni<Answer>> page, int pageSize, int maxPages, int number, JsonArray sofar) {
        return page.apply(number).flatMap(answer -> {
            if (!answer.ok()) {
                return Uni.createFrom().item(new Read(sofar, false, answer.status()));
            }
            JsonArray read = answer.array();
            sofar.addAll(read);
            if (read.size() < pageSize) {
                return Uni.createFrom().item(new Read(sofar, false, 0));
            }
            if (number + 1 >= maxPages) {
                return Uni.createFrom().item(new Read(sofar, true, 0));
            }
            return from(page, pageSize, maxPages, number + 1, sofar);
        });
    }
}
