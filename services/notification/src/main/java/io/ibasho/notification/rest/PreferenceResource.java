package io.ibasho.notification.rest;

import io.ibasho.notification.RecipientPreference;
import io.ibasho.notification.config.NotificationConfig;
import io.ibasho.notification.message.Language;
import io.ibasho.notification.service.CodeRequests;
import io.ibasho.notification.service.Notifier;
import io.ibasho.notification.service.PreferenceService;
import io.ibasho.plumbing.refusal.Refusal;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Her own notification settings; keyed by her token's subject, so nobody can read or change anyone else's. */
@Path("/preferences")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("attendee")
public class PreferenceResource {
    public record QuietHoursView(String start, String end, String zone) {}

    /**
     * @param language       the language her messages outside the app are written in: her choice, or Japanese (the
     *                       default) while she has not chosen
     * @param languageChosen whether she chose it (saved her settings); false: {@code language} is only the default, and
     *                       a settings form shows the language she is using instead
     */
    public record PreferencesView(
            String language,
            boolean languageChosen,
            List<String> channels,
            boolean fullDetail,
            QuietHoursView quietHours,
            String emailAddress,
            boolean emailVerified,
            String pendingEmailAddress) {}

    public record PreferencesRequest(
            @NotNull @Pattern(regexp = "ja|en", message = "must be ja or en")
            String language,

            @NotNull
            List<@NotNull @Pattern(regexp = "in-app|email", message = "must be in-app or email") String> channels,

            boolean fullDetail,
            @Valid QuietHoursRequest quietHours) {}

    public record QuietHoursRequest(
            @NotBlank @Pattern(regexp = "\\d{2}:\\d{2}", message = "must be HH:mm")
            String start,

            @NotBlank @Pattern(regexp = "\\d{2}:\\d{2}", message = "must be HH:mm")
            String end,

            @Size(max = 64) String zone) {}

    /** {@code language}: the page's language, which the code mail is written in if she never chose one. */
    public record EmailRequest(
            @NotBlank @Email @Size(max = 254) String address,

            @Pattern(regexp = "ja|en", message = "must be ja or en")
            String language) {}

    /** {@code consentLanguage}: the language the page showed the consent wording in; her settings' when absent. */
    public record CodeRequest(
            @NotBlank @Pattern(regexp = "\\d{6}", message = "must be the 6 digits from the e-mail")
            String code,

            @Pattern(regexp = "ja|en", message = "must be ja or en")
            String consentLanguage) {}

    private final PreferenceService preferences;
    private final JsonWebToken token;
    private final NotificationConfig config;

    private final Clock clock;

    public PreferenceResource(
            PreferenceService preferences, JsonWebToken token, NotificationConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.preferences = preferences;
        this.token = token;
    }

    @GET
    @Operation(summary = "Her notification settings (defaults if she never set any)")
    public Uni<PreferencesView> mine() {
        return preferences.of(token.getSubject()).map(PreferenceResource::view);
    }

    @PUT
    @Operation(
            summary =
                    "Set language (from then on chosen: languageChosen), safe channels (in-app is always on), full-detail"
                            + " opt-in and quiet hours")
    public Uni<PreferencesView> update(@Valid @NotNull PreferencesRequest request) {
        LocalTime start = null;
        LocalTime end = null;
        String zone = null;
        if (request.quietHours() != null) {
            try {
                start = LocalTime.parse(request.quietHours().start());
                end = LocalTime.parse(request.quietHours().end());
                zone = request.quietHours().zone() == null
                        ? "Asia/Tokyo"
                        : ZoneId.of(request.quietHours().zone()).getId();
            } catch (DateTimeParseException e) {
                throw Refusal.invalid("invalid-quiet-hours", "quietHours.start and .end must be times like 22:00.");
            } catch (DateTimeException e) {
                throw Refusal.invalid("invalid-quiet-hours", "quietHours.zone must be a time zone like Asia/Tokyo.");
            }
            if (start.equals(end)) {
                throw Refusal.invalid("invalid-quiet-hours", "Quiet hours must not start and end at the same time.");
            }
        }
        boolean email = request.channels().contains(Notifier.EMAIL);
        return preferences
                .update(
                        token.getSubject(),
                        new PreferenceService.Changes(
                                Language.fromTag(request.language()), email, request.fullDetail(), start, end, zone))
                .map(saved -> {
                    if (saved == null) {
                        throw Refusal.conflict(
                                "email-not-verified",
                                "Add an e-mail address and confirm the code sent to it before choosing e-mail.");
                    }
                    return view(saved);
                });
    }

    @POST
    @Path("/email")
    @Operation(
            summary =
                    "Send a 6-digit code to a new address; it is used only after she confirms the code. Needs a sign-in"
                            + " within the last minutes (403 reauthentication-required otherwise); once confirmed, the address"
                            + " it replaces is told, in neutral words, that it no longer receives messages")
    public Uni<Response> requestCode(@Valid @NotNull EmailRequest request) {
        Duration maxAge = config.emailVerification().maxSignInAge();
        if (!RecentSignIn.within(token, maxAge, clock.instant())) {
            // Impersonation is the known attack (threat T6): a phone left signed in must not move her messages.
            return Uni.createFrom()
                    .failure(Refusal.forbidden(
                            "reauthentication-required",
                            "Sign in again (with your password) and change the address within " + maxAge.toMinutes()
                                    + " minutes."));
        }
        return preferences
                .requestEmailCode(token.getSubject(), request.address(), request.language())
                .map(ignored -> Response.accepted().build())
                .onFailure(failure -> !(failure instanceof Refusal))
                .transform(failure -> new Refusal(
                        Refusal.Kind.UNAVAILABLE,
                        "mail-unavailable",
                        "Mail unavailable",
                        "The code could not be sent just now; please try again later."));
    }

    @POST
    @Path("/email/verify")
    @Operation(summary = "Confirm the code; the address becomes the one e-mails go to")
    public Uni<PreferencesView> verify(@Valid @NotNull CodeRequest request) {
        String me = token.getSubject();
        return preferences.verify(me, request.code(), request.consentLanguage()).flatMap(outcome -> switch (outcome) {
            case VERIFIED -> preferences.of(me).map(PreferenceResource::view);
            case WRONG_CODE ->
                Uni.createFrom()
                        .failure(Refusal.invalid(
                                "wrong-code", "That code is not right; please check the e-mail and try again."));
            case EXPIRED ->
                Uni.createFrom().failure(Refusal.invalid("code-expired", "The code has expired; ask for a new one."));
            case TOO_MANY_ATTEMPTS ->
                preferences
                        .of(me)
                        .flatMap(locked -> Uni.createFrom()
                                .failure(CodeRequests.tooMany(
                                        locked.verifyLockedUntil == null
                                                ? java.time.Duration.ofMinutes(1)
                                                : java.time.Duration.between(
                                                        java.time.OffsetDateTime.now(clock), locked.verifyLockedUntil),
                                        "Too many wrong codes; please wait, then ask for a new code.")));
            case NOTHING_PENDING ->
                Uni.createFrom().failure(Refusal.conflict("no-code-pending", "Ask for a code first."));
        });
    }

    static PreferencesView view(RecipientPreference preference) {
        List<String> channels = new ArrayList<>(List.of(Notifier.IN_APP));
        if (preference.wantsEmail()) {
            channels.add(Notifier.EMAIL);
        }
        QuietHoursView quiet = preference.quietStart == null
                ? null
                : new QuietHoursView(
                        preference.quietStart.toString(), preference.quietEnd.toString(), preference.quietZone);
        return new PreferencesView(
                preference.language().tag(),
                preference.languageChosen,
                channels,
                preference.fullDetail,
                quiet,
                mask(preference.emailAddress),
                preference.emailVerifiedAt != null,
                mask(preference.pendingEmail));
    }

    /** Enough for her to recognise the address; not enough for someone glancing at her screen. */
    static String mask(String address) {
        if (address == null) {
            return null;
        }
        int at = address.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return address.charAt(0) + "***" + address.substring(at).toLowerCase(Locale.ROOT);
    }
}
