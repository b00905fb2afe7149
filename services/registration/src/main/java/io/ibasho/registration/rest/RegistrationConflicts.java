package io.ibasho.registration.rest;

import io.ibasho.plumbing.problem.UniqueIndexProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Registration's words for its unique index, when two bookings by one person race past the service's check. */
@ApplicationScoped
public class RegistrationConflicts {
    @Produces
    @Singleton
    UniqueIndexProblem oneActiveRegistration() {
        return new UniqueIndexProblem(
                "registration_one_active", "already-registered", "You already have a booking for this session.");
    }
}
