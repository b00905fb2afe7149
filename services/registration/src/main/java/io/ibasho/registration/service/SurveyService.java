package io.ibasho.registration.service;

import io.ibasho.plumbing.refusal.FieldViolation;
import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.registration.Registration;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The anonymous satisfaction survey (issue #18): after a session she attended, one answer per attendance through a
 * one-time token. Answering deletes the invitation (the only row that names her registration) and stores the answer
 * with the token's hash, the session and the day: nothing that links it back to her (V18__survey.sql).
 */
@ApplicationScoped
public class SurveyService {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Questions an organisation may add beside the two every survey asks. */
    public static final int MAX_QUESTIONS = 5;

    private final Clock clock;

    public SurveyService(Clock clock) {
        this.clock = clock;
    }

    public record Question(String key, String textJa, String textEn, String kind) {}

    /** An open invitation of hers: the token is hers to use once. */
    public record Invitation(String token, UUID registrationId, UUID sessionId, List<Question> questions) {}

    /** Her answer; {@code extra} by question key: 1-5 for SCALE, 0 or 1 for YES_NO. */
    public record Answer(Integer satisfaction, Boolean comeAgain, Map<String, Integer> extra) {}

    static Uni<Void> invite(Registration registration, OffsetDateTime now) {
        byte[] token = new byte[24];
        RANDOM.nextBytes(token);
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "insert into survey_invitation (token, registration_id, session_id, created_at) "
                                        + "values (:token, :registration, :session, :now) on conflict (registration_id) do nothing")
                        .setParameter(
                                "token", Base64.getUrlEncoder().withoutPadding().encodeToString(token))
                        .setParameter("registration", registration.id)
                        .setParameter("session", registration.sessionId)
                        .setParameter("now", now)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Attendance corrected to a no-show: no survey for a session she did not attend. */
    static Uni<Void> withdrawInvitation(Registration registration) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("delete from survey_invitation where registration_id = :registration")
                        .setParameter("registration", registration.id)
                        .executeUpdate())
                .replaceWithVoid();
    }

    @WithSession
    public Uni<List<Invitation>> open(String attendeeId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select i.token, i.registration_id, i.session_id, c.organisation_id from survey_invitation i "
                                        + "join registration r on r.id = i.registration_id "
                                        + "join session_copy c on c.id = i.session_id "
                                        + "where r.attendee_id = :me order by i.created_at",
                                Object[].class)
                        .setParameter("me", attendeeId)
                        .getResultList())
                .flatMap(rows -> {
                    Uni<List<Invitation>> all = Uni.createFrom().item(new ArrayList<>());
                    for (Object[] row : rows) {
                        all = all.flatMap(list -> questions((String) row[3]).map(questions -> {
                            list.add(new Invitation((String) row[0], (UUID) row[1], (UUID) row[2], questions));
                            return list;
                        }));
                    }
                    return all;
                });
    }

    @WithTransaction
    public Uni<Void> answer(String attendeeId, String token, Answer answer) {
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
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        // answered already, or not hers: the same answer either way
                        return Uni.createFrom().failure(Refusal.notFound("survey invitation"));
                    }
                    UUID sessionId = (UUID) rows.get(0)[0];
                    String organisationId = (String) rows.get(0)[1];
                    return questions(organisationId).flatMap(questions -> {
                        String extra = checked(answer, questions);
                        return Panache.getSession()
                                .flatMap(s -> s.createNativeQuery("delete from survey_invitation where token = :token")
                                        .setParameter("token", token)
                                        .executeUpdate()
                                        .flatMap(ignored -> s.createNativeQuery(
                                                        "insert into survey_answer (id, token_hash, session_id, organisation_id, "
                                                                + "answered_on, satisfaction, come_again, extra) values "
                                                                + "(:id, :hash, :session, :org, :day, :satisfaction, :again, :extra)")
                                                .setParameter("id", UUID.randomUUID())
                                                .setParameter("hash", sha256(token))
                                                .setParameter("session", sessionId)
                                                .setParameter("org", organisationId)
                                                .setParameter(
                                                        "day",
                                                        LocalDate.ofInstant(clock.instant(), ReportService.TOKYO))
                                                .setParameter("satisfaction", answer.satisfaction())
                                                .setParameter("again", answer.comeAgain())
                                                .setParameter("extra", extra)
                                                .executeUpdate()))
                                .replaceWithVoid();
                    });
                });
    }

    /** The answer's extra part as JSON of numbers, or a refusal naming every field to fix. */
    private static String checked(Answer answer, List<Question> questions) {
        List<FieldViolation> violations = new ArrayList<>();
        if (answer.satisfaction() == null || answer.satisfaction() < 1 || answer.satisfaction() > 5) {
            violations.add(new FieldViolation("satisfaction", "choose 1 (not at all) to 5 (very satisfied)", "SCALE"));
        }
        if (answer.comeAgain() == null) {
            violations.add(new FieldViolation("comeAgain", "answer yes or no", "YES_NO"));
        }
        Map<String, Integer> extra = answer.extra() == null ? Map.of() : answer.extra();
        Map<String, Integer> kept = new LinkedHashMap<>();
        extra.forEach((key, value) -> {
            Question question = questions.stream()
                    .filter(q -> q.key().equals(key))
                    .findFirst()
                    .orElse(null);
            if (question == null) {
                violations.add(new FieldViolation("extra." + key, "not a question of this survey", "UNKNOWN_QUESTION"));
            } else if (value != null) {
                int max = "SCALE".equals(question.kind()) ? 5 : 1;
                int min = "SCALE".equals(question.kind()) ? 1 : 0;
                if (value < min || value > max) {
                    violations.add(
                            new FieldViolation("extra." + key, "a number from " + min + " to " + max, question.kind()));
                } else {
                    kept.put(key, value);
                }
            }
        });
        if (!violations.isEmpty()) {
            throw Refusal.invalidFields(violations);
        }
        StringBuilder json = new StringBuilder("{");
        kept.forEach((key, value) -> json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(key)
                .append("\":")
                .append(value));
        return json.append('}').toString();
    }

    @WithSession
    public Uni<List<Question>> questionsOf(String organisationId) {
        return questions(organisationId);
    }

    private static Uni<List<Question>> questions(String organisationId) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery(
                                "select key, text_ja, text_en, kind from survey_question where organisation_id = :org "
                                        + "order by position",
                                Object[].class)
                        .setParameter("org", organisationId)
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new Question((String) row[0], (String) row[1], (String) row[2], (String) row[3]))
                        .toList());
    }

    /** Replaces the organisation's own questions (answers already given keep their numbers). */
    @WithTransaction
    public Uni<List<Question>> setQuestions(String organisationId, List<Question> questions) {
        Uni<Integer> all = Panache.getSession()
                .flatMap(s -> s.createNativeQuery("delete from survey_question where organisation_id = :org")
                        .setParameter("org", organisationId)
                        .executeUpdate());
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            int position = i;
            all = all.flatMap(ignored -> Panache.getSession().flatMap(s -> s.createNativeQuery(
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
        return all.flatMap(ignored -> questions(organisationId));
    }

    static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
