package io.ibasho.notification.demo;

import io.ibasho.notification.repository.TalkOrganisationRows;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The local stack's fictional organisations in the list she picks from for a request to talk (with the event
 * service's demo month, {@code ibasho.demo-data.enabled}). In a real installation each organisation's consultation
 * staff describe it themselves; here hinata is as consult1 would leave it, and minato is listed too so that the
 * end-to-end tests have another organisation's request (minato has no consultation account in the demo realm).
 * Never overwrites what staff changed.
 */
@ApplicationScoped
public class DemoOrganisations {
    private static final Logger LOG = Logger.getLogger(DemoOrganisations.class);

    @ConfigProperty(name = "ibasho.demo-data.enabled", defaultValue = "false")
    boolean enabled;

    private final Clock clock;

    public DemoOrganisations(Clock clock) {
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent startup) {
        if (!enabled) {
            return;
        }
        try {
            VertxContextSupport.subscribeAndAwait(this::load);
            LOG.info("demo organisations listed for requests to talk");
        } catch (Throwable e) {
            // The demo must not keep the service from starting; the log says why it is missing.
            LOG.errorf("demo organisations not listed: %s", e.getClass().getSimpleName());
        }
    }

    public Uni<Void> load() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Panache.withTransaction(() -> TalkOrganisationRows.insertDemoOrganisations(now));
    }
}
