package io.ibasho.e2e.browser;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Opt-in ({@code IBASHO_LOOK_CPU=1}): the CPU seconds this thread's browsers spent on each step of a look, read from
 * the processes under this thread's Playwright driver (classes run two at a time, each thread has its own driver and
 * Chromium), printed as one {@code [look-cpu]} line per look for docs/benchmarks.md (round 15).
 */
final class LookCpu {
    static final boolean ON = "1".equals(System.getenv("IBASHO_LOOK_CPU"));

    private static final ThreadLocal<Long> DRIVER = new ThreadLocal<>();
    private static final ThreadLocal<LookCpu> CURRENT = new ThreadLocal<>();

    private final Map<String, Long> steps = new LinkedHashMap<>();
    private long last;

    private LookCpu() {
        last = chromiumNanos();
    }

    /**
     * Creates this thread's Playwright and, when on, notes its driver: the JVM's child that was not there before (one
     * thread at a time, so that two classes starting together do not take each other's driver).
     */
    static <T> T underDriver(java.util.function.Supplier<T> create) {
        if (!ON) {
            return create.get();
        }
        synchronized (LookCpu.class) {
            Set<Long> before =
                    ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
            T created = create.get();
            ProcessHandle.current()
                    .children()
                    .map(ProcessHandle::pid)
                    .filter(p -> !before.contains(p))
                    .findFirst()
                    .ifPresent(DRIVER::set);
            return created;
        }
    }

    static void start() {
        if (ON) {
            CURRENT.set(new LookCpu());
        }
    }

    static void step(String name) {
        LookCpu cpu = CURRENT.get();
        if (cpu != null) {
            long now = chromiumNanos();
            cpu.steps.merge(name, now - cpu.last, Long::sum);
            cpu.last = now;
        }
    }

    static void end(String journey, String look, String url, Object size) {
        LookCpu cpu = CURRENT.get();
        if (cpu != null) {
            CURRENT.remove();
            String steps = cpu.steps.entrySet().stream()
                    .map(e -> e.getKey() + "=" + String.format("%.3f", e.getValue() / 1e9))
                    .collect(Collectors.joining(" "));
            System.out.println("[look-cpu] " + journey + " " + look + " "
                    + url.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "ID") + " size=" + size + " " + steps);
        }
    }

    static long chromiumNanos() {
        Long driver = DRIVER.get();
        if (driver == null) {
            return 0;
        }
        return ProcessHandle.of(driver)
                .map(d -> d.descendants()
                        .filter(p -> p.info().command().orElse("").contains("chrom"))
                        .mapToLong(p -> p.info()
                                .totalCpuDuration()
                                .map(java.time.Duration::toNanos)
                                .orElse(0L))
                        .sum())
                .orElse(0L);
    }
}
