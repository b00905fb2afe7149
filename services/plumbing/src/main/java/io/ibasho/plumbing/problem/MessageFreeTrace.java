package io.ibasho.plumbing.problem;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A failure's stack trace without a single message: the classes along its causes (as {@link
 * ProblemMappers#classesOf}) and each one's frames. A message can carry a row's values (an SQL error's detail) or
 * what she sent (Jackson quoting her body), so {@code Throwable.toString()} and {@code printStackTrace} never reach
 * the log; the frames say where it broke, which is what a developer needs.
 */
final class MessageFreeTrace {
    /** Causes followed, and frames per cause: enough to find the place, bounded for a deep reactive chain. */
    static final int MAX_CAUSES = 8;

    static final int MAX_FRAMES = 40;

    private MessageFreeTrace() {}

    static String of(String incident, Throwable failure) {
        StringBuilder trace =
                new StringBuilder("incident ").append(incident).append(": ").append(ProblemMappers.classesOf(failure));
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        int depth = 0;
        for (Throwable cause = failure;
                cause != null && depth < MAX_CAUSES && seen.add(cause);
                cause = cause.getCause(), depth++) {
            trace.append(depth == 0 ? "\n" : "\ncaused by ")
                    .append(cause.getClass().getName());
            StackTraceElement[] frames = cause.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
                trace.append("\n\tat ").append(frames[i]);
            }
            if (frames.length > MAX_FRAMES) {
                trace.append("\n\t... ").append(frames.length - MAX_FRAMES).append(" more");
            }
        }
        return trace.toString();
    }
}
