package io.ibasho.notification.rest;

import io.ibasho.notification.config.NotificationConfig;
import io.ibasho.notification.service.LineChannel;
import io.ibasho.notification.service.PreferenceService;
import io.ibasho.plumbing.refusal.Refusal;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Her LINE link (docs/notifications.md, "LINE"): its state, a one-time code to link, and unlinking. */
@Path("/line")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("attendee")
public class LineResource {
    public record LineView(
            boolean available,
            boolean linked,
            OffsetDateTime linkedAt,
            OffsetDateTime codeExpiresAt,
            String friendUrl) {}

    public record CodeView(String code, OffsetDateTime expiresAt, String friendUrl) {}

    private final LineChannel line;
    private final JsonWebToken token;
    private final NotificationConfig config;
    private final Clock clock;
    private final PreferenceService preferences;

    public LineResource(
            LineChannel line,
            JsonWebToken token,
            NotificationConfig config,
            Clock clock,
            PreferenceService preferences) {
        this.preferences = preferences;
        this.line = line;
        this.token = token;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Whether LINE is offered here, and whether her LINE is linked")
    public Uni<LineView> mine() {
        return line.state(token.getSubject())
                .map(state -> new LineView(
                        state.available(), state.linked(), state.linkedAt(), state.codeExpiresAt(), state.friendUrl()));
    }

    @POST
    @Path("/code")
    @Operation(
            summary = "A one-time code (shown once) to send to the official account in LINE; it expires in minutes."
                    + " Needs a recent sign-in, like a new e-mail address (403 reauthentication-required otherwise)")
    public Uni<CodeView> code(
            @QueryParam("consentLanguage") @Pattern(regexp = "ja|en", message = "must be ja or en")
                    String consentLanguage) {
        if (!line.available()) {
            return Uni.createFrom().failure(notOffered());
        }
        Duration maxAge = config.emailVerification().maxSignInAge();
        if (!RecentSignIn.within(token, maxAge, clock.instant())) {
            // Impersonation is the known attack (threat T6): a phone left signed in must not move her messages.
            return Uni.createFrom()
                    .failure(Refusal.forbidden(
                            "reauthentication-required",
                            "Sign in again (with your password) and link LINE within " + maxAge.toMinutes()
                                    + " minutes."));
        }
        // the page showed the consent wording in this language (issue #18); her settings' language when absent
        Uni<String> language = consentLanguage != null
                ? Uni.createFrom().item(consentLanguage)
                : preferences.of(token.getSubject()).map(p -> p.language().tag());
        return language.flatMap(shownIn -> line.newCode(token.getSubject(), shownIn))
                .map(code -> new CodeView(
                        code.code(), code.expiresAt(), config.line().friendUrl().orElse(null)));
    }

    @DELETE
    @Operation(summary = "Unlink LINE: nothing more is pushed there, and queued pushes are withdrawn")
    public Uni<jakarta.ws.rs.core.Response> unlink() {
        return line.unlink(token.getSubject())
                .map(ignored -> jakarta.ws.rs.core.Response.noContent().build());
    }

    static Refusal notOffered() {
        return new Refusal(
                Refusal.Kind.NOT_FOUND, "line-not-offered", "Not found", "This installation does not offer LINE.");
    }
}
