package io.parley.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What one logger writes while a test runs: {@link #start} before, {@link #close} after. */
public final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger;

    private LogCapture(Class<?> owner) {
        this.logger = (Logger) LoggerFactory.getLogger(owner);
        appender.start();
        logger.addAppender(appender);
    }

    public static LogCapture start(Class<?> owner) {
        return new LogCapture(owner);
    }

    /**
     * Every event so far. The appender adds to its plain list under its own lock (AppenderBase's
     * doAppend is synchronized), from whichever thread logs: the copy is taken under that lock too.
     */
    public List<ILoggingEvent> events() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    /** The messages at {@code level} that start with {@code start}. */
    public List<String> messages(Level level, String start) {
        return events().stream()
                .filter(e -> e.getLevel() == level)
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith(start))
                .toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
