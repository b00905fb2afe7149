package io.ibasho.testsupport;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import java.lang.reflect.Field;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * How many query plans Hibernate keeps in its interpretation cache. A native query whose plan is never found again
 * (an unnamed result mapping: docs/benchmarks.md, round 14) adds one plan per execution, all under the same hash, so
 * every lookup walks them: this count must not grow with the number of records handled.
 */
public final class QueryPlans {
    private QueryPlans() {}

    public static int cached() {
        return interpretationCache().getNumberOfCachedQueryPlans();
    }

    private static org.hibernate.query.spi.QueryInterpretationCache interpretationCache() {
        Object factory = ClientProxy.unwrap(
                Arc.container().instance(Mutiny.SessionFactory.class).get());
        try {
            Field delegate = factory.getClass().getDeclaredField("delegate");
            delegate.setAccessible(true);
            return ((SessionFactoryImplementor) delegate.get(factory))
                    .getQueryEngine()
                    .getInterpretationCache();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Hibernate Reactive's session factory changed shape", e);
        }
    }
}
