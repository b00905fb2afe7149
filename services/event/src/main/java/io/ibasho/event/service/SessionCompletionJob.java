package io.ibasho.event.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Completes published sessions whose end passed, so EventCompleted starts the other services' deletion clocks. */
@ApplicationScoped
public class SessionCompletionJob {
    static final int BATCH = 100;

    private final SessionService sessions;

    public SessionCompletionJob(SessionService sessions) {
        this.sessions = sessions;
    }

    @Scheduled(
            every = "${ibasho.sessions.completion-interval:5m}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> completeEnded() {
        return sessions.completeEnded(BATCH).replaceWithVoid();
    }
}
