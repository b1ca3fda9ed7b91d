package dev.imagestreams.engine.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * What one class logs while a test runs (the operator logs through SLF4J to log4j). Levels stay as
 * configured: a line the configuration would drop is not captured either.
 */
public final class LogCapture implements AutoCloseable {
  /**
   * One logged line: its level ({@code INFO}, {@code ERROR}, ...), formatted message and throwable,
   * if any.
   */
  public record Line(String level, String message, Throwable thrown) {}

  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final String loggerName;
  private final AbstractAppender appender;
  private final boolean ownLoggerConfig;

  private LogCapture(String loggerName) {
    this.loggerName = loggerName;
    this.appender =
        new AbstractAppender("capture-" + loggerName, null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            lines.add(
                new Line(
                    event.getLevel().name(),
                    event.getMessage().getFormattedMessage(),
                    event.getThrown()));
          }
        };
    appender.start();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    LoggerConfig existing = config.getLoggerConfig(loggerName);
    ownLoggerConfig = !existing.getName().equals(loggerName);
    LoggerConfig target = existing;
    if (ownLoggerConfig) {
      target = new LoggerConfig(loggerName, null, true); // inherits the configured level
      config.addLogger(loggerName, target);
    }
    target.addAppender(appender, Level.ALL, null);
    context.updateLoggers();
  }

  /** Captures what the class logs until {@link #close()}. */
  public static LogCapture of(Class<?> logger) {
    return new LogCapture(logger.getName());
  }

  /** Captures what a logger (a class not visible to the test) logs until {@link #close()}. */
  public static LogCapture of(String logger) {
    return new LogCapture(logger);
  }

  public List<Line> lines() {
    return List.copyOf(lines);
  }

  /** The messages logged at the level ({@code "INFO"}, {@code "ERROR"}, ...). */
  public List<String> messages(String level) {
    return lines.stream().filter(l -> l.level().equals(level)).map(Line::message).toList();
  }

  @Override
  public void close() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    if (ownLoggerConfig) {
      config.removeLogger(loggerName);
    } else {
      config.getLoggerConfig(loggerName).removeAppender(appender.getName());
    }
    context.updateLoggers();
    appender.stop();
  }
}
