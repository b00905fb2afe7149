package io.ibasho.notification.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.ibasho.contracts.EventTypes;
import io.ibasho.notification.CourseCopy;
import io.ibasho.notification.SessionCopy;
import io.ibasho.notification.message.MessageKind;
import io.ibasho.notification.repository.CourseCopies;
import io.ibasho.notification.service.Notifier.Notice;
import io.ibasho.plumbing.inbox.InboundEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One message per course (docs/courses.md, docs/notifications.md): CourseBooked, CourseCancelled and
 * CourseRequestChanged become her course messages, each naming the course's dates and her course page; the course
 * copy they need is kept from CoursePublished. Runs in the consumer's transaction, like every message.
 */
@ApplicationScoped
public class CourseNotices {
    private final Notifier notifier;
    private final Clock clock;

    public CourseNotices(Notifier notifier, Clock clock) {
        this.notifier = notifier;
        this.clock = clock;
    }

    /** CoursePublished: the course's dates and allocation; an older state arriving late is dropped. */
    public Uni<Void> keepCourse(JsonNode data) {
        UUID courseId = UUID.fromString(data.path("courseId").asText());
        List<String> sessionIds = new ArrayList<>();
        data.path("sessionIds")
                .forEach(id -> sessionIds.add(UUID.fromString(id.asText()).toString()));
        return CourseCopies.keep(
                courseId,
                sessionIds,
                data.path("allocation").asText("FIRST_COME"),
                data.path("status").asText("PUBLISHED"),
                data.path("sequence").asInt(),
                OffsetDateTime.now(clock));
    }

    /** A course event on registration-lifecycle: at most one message to her. */
    public Uni<Void> courseEvent(InboundEvent event) {
        JsonNode data = event.data();
        UUID courseId = UUID.fromString(data.path("courseId").asText());
        String attendeeId = data.path("attendeeId").asText();
        return CourseCopy.<CourseCopy>findById(courseId)
                .flatMap(course -> kindOf(event, course, attendeeId).flatMap(kind -> {
                    if (kind == null) {
                        return Uni.createFrom().voidItem();
                    }
                    Integer position = data.path("position").isInt()
                            ? data.path("position").asInt()
                            : null;
                    OffsetDateTime deadline = kind == MessageKind.COURSE_OFFERED && data.hasNonNull("offerExpiresAt")
                            ? OffsetDateTime.parse(data.path("offerExpiresAt").asText())
                            : null;
                    return datesOf(data, course, kind == MessageKind.COURSE_ENDED)
                            .flatMap(dates -> notifier.notify(
                                    Notice.course(kind, attendeeId, courseId, dates, event.id(), position, deadline)))
                            .replaceWithVoid();
                }));
    }

    private static Uni<MessageKind> kindOf(InboundEvent event, CourseCopy course, String attendeeId) {
        JsonNode data = event.data();
        String status = data.path("status").asText("");
        return switch (event.type()) {
            // a lottery course books its winners at once; an offer she accepted was already worded as an offer
            case EventTypes.COURSE_BOOKED ->
                course == null || !course.lottery()
                        ? Uni.createFrom().item(MessageKind.COURSE_BOOKED)
                        : offeredBefore(course.id, attendeeId)
                                .map(offered -> offered ? MessageKind.COURSE_BOOKED : MessageKind.COURSE_LOTTERY_WON);
            case EventTypes.COURSE_CANCELLED ->
                Uni.createFrom()
                        .item(
                                "ATTENDEE".equals(data.path("cancelledBy").asText(""))
                                        ? MessageKind.COURSE_CANCELLED_BY_ATTENDEE
                                        : MessageKind.COURSE_ENDED);
            case EventTypes.COURSE_REQUEST_CHANGED -> {
                boolean lottery = "LOTTERY".equals(data.path("kind").asText(""));
                MessageKind kind = switch (status) {
                    case "APPLIED" -> MessageKind.COURSE_APPLICATION_RECEIVED;
                    case "WAITING" -> lottery ? MessageKind.COURSE_LOTTERY_RESERVE : MessageKind.COURSE_WAITLISTED;
                    case "OFFERED" -> MessageKind.COURSE_OFFERED;
                    case "EXPIRED" ->
                        data.path("declined").asBoolean(false)
                                ? MessageKind.COURSE_OFFER_DECLINED
                                : MessageKind.COURSE_OFFER_EXPIRED;
                    case "ENDED" -> MessageKind.COURSE_ENDED;
                    // BOOKED: CourseBooked, just before it in the same transaction, told her;
                    // WITHDRAWN: she did it herself in the app, which shows it
                    default -> null;
                };
                yield Uni.createFrom().item(kind);
            }
            default -> Uni.createFrom().nullItem();
        };
    }

    /** Whether she was offered this course before (then a booking is an accepted offer, not a lottery win). */
    private static Uni<Boolean> offeredBefore(UUID courseId, String attendeeId) {
        return CourseCopies.offeredBefore(courseId, attendeeId);
    }

    /**
     * The start times of the dates the event names (else the course's), in date order; a cancelled date is left out,
     * unless the message says the course ended (then every date is cancelled and each is named).
     */
    private static Uni<List<OffsetDateTime>> datesOf(JsonNode data, CourseCopy course, boolean withCancelled) {
        List<UUID> ids = new ArrayList<>();
        data.path("sessionIds").forEach(id -> ids.add(UUID.fromString(id.asText())));
        if (ids.isEmpty() && course != null) {
            ids.addAll(course.sessionIdList());
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return SessionCopy.<SessionCopy>list("id in ?1", ids)
                .map(sessions -> sessions.stream()
                        .filter(session -> withCancelled || !"CANCELLED".equals(session.status))
                        .map(session -> session.startsAt)
                        .sorted(Comparator.naturalOrder())
                        .collect(Collectors.toList()));
    }
}
