package io.ibasho.notification.service;

import io.ibasho.notification.TalkOrganisation;
import io.ibasho.plumbing.refusal.FieldViolation;
import io.ibasho.plumbing.refusal.Refusal;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The organisations a woman can ask to talk to, by public name. Only an organisation's consultation staff describe it
 * and say whether they read requests now ({@code accepting}); so only organisations with consultation staff are ever
 * offered, and staff can pause (a holiday, no one on duty) without losing the requests already sent.
 */
@ApplicationScoped
public class TalkOrganisations {
    /** Long enough for 「特定非営利活動法人 〇〇〇〇女性支援ネットワーク」. */
    public static final int MAX_NAME = 80;

    /** What the public list and the staff's form show: the id is what a request carries, the names what she reads. */
    public record Listed(String id, String nameJa, String nameEn, boolean acceptsRequests) {
        static Listed of(TalkOrganisation o) {
            return new Listed(o.organisationId, o.nameJa, o.nameEn, o.accepting);
        }
    }

    /** What consultation staff give: the public names, and whether requests are read now. */
    public record Description(String nameJa, String nameEn, Boolean accepting) {}

    private final Clock clock;

    public TalkOrganisations(Clock clock) {
        this.clock = clock;
    }

    /** Every described organisation, accepting or not, in Japanese name order (the places-to-turn-to page names them all). */
    @WithSession
    public Uni<List<Listed>> listed() {
        return TalkOrganisation.<TalkOrganisation>list("order by nameJa, organisationId")
                .map(rows -> rows.stream().map(Listed::of).toList());
    }

    /** Whether a request to this organisation would be read: described by its staff and accepting. */
    public Uni<Boolean> accepting(String organisationId) {
        return TalkOrganisation.<TalkOrganisation>findById(organisationId).map(o -> o != null && o.accepting);
    }

    /** The staff's own organisation; not yet described answers empty names and not accepting. */
    @WithSession
    public Uni<Listed> own(String organisationId) {
        if (organisationId == null || organisationId.isBlank()) {
            return Uni.createFrom().failure(Refusal.notFound("organisation"));
        }
        return TalkOrganisation.<TalkOrganisation>findById(organisationId)
                .map(o -> o == null ? new Listed(organisationId, null, null, false) : Listed.of(o));
    }

    @WithTransaction
    public Uni<Listed> describe(String organisationId, String actor, Description description) {
        if (organisationId == null || organisationId.isBlank()) {
            return Uni.createFrom().failure(Refusal.notFound("organisation"));
        }
        List<FieldViolation> problems = problems(description);
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(Refusal.invalidFields(problems));
        }
        return TalkOrganisation.<TalkOrganisation>findById(organisationId).flatMap(found -> {
            TalkOrganisation row = found != null ? found : new TalkOrganisation();
            row.organisationId = organisationId;
            row.nameJa = description.nameJa().strip();
            row.nameEn = description.nameEn() == null || description.nameEn().isBlank()
                    ? null
                    : description.nameEn().strip();
            row.accepting = description.accepting();
            row.updatedAt = OffsetDateTime.now(clock);
            row.updatedBy = actor;
            return (found == null
                            ? row.<TalkOrganisation>persist()
                            : Uni.createFrom().item(row))
                    .map(Listed::of);
        });
    }

    static List<FieldViolation> problems(Description d) {
        List<FieldViolation> problems = new ArrayList<>();
        if (d.nameJa() == null || d.nameJa().isBlank()) {
            problems.add(new FieldViolation("nameJa", "the organisation's public name in Japanese", "required"));
        } else if (d.nameJa().strip().length() > MAX_NAME) {
            problems.add(new FieldViolation("nameJa", "at most " + MAX_NAME + " characters", "size"));
        }
        if (d.nameEn() != null && d.nameEn().strip().length() > MAX_NAME) {
            problems.add(new FieldViolation("nameEn", "at most " + MAX_NAME + " characters", "size"));
        }
        if (d.accepting() == null) {
            problems.add(new FieldViolation(
                    "accepting", "true when your staff read requests to talk now, false to pause", "required"));
        }
        return problems;
    }
}
