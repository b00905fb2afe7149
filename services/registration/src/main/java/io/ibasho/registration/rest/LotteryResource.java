package io.ibasho.registration.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ibasho.registration.idempotency.IdempotencyKey;
import io.ibasho.registration.idempotency.IdempotencyService;
import io.ibasho.registration.lottery.DrawPreview;
import io.ibasho.registration.lottery.LotteryVerifier;
import io.ibasho.registration.lottery.PublishedDraw;
import io.ibasho.registration.lottery.RankedApplicant;
import io.ibasho.registration.lottery.VerificationResult;
import io.ibasho.registration.mapping.RegistrationMapper;
import io.ibasho.registration.service.LotteryService;
import io.ibasho.registration.service.LotteryService.DrawSummary;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestHeader;

/** Lottery sessions (抽選): apply, see the policy and commitment, draw, check a published draw. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class LotteryResource {
    private final LotteryService lottery;
    private final JsonWebToken token;
    private final IdempotentPosts posts;

    public LotteryResource(
            LotteryService lottery,
            IdempotencyService idempotency,
            JsonWebToken token,
            ObjectMapper json,
            UriInfo uri,
            HttpHeaders headers) {
        this.lottery = lottery;
        this.token = token;
        this.posts = new IdempotentPosts(idempotency, token, json, uri, headers);
    }

    /**
     * Her application: a nickname, if the policy has priority tiers the tier she declares (index, 0 = first), and if
     * she needs 託児 her children's ages (never names; the same rules as a booking).
     */
    public record ApplicationRequest(
            @NotBlank(message = "nickname is required: any name you like, it need not be your real name")
            @Size(max = 40, message = "nickname is at most 40 characters")
            @Pattern.List({
                @Pattern(
                        regexp = "[^<>\\p{Cntrl}\\p{Cf}]*",
                        message =
                                "nickname must not contain < >, control characters or invisible formatting characters "
                                        + "(zero-width or direction marks)"),
                @Pattern(
                        regexp = "(?s)(|.*[^\\s\\p{Z}].*)",
                        message = "nickname must contain a visible character, not only spaces")
            })
            String nickname,

            @Min(value = 0, message = "priorityTier is 0 or more")
            @Max(value = 20, message = "priorityTier is at most 20")
            Integer priorityTier,

            @Size(max = 6, message = "childcare can be asked for at most 6 children per application")
            List<
                            @NotNull(message = "each child's age is a number from 0 to 17")
                            @Min(value = 0, message = "each child's age is a number from 0 to 17")
                            @Max(value = 17, message = "each child's age is a number from 0 to 17") Integer>
                    childrenAges) {

        public ApplicationRequest {
            childrenAges = childrenAges == null ? List.of() : List.copyOf(childrenAges);
        }
    }

    /** @param confirmationHours hours a winner has to confirm; 0 when confirmationRequired is false */
    public record PolicyView(
            int seats,
            List<String> priorityTiers,
            boolean oneWinPerMonth,
            boolean childcareRequiredToWin,
            boolean confirmationRequired,
            int confirmationHours) {}

    /**
     * What everyone sees, signed in or not, from the moment the session is known: the application window, the frozen
     * rules and the seed's commitment; the seed is never in it, nor how many applied so far (docs/adr/0086). From the
     * closing on, {@code inputDigest} and {@code applications} are the set drawn (recorded at the closing, in the draw's
     * transaction) and
     * {@code drawnAt} when. After the draw: {@code allocation} ALLOCATING while childcare is being asked in drawn
     * order, DONE once every seat is decided (then the published draw is at {@code .../lottery/published});
     * {@code firstComeOpen} once the reserve list is exhausted and the seats left over can be booked first-come.
     */
    public record LotteryView(
            UUID sessionId,
            OffsetDateTime applicationOpensAt,
            OffsetDateTime applicationClosesAt,
            String commitment,
            boolean drawn,
            Integer applications,
            String inputDigest,
            OffsetDateTime drawnAt,
            PolicyView policy,
            String allocation,
            boolean firstComeOpen) {}

    public record PreviewView(String notice, List<UUID> provisionalWinners, List<UUID> provisionalReserve) {}

    @POST
    @Path("/sessions/{sessionId}/applications")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("attendee")
    @Operation(summary = "Apply to a lottery session before applications close")
    public Uni<Response> apply(
            @PathParam("sessionId") UUID sessionId,
            @RestHeader(IdempotencyKey.HEADER) String key,
            @NotNull(message = "a JSON body with your nickname is required") @Valid ApplicationRequest request) {
        return posts.once(
                key,
                request,
                () -> lottery.apply(
                                sessionId,
                                token.getSubject(),
                                request.nickname().strip(),
                                request.priorityTier(),
                                request.childrenAges())
                        .map(applied -> posts.answer(
                                201, RegistrationMapper.toView(applied), "/api/registrations/mine/" + applied.id)));
    }

    @GET
    @Path("/sessions/{sessionId}/lottery")
    @PermitAll
    @Operation(
            summary =
                    "Public, no token: the lottery's window, frozen rules and seed commitment before she applies (never "
                            + "how many applied so far); the closing's input digest and number of applications as soon"
                            + " as it has closed")
    public Uni<LotteryView> info(@PathParam("sessionId") UUID sessionId) {
        return lottery.info(sessionId)
                .map(info -> new LotteryView(
                        info.session().id,
                        info.session().applicationOpensAt,
                        info.session().applicationClosesAt,
                        info.commitment(),
                        info.drawn(),
                        info.applications(),
                        info.closing() == null ? null : info.closing().inputDigest(),
                        info.closing() == null ? null : info.closing().drawnAt(),
                        new PolicyView(
                                info.policy().seats(),
                                info.policy().priorityTiers(),
                                info.policy().oneWinPerMonth(),
                                info.policy().childcareRequiredToWin(),
                                info.policy().confirmationRequired(),
                                info.policy().confirmationHours()),
                        info.allocation() == null
                                ? null
                                : info.allocation().status().name(),
                        info.allocation() != null && info.allocation().firstComeOpen()));
    }

    @GET
    @Path("/sessions/{sessionId}/lottery/preview")
    @RolesAllowed("organiser")
    @Operation(summary = "Organiser: a dry run with a throwaway seed (not the real one, which stays secret)")
    public Uni<PreviewView> preview(@PathParam("sessionId") UUID sessionId) {
        return lottery.preview(sessionId, organisation()).map(LotteryResource::toView);
    }

    @POST
    @Path("/sessions/{sessionId}/lottery/draw")
    @RolesAllowed("organiser")
    @Operation(
            summary =
                    "Organiser: draw now, once applications have closed (409 applications-still-open before the deadline, "
                            + "409 already-drawn afterwards: exactly once). The order is fixed at once; allocation ALLOCATING means childcare is "
                            + "still being asked in drawn order")
    public Uni<Response> draw(@PathParam("sessionId") UUID sessionId, @RestHeader(IdempotencyKey.HEADER) String key) {
        return posts.once(
                key,
                null,
                () -> lottery.drawByHand(sessionId, organisation(), token.getSubject())
                        .map(summary -> posts.answer(200, summary, null)));
    }

    @GET
    @Path("/sessions/{sessionId}/lottery/draw")
    @RolesAllowed("organiser")
    @Operation(
            summary =
                    "Organiser: the draw's audit record (who drew and when, commitment, seed, input digest, how far the "
                            + "allocation is); 404 not-drawn before the draw")
    public Uni<DrawSummary> drawRecord(@PathParam("sessionId") UUID sessionId) {
        return lottery.drawRecord(sessionId, organisation());
    }

    @GET
    @Path("/sessions/{sessionId}/lottery/published")
    @PermitAll
    @Operation(
            summary =
                    "Public, no token: the published draw (session, times, rules, commitment, seed, applications by id, "
                            + "order, childcare answers, result; no personal data) for anyone to recompute; 409 allocating "
                            + "while childcare is still being asked")
    public Uni<Response> published(@PathParam("sessionId") UUID sessionId) {
        return lottery.published(sessionId)
                .map(body -> Response.ok(body, MediaType.APPLICATION_JSON).build());
    }

    @POST
    @Path("/lottery/verify")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recompute a published draw from its own data (the same check as the LotteryVerifier command)")
    public VerificationResult verify(String publishedJson) {
        // Always a verdict, like the command line: a body that is not a published draw is the FORMAT check failing
        PublishedDraw published;
        try {
            published = PublishedDraw.fromJson(publishedJson == null ? "" : publishedJson);
        } catch (RuntimeException e) {
            return VerificationResult.mismatch(
                    VerificationResult.Check.FORMAT, "not a published draw: " + e.getMessage());
        }
        return LotteryVerifier.verify(published);
    }

    private static PreviewView toView(DrawPreview preview) {
        return new PreviewView(
                preview.notice(),
                preview.provisionalOutcome().winnerIds(),
                preview.provisionalOutcome().reserveIds());
    }

    private String organisation() {
        Object org = token.getClaim("org");
        return org == null ? null : org.toString().replace("\"", "");
    }

    static List<UUID> ids(List<RankedApplicant> applicants) {
        return applicants.stream().map(RankedApplicant::applicationId).toList();
    }
}
