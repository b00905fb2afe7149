package io.ibasho.notification.rest;

import io.ibasho.notification.PartnerContact;
import io.ibasho.notification.message.Language;
import io.ibasho.notification.service.CodeRequests;
import io.ibasho.notification.service.PartnerContactService;
import io.ibasho.plumbing.refusal.Refusal;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The partner group's contact for the weekly digest of its venues' schedule. The group comes from the token's
 * {@code partner_group} claim, so a group only ever sees and sets its own contact.
 */
@Path("/partner-contact")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("partner")
public class PartnerContactResource {
    public record ContactView(
            String language,
            boolean weeklyDigest,
            String emailAddress,
            boolean emailVerified,
            String pendingEmailAddress) {}

    public record ContactRequest(
            @NotNull @Pattern(regexp = "ja|en", message = "must be ja or en")
            String language,

            boolean weeklyDigest) {}

    private final PartnerContactService contacts;
    private final JsonWebToken token;

    private final Clock clock;

    public PartnerContactResource(PartnerContactService contacts, JsonWebToken token, Clock clock) {
        this.clock = clock;
        this.contacts = contacts;
        this.token = token;
    }

    @GET
    @Operation(summary = "The group's digest contact (address masked) and whether the weekly digest is on")
    public Uni<ContactView> mine() {
        return contacts.of(WebhookResource.partnerGroup(token)).map(PartnerContactResource::view);
    }

    @PUT
    @Operation(summary = "Switch the weekly digest on or off and choose its language; on needs a confirmed address")
    public Uni<ContactView> update(@Valid @NotNull ContactRequest request) {
        return contacts.update(
                        WebhookResource.partnerGroup(token),
                        Language.fromTag(request.language()),
                        request.weeklyDigest())
                .map(saved -> {
                    if (saved == null) {
                        throw Refusal.conflict(
                                "email-not-verified",
                                "Add a contact address and confirm the code sent to it before switching the digest on.");
                    }
                    return view(saved);
                });
    }

    @POST
    @Path("/email")
    @Operation(summary = "Send a 6-digit code to the contact address; it is used only after the code is confirmed")
    public Uni<Response> requestCode(@Valid @NotNull PreferenceResource.EmailRequest request) {
        return contacts.requestEmailCode(WebhookResource.partnerGroup(token), request.address())
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
    @Operation(summary = "Confirm the code; the address becomes the group's digest contact")
    public Uni<ContactView> verify(@Valid @NotNull PreferenceResource.CodeRequest request) {
        String group = WebhookResource.partnerGroup(token);
        return contacts.verify(group, request.code()).flatMap(outcome -> switch (outcome) {
            case VERIFIED -> contacts.of(group).map(PartnerContactResource::view);
            case WRONG_CODE ->
                Uni.createFrom()
                        .failure(Refusal.invalid(
                                "wrong-code", "That code is not right; please check the e-mail and try again."));
            case EXPIRED ->
                Uni.createFrom().failure(Refusal.invalid("code-expired", "The code has expired; ask for a new one."));
            case TOO_MANY_ATTEMPTS ->
                contacts.of(group)
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

    private static ContactView view(PartnerContact contact) {
        return new ContactView(
                contact.language().tag(),
                contact.wantsDigest(),
                PreferenceResource.mask(contact.emailAddress),
                contact.emailVerifiedAt != null,
                PreferenceResource.mask(contact.pendingEmail));
    }
}
