package io.ibasho.registration.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.ibasho.registration.mapping.RegistrationMapper;
import io.ibasho.registration.service.BookingService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationResource {
    private final BookingService bookings;
    private final JsonWebToken token;

    public RegistrationResource(BookingService bookings, JsonWebToken token) {
        this.bookings = bookings;
        this.token = token;
    }

    @POST
    @Path("/sessions/{sessionId}/bookings")
    @RolesAllowed("attendee")
    @Operation(summary = "Book a seat in a first-come session under a nickname")
    public Uni<Response> book(@PathParam("sessionId") UUID sessionId,
            @NotNull(message = "a JSON body with your nickname is required") @Valid BookingRequest request) {
        return bookings.book(sessionId, token.getSubject(), request.nickname().strip())
                .map(booked -> Response.created(URI.create("/api/registrations/mine/" + booked.id))
                        .entity(RegistrationMapper.toView(booked)).build());
    }

    @GET
    @Path("/mine")
    @RolesAllowed("attendee")
    @Operation(summary = "Her own bookings and applications, and nobody else's")
    public Uni<List<RegistrationView>> mine() {
        return bookings.mine(token.getSubject()).map(list -> list.stream().map(RegistrationMapper::toView).toList());
    }
}
