package io.ibasho.registration.rest;

import io.ibasho.plumbing.refusal.FieldViolation;
import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.registration.service.SurveyService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The anonymous survey: her open invitations and her one answer each; the organisation's own questions. */
@Path("/surveys")
@Produces(MediaType.APPLICATION_JSON)
public class SurveyResource {
    private final SurveyService surveys;
    private final JsonWebToken token;

    public SurveyResource(SurveyService surveys, JsonWebToken token) {
        this.surveys = surveys;
        this.token = token;
    }

    public record QuestionsRequest(List<SurveyService.Question> questions) {}

    @GET
    @Path("/mine")
    @RolesAllowed("attendee")
    @Operation(summary = "Her open survey invitations (sessions she attended and has not answered about)")
    public Uni<List<SurveyService.Invitation>> mine() {
        return surveys.open(token.getSubject());
    }

    /**
     * Her answer with the invitation's one-time token beside it. The token travels in the body, never in the path: a
     * path reaches access logs, proxies and spans, and this token is hers alone.
     */
    public record AnswerRequest(String token, Integer satisfaction, Boolean comeAgain, Map<String, Integer> extra) {}

    @POST
    @Path("/answer")
    @RolesAllowed("attendee")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Her one answer to a survey, its one-time token in the body (never in a URL); stored without"
                    + " anything that links it to her")
    public Uni<Response> answer(AnswerRequest request) {
        if (request == null || request.token() == null) {
            throw Refusal.badRequest(
                    "invalid-survey-answer",
                    "a JSON body {\"token\": the invitation's token, \"satisfaction\": 1-5, \"comeAgain\":"
                            + " true|false} is required.");
        }
        if (!request.token().matches("[A-Za-z0-9_-]{20,64}")) {
            throw Refusal.notFound("survey invitation");
        }
        return surveys.answer(
                        token.getSubject(),
                        request.token(),
                        new SurveyService.Answer(request.satisfaction(), request.comeAgain(), request.extra()))
                .map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("/questions")
    @RolesAllowed("organiser")
    @Operation(summary = "Organiser: the organisation's own survey questions (besides satisfaction and come again)")
    public Uni<List<SurveyService.Question>> questions() {
        return surveys.questionsOf(organisation());
    }

    @PUT
    @Path("/questions")
    @RolesAllowed("organiser")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Organiser: replace the organisation's own survey questions (scale 1-5 or yes/no, no free text)")
    public Uni<List<SurveyService.Question>> setQuestions(QuestionsRequest request) {
        List<SurveyService.Question> questions =
                request == null || request.questions() == null ? List.of() : request.questions();
        List<FieldViolation> violations = new ArrayList<>();
        if (questions.size() > SurveyService.MAX_QUESTIONS) {
            violations.add(new FieldViolation(
                    "questions", "at most " + SurveyService.MAX_QUESTIONS + " questions", "TOO_MANY_QUESTIONS"));
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < questions.size(); i++) {
            SurveyService.Question q = questions.get(i);
            String at = "questions[" + i + "]";
            if (q == null || q.key() == null || !q.key().matches("[a-z][a-zA-Z0-9]{0,30}") || !keys.add(q.key())) {
                violations.add(new FieldViolation(
                        at + ".key", "a unique key of letters and digits, starting with a small letter", "KEY"));
            }
            if (q == null
                    || q.textJa() == null
                    || q.textJa().isBlank()
                    || q.textJa().length() > 200) {
                violations.add(
                        new FieldViolation(at + ".textJa", "the question in Japanese, at most 200 characters", "TEXT"));
            }
            if (q != null && q.textEn() != null && q.textEn().length() > 200) {
                violations.add(new FieldViolation(at + ".textEn", "at most 200 characters", "TEXT"));
            }
            if (q == null || !("SCALE".equals(q.kind()) || "YES_NO".equals(q.kind()))) {
                violations.add(new FieldViolation(at + ".kind", "SCALE (1-5) or YES_NO", "KIND"));
            }
        }
        if (!violations.isEmpty()) {
            throw Refusal.invalidFields(violations);
        }
        return surveys.setQuestions(organisation(), questions);
    }

    private String organisation() {
        Object org = token.getClaim("org");
        if (org == null || org.toString().isBlank()) {
            throw Refusal.forbidden("no-organisation", "this account belongs to no organisation.");
        }
        return org.toString().replace("\"", "");
    }
}
