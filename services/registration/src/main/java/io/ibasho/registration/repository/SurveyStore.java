package io.ibasho.registration.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The anonymous survey's tables (V18__survey.sql): invitations, the only rows that name a registration; answers,
 * which keep the token's hash, the session and the day but nothing that links back to her; and each organisation's
 * own questions.
 */
public final class SurveyStore {
    private SurveyStore() {}

    /** An open invitation with the organisation whose questions it asks. */
    public record OpenInvitation(String token, UUID registrationId, UUID sessionId, String organisationId) {}

    /** What an answer is filed under: the session and its organisation. */
    public record Invited(UUID sessionId, String organisationId) {}

    /** One of an organisation's own questions, in its position. */
    public record QuestionRow(String key, String textJa, String textEn, String kind) {}

    /** An answer as stored: no registration, no account. */
    public record AnswerRow(
            String tokenHash,
            UUID sessionId,
            String organisationId,
            LocalDate answeredOn,
            Integer satisfaction,
            Boolean comeAgain,
            String extraJson) {}

    /** Invites the registration unless it is invited already. */
    public static Uni<Void> invite(String token, UUID registrationId, UUID sessionId, OffsetDateTime now) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "insert into survey_invitation (token, registration_id, session_id, created_at) "
                                        + "values (:token, :registration, :session, :now) on conflict (registration_id) do nothing")
                        .setParameter("token", token)
                        .setParameter("registration", registrationId)
                        .setParameter("session", sessionId)
                        .setParameter("now", now)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public static Uni<Void> withdrawInvitation(UUID registrationId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("delete from survey_invitation where registration_id = :registration")
                        .setParameter("registration", registrationId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Her open invitations, the oldest first. */
    public static Uni<List<OpenInvitation>> openInvitations(String attendeeId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select i.token, i.registration_id, i.session_id, c.organisation_id from survey_invitation i "
                                        + "join registration r on r.id = i.registration_id "
                                        + "join session_copy c on c.id = i.session_id "
                                        + "where r.attendee_id = :me order by i.created_at",
                                Object[].class)
                        .setParameter("me", attendeeId)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new OpenInvitation((String) row[0], (UUID) row[1], (UUID) row[2], (String) row[3]))
                        .toList());
    }

    /** Her invitation with this token, locked; null when answered already or not hers. */
    public static Uni<Invited> lockInvitation(String token, String attendeeId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select i.session_id, c.organisation_id from survey_invitation i "
                                        + "join registration r on r.id = i.registration_id "
                                        + "join session_copy c on c.id = i.session_id "
                                        + "where i.token = :token and r.attendee_id = :me for update of i",
                                Object[].class)
                        .setParameter("token", token)
                        .setParameter("me", attendeeId)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : new Invited((UUID) rows.get(0)[0], (String) rows.get(0)[1]));
    }

    /** Deletes the invitation and stores the answer in its place, in the caller's transaction. */
    public static Uni<Void> replaceInvitationWithAnswer(String token, AnswerRow answer) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("delete from survey_invitation where token = :token")
                        .setParameter("token", token)
                        .executeUpdate()
                        .flatMap(ignored -> s.createNativeQuery(
                                        "insert into survey_answer (id, token_hash, session_id, organisation_id, "
                                                + "answered_on, satisfaction, come_again, extra) values "
                                                + "(:id, :hash, :session, :org, :day, :satisfaction, :again, :extra)")
                                .setParameter("id", UUID.randomUUID())
                                .setParameter("hash", answer.tokenHash())
                                .setParameter("session", answer.sessionId())
                                .setParameter("org", answer.organisationId())
                                .setParameter("day", answer.answeredOn())
                                .setParameter("satisfaction", answer.satisfaction())
                                .setParameter("again", answer.comeAgain())
                                .setParameter("extra", answer.extraJson())
                                .executeUpdate()))
                .replaceWithVoid();
    }

    public static Uni<List<QuestionRow>> questions(String organisationId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select key, text_ja, text_en, kind from survey_question where organisation_id = :org "
                                        + "order by position",
                                Object[].class)
                        .setParameter("org", organisationId)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new QuestionRow((String) row[0], (String) row[1], (String) row[2], (String) row[3]))
                        .toList());
    }

    /** Replaces the organisation's own questions, positioned in the given order. */
    public static Uni<Void> replaceQuestions(String organisationId, List<QuestionRow> questions) {
        Uni<Integer> all = Panache.getSession()
                .flatMap(s -> s.createNativeQuery("delete from survey_question where organisation_id = :org")
                        .setParameter("org", organisationId)
                        .executeUpdate());
        for (int i = 0; i < questions.size(); i++) {
            QuestionRow q = questions.get(i);
            int position = i;
            all = all.flatMap(ignored -> Panache.getSession()
                    .flatMap(s -> s.createNativeQuery(
                                    "insert into survey_question (organisation_id, key, position, text_ja, text_en, kind) "
                                            + "values (:org, :key, :position, :ja, :en, :kind)")
                            .setParameter("org", organisationId)
                            .setParameter("key", q.key())
                            .setParameter("position", position)
                            .setParameter("ja", q.textJa())
                            .setParameter("en", q.textEn())
                            .setParameter("kind", q.kind())
                            .executeUpdate()));
        }
        return all.replaceWithVoid();
    }
}
