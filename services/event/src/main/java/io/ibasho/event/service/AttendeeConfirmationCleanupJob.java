package io.ibasho.event.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Who came to what is personal data: confirmations are deleted once their session is well over. */
@ApplicationScoped
public class AttendeeConfirmationCleanupJob {
    private final AttendeeDetailsService details;

    public AttendeeConfirmationCleanupJob(AttendeeDetailsService details) {
        this.details = details;
    }

    @Scheduled(
            every = "${ibasho.attendee-details.cleanup-interval:1h}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> deleteExpired() {
        return details.deleteExpiredConfirmations()
                .flatMap(ignored -> details.deleteOldProcessedMessages())
                .replaceWithVoid();
    }
}
