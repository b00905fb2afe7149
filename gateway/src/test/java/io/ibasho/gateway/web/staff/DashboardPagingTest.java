package io.ibasho.gateway.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import io.ibasho.gateway.web.ServiceCalls;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard reads a month of more than 200 sessions page after page (the event service's largest page), against a
 * stub of the event service's {@code /api/events/sessions/mine} that pages as it does. Plain: no Quarkus.
 */
class DashboardPagingTest {
    private static final String WINDOW =
            "&startsFrom=2026-12-01T00%3A00%2B09%3A00&startsBefore=2027-01-01T00%3A00%2B09%3A00";
    private static final Pattern PAGING = Pattern.compile("size=(\\d+)&page=(\\d+)");

    /** Her sessions as the event service pages them; every path asked for is kept. */
    private record StubEventService(int sessions, int failingPage, List<String> asked)
            implements Function<String, Uni<ServiceCalls.Answer>> {
        StubEventService(int sessions) {
            this(sessions, -1, new ArrayList<>());
        }

        @Override
        public Uni<ServiceCalls.Answer> apply(String path) {
            asked.add(path);
            Matcher m = PAGING.matcher(path);
            assertThat(m.find()).as(path).isTrue();
            int size = Integer.parseInt(m.group(1));
            int page = Integer.parseInt(m.group(2));
            assertThat(size).as("the service refuses a page above 200").isLessThanOrEqualTo(200);
            if (page == failingPage) {
                return Uni.createFrom().item(new ServiceCalls.Answer(503, Buffer.buffer("{}"), "application/json"));
            }
            JsonArray body = new JsonArray();
            for (int i = page * size; i < Math.min(sessions, (page + 1) * size); i++) {
                body.add(new JsonObject().put("id", "s" + i).put("status", "published"));
            }
            return Uni.createFrom().item(new ServiceCalls.Answer(200, body.toBuffer(), "application/json"));
        }
    }

    @Test
    void aMonthOfMoreThan200SessionsIsReadToItsLastPage() {
        StubEventService event = new StubEventService(450);
        PagedRead.Read read =
                DashboardPages.monthSessions(event, WINDOW).await().indefinitely();
        assertThat(read.items()).hasSize(450);
        assertThat(read.items().getJsonObject(449).getString("id")).isEqualTo("s449");
        assertThat(read.cut()).isFalse();
        assertThat(read.failedStatus()).isZero();
        assertThat(event.asked())
                .containsExactly(
                        "/api/events/sessions/mine?size=200&page=0" + WINDOW,
                        "/api/events/sessions/mine?size=200&page=1" + WINDOW,
                        "/api/events/sessions/mine?size=200&page=2" + WINDOW);
    }

    @Test
    void exactlyFullPagesAskOnceMoreToKnowTheMonthEnded() {
        StubEventService event = new StubEventService(400);
        PagedRead.Read read =
                DashboardPages.monthSessions(event, WINDOW).await().indefinitely();
        assertThat(read.items()).hasSize(400);
        assertThat(read.cut()).isFalse();
        assertThat(event.asked()).hasSize(3);
    }

    @Test
    void aMonthAbove2000SessionsIsCutAndSaysSo() {
        StubEventService event = new StubEventService(2_300);
        PagedRead.Read read =
                DashboardPages.monthSessions(event, WINDOW).await().indefinitely();
        assertThat(read.items()).hasSize(DashboardPages.MONTH_PAGES * DashboardPages.MONTH_PAGE_SIZE);
        assertThat(read.cut()).isTrue();
        assertThat(event.asked()).hasSize(DashboardPages.MONTH_PAGES);
    }

    @Test
    void aPageThatFailsIsReportedNeverAShorterMonth() {
        StubEventService event = new StubEventService(450, 1, new ArrayList<>());
        PagedRead.Read read =
                DashboardPages.monthSessions(event, WINDOW).await().indefinitely();
        assertThat(read.failedStatus()).isEqualTo(503);
        assertThat(event.asked()).hasSize(2);
    }
}
