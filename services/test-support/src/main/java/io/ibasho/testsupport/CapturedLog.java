package io.ibasho.testsupport;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the application in this JVM logs while a test runs, at INFO and above (the levels production writes): each
 * line as its format and its arguments, so a test can check that no id or value reaches the log. Quarkus' JBoss
 * LogManager is java.util.logging's manager, so a handler on the root logger sees every category.
 */
public final class CapturedLog extends Handler implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");

    private CapturedLog() {
        setLevel(Level.INFO);
    }

    /** Starts capturing; {@link #close()} stops. */
    public static CapturedLog start() {
        CapturedLog log = new CapturedLog();
        log.root.addHandler(log);
        return log;
    }

    /** Each line captured so far: its message (format) and its arguments. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() < Level.INFO.intValue()) {
            return;
        }
        Object[] arguments = record.getParameters();
        lines.add(record.getLevel() + " " + record.getLoggerName() + " " + record.getMessage()
                + (arguments == null ? "" : " " + Arrays.deepToString(arguments)));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
