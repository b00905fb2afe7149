package io.ibasho.event.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Rolls every series' horizon forward, one transaction per series so one broken series does not stop the others. */
@ApplicationScoped
public class SeriesHorizonJob {
    private static final Logger LOG = Logger.getLogger(SeriesHorizonJob.class);

    private final SeriesService series;

    public SeriesHorizonJob(SeriesService series) {
        this.series = series;
    }

    @Scheduled(
            every = "${ibasho.series.extend-interval:6h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> extendAll() {
        return series.seriesIds().flatMap(ids -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (var id : ids) {
                chain = chain.flatMap(ignored -> series.extend(id).onFailure().recoverWithUni(failure -> {
                    // e.g. a room now double-booked: the organiser sees it when editing the series; ids only in the
                    // log.
                    LOG.warnf(
                            "series %s not extended: %s", id, failure.getClass().getSimpleName());
                    return Uni.createFrom().voidItem();
                }));
            }
            return chain;
        });
    }
}
