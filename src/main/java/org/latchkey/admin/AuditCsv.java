package org.latchkey.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.latchkey.audit.AuditEntry;

/**
 * Writes audit events as CSV (RFC 4180) that a spreadsheet opens safely: every cell is quoted, and a cell
 * that a spreadsheet would read as a formula (starting with {@code = + - @}, a tab or a carriage return) is
 * prefixed with an apostrophe, so that a login or user agent chosen by an attacker stays text (OWASP, "CSV
 * Injection").
 */
final class AuditCsv {

	static final List<String> HEADER = List.of("time_utc", "event", "outcome", "actor", "user", "client_ip",
			"user_agent", "detail");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC);

	private final Writer out;

	AuditCsv(Writer out) {
		this.out = out;
		line(HEADER.stream());
	}

	void write(AuditEntry entry) {
		line(Stream.of(TIME.format(entry.occurredAt()), entry.event(), entry.outcome().name(), entry.actor(),
				entry.subject(), entry.clientIp(), entry.userAgent(), entry.detail()));
	}

	private void line(Stream<String> cells) {
		try {
			this.out.write(cells.map(AuditCsv::cell).collect(Collectors.joining(",")) + "\r\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String cell(String value) {
		if (value == null) {
			return "\"\"";
		}
		String text = (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) ? "'" + value : value;
		return "\"" + text.replace("\"", "\"\"") + "\"";
	}

}
