package io.ibasho.childcarebooking.service;

import io.ibasho.childcarebooking.ConsentRecord;
import io.ibasho.childcarebooking.repository.ChildDetails;
import io.ibasho.plumbing.refusal.FieldViolation;
import io.ibasho.plumbing.refusal.Refusal;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Her consent to storing her children's nicknames and care notes (issue #18): recorded when a form that showed the
 * wording sends its language along with the notes, withdrawn from her data page. Withdrawing deletes every nickname and
 * note she gave; after it, notes are taken again only with a fresh consent, so an old page or client cannot quietly
 * start storing them again.
 */
@ApplicationScoped
public class Consents {
    private final Clock clock;

    public Consents(Clock clock) {
        this.clock = clock;
    }

    /** What a withdrawal did: how many records it closed and how many children's nicknames or notes it deleted. */
    public record Withdrawal(String purpose, int records, int childrenCleared, OffsetDateTime withdrawnAt) {}

    /**
     * Inside the caller's transaction, before notes are stored: records her consent in the language the form showed
     * the wording in ({@code ja}/{@code en}). Nicknames or notes without that language are refused (a clear 400 on the
     * field), so nothing is ever stored without a consent on record, also after she withdrew one.
     */
    public Uni<Void> beforeNotes(String attendeeId, String consentLanguage, boolean storesNotes) {
        if (consentLanguage != null) {
            return given(attendeeId, consentLanguage);
        }
        if (!storesNotes) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom()
                .failure(Refusal.invalidFields(List.of(new FieldViolation(
                        "consentLanguage",
                        "required with children's nicknames or care notes: the language (ja or en) the form showed"
                                + " the consent wording in"))));
    }

    /** A new record unless one for the same wording and language is still in force (a second save adds nothing). */
    private Uni<Void> given(String attendeeId, String language) {
        return ConsentRecord.count(
                        "attendeeId = ?1 and purpose = ?2 and wordingVersion = ?3 and language = ?4"
                                + " and withdrawnAt is null",
                        attendeeId,
                        ConsentWording.CHILDCARE_NOTES,
                        ConsentWording.CURRENT_VERSION,
                        language)
                .flatMap(inForce -> {
                    if (inForce > 0) {
                        return Uni.createFrom().voidItem();
                    }
                    ConsentRecord record = new ConsentRecord();
                    record.id = UUID.randomUUID();
                    record.attendeeId = attendeeId;
                    record.purpose = ConsentWording.CHILDCARE_NOTES;
                    record.language = language;
                    record.wordingVersion = ConsentWording.CURRENT_VERSION;
                    record.givenAt = OffsetDateTime.now(clock);
                    return record.persist().replaceWithVoid();
                });
    }

    /** Closes her records for the purpose and deletes every child's nickname and notes of hers; idempotent. */
    @WithTransaction
    public Uni<Withdrawal> withdraw(String attendeeId, String purpose) {
        if (!ConsentWording.CHILDCARE_NOTES.equals(purpose)) {
            return Uni.createFrom().failure(Refusal.notFound("consent"));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return ConsentRecord.update(
                        "withdrawnAt = ?1 where attendeeId = ?2 and purpose = ?3 and withdrawnAt is null",
                        now,
                        attendeeId,
                        purpose)
                .flatMap(records -> ChildDetails.clearAllOf(attendeeId, now)
                        .map(cleared -> new Withdrawal(purpose, records, cleared, now)));
    }
}
