package org.latchkey.testing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;

/**
 * A Logback appender (named in {@code logback-test.xml}) that writes every log event of the test run, with its
 * exceptions' messages and stack traces, to one file per JVM. Spring Boot reconfigures Logback at each
 * application start; the file is opened once per JVM, so it holds the whole run.
 */
public final class LogRecorder extends AppenderBase<ILoggingEvent> {

	/** The file of this JVM's run. */
	public static final Path FILE = Path.of("target", "test-logs",
			"run-" + ProcessHandle.current().pid() + "-" + System.currentTimeMillis() + ".log");

	private static BufferedWriter writer;

	private static final AtomicInteger containerErrors = new AtomicInteger();

	@Override
	protected void append(ILoggingEvent event) {
		if (event.getLevel() == Level.ERROR && event.getLoggerName().startsWith("org.apache.catalina")) {
			containerErrors.incrementAndGet();
		}
		StringBuilder line = new StringBuilder().append(event.getLevel())
			.append(' ')
			.append(event.getLoggerName())
			.append(" : ")
			.append(event.getFormattedMessage());
		for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
			line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
			for (StackTraceElementProxy frame : cause.getStackTraceElementProxyArray()) {
				line.append(" at ").append(frame.getSTEAsString());
			}
		}
		write(line.toString().replace('\n', ' ').replace('\r', ' '));
	}

	private static synchronized void write(String line) {
		try {
			if (writer == null) {
				Files.createDirectories(FILE.getParent());
				writer = Files.newBufferedWriter(FILE, StandardCharsets.UTF_8);
			}
			writer.write(line);
			writer.newLine();
			writer.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * How many failures the servlet container has logged as errors so far in this JVM: a request no part of
	 * Latchkey answered, whose stack trace went to the log.
	 */
	public static int containerErrors() {
		return containerErrors.get();
	}

	/** Every line recorded so far in this JVM. */
	public static synchronized List<String> lines() {
		try {
			return Files.exists(FILE) ? Files.readAllLines(FILE, StandardCharsets.UTF_8) : List.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
