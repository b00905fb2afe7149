package io.ibasho.registration.service;

import io.ibasho.plumbing.refusal.FieldViolation;
import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.registration.Registration;
import io.ibasho.registration.repository.SurveyStore;
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
        return SurveyStore.invite(
                Base64.getUrlEncoder().withoutPadding().encodeToString(token),
                registration.id,
                registration.sessionId,
                now);
    }

    /** Attendance corrected to a no-show: no survey for a session she did not attend. */
    static Uni<Void> withdrawInvitation(Registration registration) {
        return SurveyStore.withdrawInvitation(registration.id);
    }

    @WithSession
    public Uni<List<Invitation>> open(String attendeeId) {
        return SurveyStore.openInvitations(attendeeId).flatMap(rows -> {
            Uni<List<Invitation>> all = Uni.createFrom().item(new ArrayList<>());
            for (SurveyStore.OpenInvitation row : rows) {
                all = all.flatMap(list -> questions(row.organisationId()).map(questions -> {
                    list.add(new Invitation(row.token(), row.registrationId(), row.sessionId(), questions));
                    return list;
                }));
            }
            return all;
        });
    }

    @WithTransaction
    public Uni<Void> answer(String attendeeId, String token, Answer answer) {
        return SurveyStore.lockInvitation(token, attendeeId).flatMap(invited -> {
            if (invited == null) {
                // answered already, or not hers: the same answer either way
                return Uni.createFrom().failure(Refusal.notFound("survey invitation"));
            }
            return questions(invited.organisationId()).flatMap(questions -> {
                String extra = checked(answer, questions);
                return SurveyStore.replaceInvitationWithAnswer(
                        token,
                        new SurveyStore.AnswerRow(
                                sha256(token),
                                invited.sessionId(),
                                invited.organisationId(),
                                LocalDate.ofInstant(clock.instant(), ReportService.TOKYO),
                                answer.satisfaction(),
                                answer.comeAgain(),
                                extra));
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
        return SurveyStore.questions(organisationId)
                .map(rows -> rows.stream()
                        .map(row -> new Question(row.key(), row.textJa(), row.textEn(), row.kind()))
                        .toList());
    }

    /** Replaces the organisation's own questions (answers already given keep their numbers). */
    @WithTransaction
    public Uni<List<Question>> setQuestions(String organisationId, List<Question> questions) {
        return SurveyStore.replaceQuestions(
                        organisationId,
                        questions.stream()
                                .map(q -> new SurveyStore.QuestionRow(q.key(), q.textJa(), q.textEn(), q.kind()))
                                .toList())
                .flatMap(ignored -> questions(organisationId));
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
