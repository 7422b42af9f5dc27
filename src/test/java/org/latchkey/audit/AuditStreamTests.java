package org.latchkey.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.audit.internal.AuditRetention;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Audit events leave the database for a SIEM through the logger {@code latchkey.audit}, one JSON object of a fixed
 * shape each, once committed; and the database keeps them only for the retention period, on H2 and PostgreSQL.
 */
@LatchkeyTest
@StorageInvariants
class AuditStreamTests extends ApplicationScenarios {

	private static final List<String> KEYS = List.of("time", "event", "outcome", "actor", "subject",
			"subjectAccountId", "clientIp", "userAgent", "detail");

	private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

	@Autowired
	AuditLog audit;

	@Autowired
	AuditRetention retention;

	@Autowired
	PlatformTransactionManager transactions;

	@BeforeEach
	void listen() {
		this.lines.start();
		logger().addAppender(this.lines);
	}

	@AfterEach
	void stopListening() {
		logger().detachAppender(this.lines);
	}

	@Test
	void aFailedSignInIsWrittenToTheAuditLoggerAsJsonOfTheStableShape() {
		String login = People.unique("stream");

		new Browser(this.port).signIn(login, "not a password anybody has");

		Map<String, Object> event = only(login);
		assertThat(event.keySet()).containsExactlyElementsOf(KEYS);
		assertThat(event).containsEntry("event", "SIGN_IN")
			.containsEntry("outcome", "FAILURE")
			.containsEntry("actor", null)
			.containsEntry("subject", login)
			.containsEntry("subjectAccountId", null)
			.containsEntry("detail", "wrong login or password");
		assertThat((String) event.get("clientIp")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
		assertThat((String) event.get("userAgent")).startsWith("Java-http-client");
		assertThat(Instant.parse((String) event.get("time"))).isEqualTo(this.clock.instant());
		assertThat(this.lines.list).allSatisfy(line -> assertThat(line.getLoggerName()).isEqualTo("latchkey.audit"));
	}

	@Test
	void anEventWhoseTransactionRollsBackIsNeverWritten() {
		String rolledBack = People.unique("rolled-back");
		String committed = People.unique("committed");
		TransactionTemplate transaction = new TransactionTemplate(this.transactions);

		transaction.executeWithoutResult(status -> {
			this.audit.record(() -> "TEST_EVENT", AuditOutcome.SUCCESS, null, rolledBack, "quote \" and \n newline");
			status.setRollbackOnly();
		});
		transaction.executeWithoutResult(status -> this.audit.record(() -> "TEST_EVENT", AuditOutcome.SUCCESS, null,
				committed, "quote \" and \n newline"));

		assertThat(subjects()).contains(committed).doesNotContain(rolledBack);
		assertThat(only(committed)).containsEntry("detail", "quote \" and ? newline");
	}

	@Test
	void eventsOlderThanTheRetentionPeriodAreDeletedAndNewerOnesKept() {
		String old = People.unique("old");
		String recent = People.unique("recent");
		this.audit.record(() -> "TEST_EVENT", AuditOutcome.SUCCESS, null, old, null);
		this.clock.advance(Duration.ofDays(200));
		this.audit.record(() -> "TEST_EVENT", AuditOutcome.SUCCESS, null, recent, null);
		this.clock.advance(Duration.ofDays(166));

		int deleted = this.retention.prune();

		assertThat(deleted).isGreaterThanOrEqualTo(1);
		assertThat(storedSubjects()).contains(recent).doesNotContain(old);
		assertThat(this.retention.prune()).isZero();
	}

	private List<String> storedSubjects() {
		return this.jdbc.sql("SELECT subject FROM audit_event WHERE subject IS NOT NULL").query(String.class).list();
	}

	private Map<String, Object> only(String subject) {
		List<Map<String, Object>> events = parsed().stream().filter(event -> subject.equals(event.get("subject")))
			.toList();
		assertThat(events).hasSize(1);
		return events.get(0);
	}

	private List<String> subjects() {
		return parsed().stream().map(event -> (String) event.get("subject")).toList();
	}

	private List<Map<String, Object>> parsed() {
		JsonMapper json = JsonMapper.builder().build();
		return this.lines.list.stream()
			.map(line -> json.readValue(line.getFormattedMessage(), new TypeReference<Map<String, Object>>() {
			}))
			.toList();
	}

	private static Logger logger() {
		return (Logger) LoggerFactory.getLogger("latchkey.audit");
	}

}
