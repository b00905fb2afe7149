package io.ibasho.notification.service;

import io.ibasho.notification.LineLink;
import io.ibasho.notification.RecipientPreference;
import io.ibasho.notification.TalkRequest;
import io.ibasho.notification.message.MessageKind;
import io.ibasho.notification.repository.TalkRequestAudit;
import io.ibasho.plumbing.refusal.FieldViolation;
import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.typedinput.TypedInput;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Her requests to talk (「話したいことがあります」) and what one organisation's consultation staff do with them. Her side is
 * keyed by her token's subject; the staff side by their organisation, so staff of another organisation find nothing
 * (404, not 403: they must not even learn that a request exists). Every staff read and change is written to
 * talk_request_audit in the same transaction. Nothing here logs, and nothing goes to Kafka.
 */
@ApplicationScoped
public class TalkRequests {
    public static final Set<String> CHANNELS = Set.of("in-app", "email", "line", "in-person", "callback");
    public static final Set<String> TIME_WINDOWS =
            Set.of("weekday-daytime", "weekday-evening", "weekend", "specific-days");
    public static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    /** Enough for "after 8 pm, not Tuesdays"; a reason is never asked for. */
    public static final int MAX_NOTE = 200;
    /** Open (not yet closed) requests one person may have at once: enough for two organisations and a change of mind. */
    public static final int MAX_OPEN = 3;

    /** What she asks for, as the rest layer read it. */
    public record NewRequest(
            String organisationId,
            String channel,
            String callbackPhone,
            String timeWindow,
            List<String> days,
            String note) {}

    /** Her view and the staff view alike: how and when, and where it stands. Her account id is never in it. */
    public record View(
            UUID id,
            String reference,
            String organisationId,
            String channel,
            String callbackPhone,
            String timeWindow,
            List<String> days,
            String note,
            String status,
            OffsetDateTime createdAt,
            OffsetDateTime acknowledgedAt,
            OffsetDateTime closedAt) {
        static View of(TalkRequest r) {
            return new View(
                    r.id,
                    referenceOf(r.id),
                    r.organisationId,
                    r.channel,
                    r.callbackPhone,
                    r.timeWindow,
                    r.days == null || r.days.isBlank() ? List.of() : List.of(r.days.split(",")),
                    r.note,
                    r.status,
                    r.createdAt,
                    r.acknowledgedAt,
                    r.closedAt);
        }
    }

    /**
     * A short word she and the staff both see, so that at the quiet corner she can say which request is hers without
     * giving a name.
     */
    static String referenceOf(UUID id) {
        return id.toString().substring(0, 6).toUpperCase(Locale.ROOT);
    }

    private final Notifier notifier;
    private final LineChannel line;
    private final TalkOrganisations organisations;
    private final Clock clock;

    public TalkRequests(Notifier notifier, LineChannel line, TalkOrganisations organisations, Clock clock) {
        this.notifier = notifier;
        this.line = line;
        this.organisations = organisations;
        this.clock = clock;
    }

    // --- her side ---

    @WithTransaction
    public Uni<View> send(String requester, NewRequest request) {
        List<FieldViolation> problems = problems(request);
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(Refusal.invalidFields(problems));
        }
        return safeChannel(requester, request.channel())
                .call(() -> organisationReadsAndLineLinked(requester, request))
                .flatMap(ignored -> TalkRequest.count("requester = ?1 and status <> ?2", requester, TalkRequest.CLOSED))
                .flatMap(open -> {
                    if (open >= MAX_OPEN) {
                        return Uni.createFrom()
                                .failure(Refusal.conflict(
                                        "talk-requests-limit",
                                        "You have " + open + " requests that are not closed yet; withdraw one first."));
                    }
                    TalkRequest row = new TalkRequest();
                    row.id = UUID.randomUUID();
                    row.requester = requester;
                    row.organisationId = request.organisationId();
                    row.channel = request.channel();
                    row.callbackPhone =
                            "callback".equals(request.channel()) ? TypedInput.plain(request.callbackPhone()) : null;
                    row.timeWindow = request.timeWindow();
                    row.days = "specific-days".equals(request.timeWindow())
                            ? String.join(",", sortedDays(request.days()))
                            : null;
                    row.note = request.note() == null || request.note().isBlank()
                            ? null
                            : request.note().strip();
                    row.status = TalkRequest.OPEN;
                    row.createdAt = OffsetDateTime.now(clock);
                    return row.<TalkRequest>persist().map(View::of);
                });
    }

    /** E-mail counts as safe only if she chose it and proved the address is hers (the same rule as every message). */
    private static Uni<Void> safeChannel(String requester, String channel) {
        if (!"email".equals(channel)) {
            return Uni.createFrom().voidItem();
        }
        return RecipientPreference.<RecipientPreference>findById(requester)
                .flatMap(
                        preference -> preference != null && preference.wantsEmail()
                                ? Uni.createFrom().voidItem()
                                : Uni.createFrom()
                                        .failure(
                                                Refusal.invalid(
                                                        "talk-channel-not-safe",
                                                        "E-mail is not one of your safe channels: choose and confirm an address in your settings first, or choose another way.")));
    }

    /**
     * What only the database can tell, refused like the other fields (400, every reason at once): the organisation
     * must be one whose consultation staff read requests now, and LINE must be linked to her account (and offered
     * here) to be the way she is reached. Her LINE userId never leaves this service; staff see only "LINE".
     */
    private Uni<Void> organisationReadsAndLineLinked(String requester, NewRequest request) {
        Uni<Boolean> lineLinked = "line".equals(request.channel())
                ? (line.available()
                        ? LineLink.<LineLink>findById(requester).map(link -> link != null && link.linked())
                        : Uni.createFrom().item(false))
                : Uni.createFrom().item(true);
        return organisations
                .accepting(request.organisationId())
                .flatMap(accepting -> lineLinked.flatMap(linked -> {
                    List<FieldViolation> problems = new ArrayList<>();
                    if (!accepting) {
                        problems.add(new FieldViolation(
                                "organisationId",
                                "choose one of the organisations listed at /api/notifications/organisations that read requests now",
                                "not-accepting"));
                    }
                    if (!linked) {
                        problems.add(new FieldViolation(
                                "channel",
                                "LINE is not linked to your account: link it in your settings first, or choose another way",
                                "line-not-linked"));
                    }
                    return problems.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : Uni.createFrom().failure(Refusal.invalidFields(problems));
                }));
    }

    @WithSession
    public Uni<List<View>> mine(String requester) {
        return TalkRequest.<TalkRequest>list("requester = ?1 order by createdAt desc", requester)
                .map(rows -> rows.stream().map(View::of).toList());
    }

    /** Deleted at once, note and number with it; staff see nothing of it afterwards. */
    @WithTransaction
    public Uni<Void> withdraw(String requester, UUID id) {
        return TalkRequest.delete("id = ?1 and requester = ?2", id, requester)
                .flatMap(deleted -> deleted == 0
                        ? Uni.createFrom().failure(Refusal.notFound("request"))
                        : Uni.createFrom().voidItem());
    }

    // --- consultation staff of one organisation ---

    /** Open and acknowledged requests, oldest first; each listed request is audited as read (the list shows them whole). */
    @WithTransaction
    public Uni<List<View>> open(String organisationId, String actor) {
        return TalkRequest.<TalkRequest>list(
                        "organisationId = ?1 and status <> ?2 order by createdAt", organisationId, TalkRequest.CLOSED)
                .call(rows -> audit(rows.stream().map(r -> r.id).toList(), organisationId, actor, "list"))
                .map(rows -> rows.stream().map(View::of).toList());
    }

    @WithTransaction
    public Uni<View> read(String organisationId, String actor, UUID id) {
        return ofOrganisation(organisationId, id, false)
                .call(row -> audit(List.of(row.id), organisationId, actor, "read"))
                .map(View::of);
    }

    /**
     * She is told, in words that say nothing about consultation, through the channel she chose (the in-app inbox
     * always; e-mail too when she chose e-mail, LINE when she chose LINE, each sent by its sender outside her quiet
     * hours). Acknowledging twice tells her once.
     */
    @WithTransaction
    public Uni<View> acknowledge(String organisationId, String actor, UUID id) {
        return ofOrganisation(organisationId, id, true).flatMap(row -> {
            if (TalkRequest.CLOSED.equals(row.status)) {
                return Uni.createFrom()
                        .failure(Refusal.conflict("talk-request-closed", "This request is closed already."));
            }
            Uni<Void> told = Uni.createFrom().voidItem();
            if (TalkRequest.OPEN.equals(row.status)) {
                row.status = TalkRequest.ACKNOWLEDGED;
                row.acknowledgedAt = OffsetDateTime.now(clock);
                told = notifier.notify(
                                Notifier.Notice.of(
                                        MessageKind.TALK_ACKNOWLEDGED,
                                        row.requester,
                                        null,
                                        null,
                                        "talk-acknowledged:" + row.id),
                                reachOf(row.channel))
                        .replaceWithVoid();
            }
            return told.call(() -> audit(List.of(row.id), organisationId, actor, "acknowledge"))
                    .map(ignored -> View.of(row));
        });
    }

    /** Only the way she chose for this request, besides her inbox: e-mail or LINE, never both, never unasked. */
    static Notifier.Reach reachOf(String channel) {
        return switch (channel) {
            case "email" -> Notifier.Reach.EMAIL;
            case "line" -> Notifier.Reach.LINE;
            default -> Notifier.Reach.INBOX_ONLY;
        };
    }

    @WithTransaction
    public Uni<View> close(String organisationId, String actor, UUID id) {
        return ofOrganisation(organisationId, id, true).flatMap(row -> {
            if (!TalkRequest.CLOSED.equals(row.status)) {
                row.status = TalkRequest.CLOSED;
                row.closedAt = OffsetDateTime.now(clock);
            }
            return audit(List.of(row.id), organisationId, actor, "close").map(ignored -> View.of(row));
        });
    }

    private static Uni<TalkRequest> ofOrganisation(String organisationId, UUID id, boolean lock) {
        if (organisationId == null || organisationId.isBlank()) {
            return Uni.createFrom().failure(Refusal.notFound("request"));
        }
        var query = TalkRequest.<TalkRequest>find("id = ?1 and organisationId = ?2", id, organisationId);
        if (lock) {
            query = query.withLock(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.<TalkRequest>firstResult().onItem().ifNull().failWith(() -> Refusal.notFound("request"));
    }

    private Uni<Void> audit(List<UUID> requestIds, String organisationId, String actor, String action) {
        if (requestIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return TalkRequestAudit.record(requestIds, organisationId, actor, action, now);
    }

    /** Every broken rule at once, so the form can show them together. */
    static List<FieldViolation> problems(NewRequest request) {
        List<FieldViolation> problems = new ArrayList<>();
        if (request.organisationId() == null || !request.organisationId().matches("[a-z0-9][a-z0-9-]{0,63}")) {
            problems.add(new FieldViolation("organisationId", "choose an organisation", "required"));
        }
        if (request.channel() == null || !CHANNELS.contains(request.channel())) {
            problems.add(
                    new FieldViolation("channel", "must be one of in-app, email, line, in-person, callback", "choice"));
        }
        boolean callback = "callback".equals(request.channel());
        // ０９０－１２３４－５６７８ from a phone keyboard is a good number too
        String phone = TypedInput.plain(request.callbackPhone());
        if (callback && (phone == null || !phone.matches("\\+?[0-9][0-9 -]{8,18}[0-9]"))) {
            problems.add(new FieldViolation(
                    "callbackPhone", "a phone number of 10 to 20 digits (spaces and hyphens allowed)", "pattern"));
        }
        if (!callback && phone != null) {
            problems.add(new FieldViolation(
                    "callbackPhone", "only with the way callback: otherwise no number is kept", "not-allowed"));
        }
        if (request.timeWindow() == null || !TIME_WINDOWS.contains(request.timeWindow())) {
            problems.add(new FieldViolation(
                    "timeWindow", "must be one of weekday-daytime, weekday-evening, weekend, specific-days", "choice"));
        }
        List<String> days = request.days() == null ? List.of() : request.days();
        if ("specific-days".equals(request.timeWindow()) && days.isEmpty()) {
            problems.add(new FieldViolation("days", "choose at least one day", "required"));
        }
        if (!days.stream().allMatch(DAYS::contains)) {
            problems.add(new FieldViolation("days", "days are MON, TUE, WED, THU, FRI, SAT, SUN", "choice"));
        }
        if (request.note() != null && request.note().strip().length() > MAX_NOTE) {
            problems.add(new FieldViolation("note", "at most " + MAX_NOTE + " characters", "size"));
        }
        return problems;
    }

    private static List<String> sortedDays(List<String> days) {
        return Arrays.stream(DAYS.toArray(String[]::new)).filter(days::contains).toList();
    }
}
