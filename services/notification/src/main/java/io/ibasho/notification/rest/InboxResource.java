package io.ibasho.notification.rest;

import io.ibasho.notification.message.Language;
import io.ibasho.notification.service.InboxService;
import io.ibasho.notification.service.InboxView;
import io.ibasho.notification.service.PreferenceService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/inbox")
@Produces(MediaType.APPLICATION_JSON)
public class InboxResource {
    private final InboxService inbox;
    private final PreferenceService preferences;
    private final JsonWebToken token;

    public InboxResource(InboxService inbox, PreferenceService preferences, JsonWebToken token) {
        this.inbox = inbox;
        this.preferences = preferences;
        this.token = token;
    }

    @GET
    @RolesAllowed("attendee")
    @Operation(summary = "Her own in-app messages, newest first, in ?lang=ja|en or else the language she chose")
    public Uni<List<InboxView>> mine(@QueryParam("lang") String lang) {
        String me = token.getSubject();
        Uni<Language> language = lang != null
                ? Uni.createFrom().item(Language.fromTag(lang))
                : preferences.of(me).map(preference -> preference.language());
        return language.flatMap(chosen -> inbox.inboxOf(me, chosen));
    }
}
