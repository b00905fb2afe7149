package io.ibasho.notification.support;

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

    /** The cached plans' statements (their first 80 characters), with how many plans each has. */
    public static java.util.Map<String, Long> statements() {
        try {
            Object cache = interpretationCache();
            if (!cache.getClass().getSimpleName().equals("QueryInterpretationCacheStandardImpl")) {
                return java.util.Map.of(); // the plan cache is off: nothing kept
            }
            Field planCache = cache.getClass().getDeclaredField("queryPlanCache");
            planCache.setAccessible(true);
            Object internal = planCache.get(cache);
            Field caffeine = internal.getClass().getDeclaredField("cache");
            caffeine.setAccessible(true);
            java.util.Map<?, ?> plans =
                    ((com.github.benmanes.caffeine.cache.Cache<?, ?>) caffeine.get(internal)).asMap();
            java.util.Map<String, Long> counts = new java.util.TreeMap<>();
            java.util.Map<String, Object> firstOf = new java.util.HashMap<>();
            for (Object key : plans.keySet()) {
                String sql = ((org.hibernate.query.spi.QueryInterpretationCache.Key) key).getQueryString();
                Object first = firstOf.putIfAbsent(sql, key);
                if (first != null && first != key && !firstOf.containsKey("#" + sql)) {
                    firstOf.put("#" + sql, key);
                    for (Class<?> c = key.getClass(); c != Object.class; c = c.getSuperclass()) {
                        for (Field f : c.getDeclaredFields()) {
                            if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) continue;
                            f.setAccessible(true);
                            Object a = f.get(first), b = f.get(key);
                            System.out.printf(
                                    "key field %s equal=%s a=%s(%s) b=%s(%s)%n",
                                    f.getName(),
                                    java.util.Objects.equals(a, b),
                                    a == null ? null : a.getClass().getName(),
                                    String.valueOf(a)
                                            .substring(
                                                    0,
                                                    Math.min(
                                                            60,
                                                            String.valueOf(a).length())),
                                    b == null ? null : b.getClass().getName(),
                                    String.valueOf(b)
                                            .substring(
                                                    0,
                                                    Math.min(
                                                            60,
                                                            String.valueOf(b).length())));
                        }
                    }
                }
            }
            for (Object key : plans.keySet()) {
                String sql = ((org.hibernate.query.spi.QueryInterpretationCache.Key) key)
                        .getQueryString()
                        .replaceAll("\\s+", " ")
                        .strip();
                counts.merge(
                        key.getClass().getSimpleName() + ": " + sql.substring(0, Math.min(80, sql.length())),
                        1L,
                        Long::sum);
            }
            return counts;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Hibernate's interpretation cache changed shape", e);
        }
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
