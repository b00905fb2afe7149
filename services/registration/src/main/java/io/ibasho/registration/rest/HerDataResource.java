package io.ibasho.registration.rest;

import io.ibasho.plumbing.refusal.Refusal;
import io.ibasho.registration.config.ErasureConfig;
import io.ibasho.registration.mapping.HerRegistrationData;
import io.ibasho.registration.service.BookingService;
import io.ibasho.registration.service.SubjectErasure;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Her data (issue #18): what this service holds about her, and the erasure of her account's data, which starts the
 * {@code SubjectErased} event every other service acts on. Only ever her own: the subject is the token's.
 */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("attendee")
public class HerDataResource {
    /** The word her request must carry, so that no stray or replayed POST deletes an account. */
    public static final String CONFIRMATION = "ERASE";

    private final BookingService bookings;
    private final SubjectErasure erasure;
    private final JsonWebToken token;
    private final ErasureConfig config;
    private final Clock clock;

    public HerDataResource(
            BookingService bookings, SubjectErasure erasure, JsonWebToken token, ErasureConfig config, Clock clock) {
        this.bookings = bookings;
        this.erasure = erasure;
        this.token = token;
        this.config = config;
        this.clock = clock;
    }

    /** The confirmation her erasure request carries. */
    public record ErasureRequest(String confirm) {}

    @GET
    @Path("/data")
    @Operation(summary = "Everything this service holds about her (her data export)")
    public Uni<HerRegistrationData> data() {
        String me = token.getSubject();
        return bookings.mine(me)
                .flatMap(registrations -> bookings.sessionsOf(registrations)
                        .map(sessions -> HerRegistrationData.of(registrations, sessions)));
    }

    @POST
    @Path("/erasure")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Erase her data everywhere: needs a sign-in within the last minutes and the confirmation word;"
                    + " answers what was erased here (counts) and emits SubjectErased")
    public Uni<SubjectErasure.Receipt> erase(ErasureRequest request) {
        if (request == null || !CONFIRMATION.equals(request.confirm())) {
            return Uni.createFrom()
                    .failure(Refusal.invalid(
                            "erasure-not-confirmed",
                            "Deleting an account cannot be undone: send {\"confirm\": \"" + CONFIRMATION
                                    + "\"} to confirm."));
        }
        if (!recentlySignedIn()) {
            return Uni.createFrom()
                    .failure(Refusal.forbidden(
                            "reauthentication-required",
                            "Sign in again (with your password) and delete within "
                                    + config.maxSignInAge().toMinutes() + " minutes."));
        }
        return erasure.erase(token.getSubject());
    }

    /** A phone left signed in must not be enough to delete her account: the sign-in itself must be recent. */
    private boolean recentlySignedIn() {
        Object authTime = token.getClaim("auth_time");
        long seconds;
        if (authTime instanceof Number n) {
            seconds = n.longValue();
        } else if (authTime instanceof jakarta.json.JsonNumber n) {
            seconds = n.longValue();
        } else if (authTime != null && authTime.toString().matches("\\d{1,12}")) {
            seconds = Long.parseLong(authTime.toString());
        } else {
            return false;
        }
        return !Instant.ofEpochSecond(seconds).isBefore(clock.instant().minus(config.maxSignInAge()));
    }
}
