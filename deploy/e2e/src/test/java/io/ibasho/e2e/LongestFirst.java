package io.ibasho.e2e;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The order in which the module's classes start, two at a time on the one stack (junit-platform.properties,
 * docs/adr/0043-end-to-end-classes-side-by-side.md): the longest first on both threads, so that the two end together
 * with short classes instead of one long class running alone at the end.
 *
 * <p>JUnit's parallel executor (a fork-join pool, JUnit 6.0) forks the classes in this order onto one thread's queue;
 * that thread then runs them from the <em>end</em> of the order while the other thread takes them from the
 * <em>start</em>. So the classes, longest first, are dealt alternately to the start and to the end of the order. The two
 * second-replica classes are one unit, OrderAcrossReplicasIT first: TwoRegistrationInstancesIT then reuses its
 * registration replica on the same thread (one Quarkus start less, docs/benchmarks.md round 7). {@link Isolated}
 * classes run alone after all the others whatever their place, so they go last.
 */
public final class LongestFirst implements ClassOrderer {
    /**
     * Seconds each class takes once the stack is up and it holds its permit (SecondClassGate): the sum of its tests'
     * times in CI run m2 (2026-12-05; the classes' own "Time elapsed" there includes the wait for the permit), with
     * round 15's shorter window in CourseJourneyIT (docs/benchmarks.md, round 15, branch
     * e2etail). A class not listed counts as short; a wrong figure only makes the module end a little later.
     */
    static final Map<String, Integer> SECONDS = Map.ofEntries(
            Map.entry("StaffJourneyIT", 166),
            Map.entry("OrderAcrossReplicasIT", 58),
            Map.entry("CourseJourneyIT", 54),
            Map.entry("SignInJourneyIT", 50),
            Map.entry("BookingJourneyIT", 37),
            Map.entry("TwoRegistrationInstancesIT", 22),
            Map.entry("AuthorizationMatrixIT", 30),
            Map.entry("LotteryJourneyIT", 13),
            Map.entry("LotteryChildcareIT", 9),
            Map.entry("HerDataErasureIT", 6),
            Map.entry("PublicPagesIT", 6),
            Map.entry("OpenApiNegativeIT", 4),
            Map.entry("NoPersonalDataInLogsIT", 4),
            Map.entry("OneTraceAcrossTheStackIT", 3));

    /** Classes that run one after the other on one thread, in this order, as one unit of the order. */
    static final List<List<String>> UNITS = List.of(List.of("OrderAcrossReplicasIT", "TwoRegistrationInstancesIT"));

    private static final int SHORT = 3;

    @Override
    public void orderClasses(ClassOrdererContext context) {
        List<List<ClassDescriptor>> units = new ArrayList<>();
        List<ClassDescriptor> isolated = new ArrayList<>();
        for (ClassDescriptor descriptor : context.getClassDescriptors()) {
            String name = descriptor.getTestClass().getSimpleName();
            if (descriptor.isAnnotated(Isolated.class)) {
                isolated.add(descriptor);
                continue;
            }
            List<String> unitNames =
                    UNITS.stream().filter(u -> u.contains(name)).findFirst().orElse(List.of(name));
            List<ClassDescriptor> unit = units.stream()
                    .filter(u -> unitNames.contains(u.get(0).getTestClass().getSimpleName()))
                    .findFirst()
                    .orElse(null);
            if (unit == null) {
                unit = new ArrayList<>();
                units.add(unit);
            }
            unit.add(descriptor);
            unit.sort(Comparator.comparingInt(
                    d -> unitNames.indexOf(d.getTestClass().getSimpleName())));
        }
        units.sort(Comparator.comparingInt(LongestFirst::seconds)
                .reversed()
                .thenComparing(u -> u.get(0).getTestClass().getSimpleName()));
        List<ClassDescriptor> start = new ArrayList<>();
        List<ClassDescriptor> end = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            (i % 2 == 0 ? start : end).addAll(units.get(i));
        }
        List<ClassDescriptor> ordered = new ArrayList<>(start);
        ordered.addAll(end.reversed()); // taken from the end: its first unit last, each unit's classes reversed too
        isolated.sort(Comparator.comparing(d -> d.getTestClass().getSimpleName()));
        ordered.addAll(isolated);
        List<? extends ClassDescriptor> descriptors = context.getClassDescriptors();
        descriptors.sort(Comparator.comparingInt(ordered::indexOf));
    }

    private static int seconds(List<ClassDescriptor> unit) {
        return unit.stream()
                .mapToInt(d -> SECONDS.getOrDefault(d.getTestClass().getSimpleName(), SHORT))
                .sum();
    }
}
