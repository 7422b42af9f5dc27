package org.latchkey.admin;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.mail.Email;
import org.latchkey.mail.MailQueue;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.OutboxRows;
import org.latchkey.testing.People;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's outbox page, through HTTP against the running application. */
@LatchkeyTest
class OutboxConsoleTests extends ApplicationScenarios {

	@Autowired
	MailQueue outbox;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void administratorSeesEachMessagesStatusAndLastErrorButNotItsAddress() {
		String sentTo = People.unique("sent") + "@example.com";
		String pendingTo = People.unique("pending") + "@example.com";
		String failedTo = People.unique("failed") + "@example.com";
		long sent = queue(sentTo);
		rows().awaitStatus(sent, "SENT");
		long pending = stored(pendingTo, "PENDING", "MailSendException: Connection refused");
		long failed = stored(failedTo, "FAILED", "MailSendException: 550 Mailbox unavailable");

		Page page = administrator().get("/admin/outbox");

		assertThat(page.status()).isEqualTo(200);
		assertThat(row(page, sent).text()).contains("Sent").contains("s***@example.com");
		assertThat(row(page, pending).text()).contains("Pending").contains("Connection refused");
		assertThat(row(page, failed).text()).contains("Failed").contains("550 Mailbox unavailable");
		assertThat(row(page, failed).select("form button").text()).isEqualTo("Retry now");
		assertThat(row(page, pending).select("form")).isEmpty();
		assertThat(row(page, sent).select("form")).isEmpty();
		assertThat(page.body()).doesNotContain(sentTo).doesNotContain(pendingTo).doesNotContain(failedTo);
	}

	@Test
	void failedMessageIsSentAfterRetryNow() {
		long failed = stored(People.unique("retry") + "@example.com", "FAILED", "SocketTimeoutException: Read timed out");
		Browser browser = administrator();

		Page answer = browser.get("/admin/outbox").form("#message-" + failed + " form").submit();

		assertThat(answer.status()).isEqualTo(302);
		assertThat(answer.location()).isEqualTo("/admin/outbox");
		assertThat(answer.follow().text()).contains("Message " + failed + " will be tried again");
		assertThat(rows().awaitStatus(failed, "SENT").sealedBody()).isNull();
	}

	@Test
	void retryNowOfAMessageThatHasNotFailedChangesNothing() {
		long pending = stored(People.unique("waiting") + "@example.com", "PENDING", "Connection refused");
		Browser browser = administrator();
		String csrf = browser.get("/admin/outbox").csrf();

		Page answer = browser.post("/admin/outbox/" + pending + "/retry", Map.of("_csrf", csrf));

		assertThat(answer.follow().text()).contains("Message " + pending + " has not failed");
		assertThat(rows().get(pending).attempts()).isEqualTo(2);
	}

	@Test
	void testEmailIsQueuedFromTheConsoleAndSent() {
		Account ada = People.ada(this.accounts);
		Browser browser = new Browser(this.port);
		browser.signIn(ada.login(), People.PASSWORD);
		String recipient = People.unique("check") + "@example.com";

		Page answer = browser.get("/admin/outbox").form("form[action$=/test]").set("recipient", recipient).submit();

		assertThat(answer.status()).isEqualTo(302);
		assertThat(answer.location()).isEqualTo("/admin/outbox");
		long id = this.jdbc.sql("SELECT id FROM outbox_message WHERE recipient = :recipient")
			.param("recipient", recipient)
			.query(Long.class)
			.single();
		assertThat(answer.follow().text()).contains("The test message (number " + id + ") is in the outbox");
		rows().awaitStatus(id, "SENT");
		assertThat(this.jdbc.sql("SELECT actor FROM audit_event WHERE event = 'TEST_MESSAGE_QUEUED' AND detail = :detail")
			.param("detail", "message " + id + " to c***@example.com")
			.query(String.class)
			.list()).containsExactly(ada.login());
	}

	@Test
	void badAddressesAreRefusedNextToTheFieldWithoutQueuingAnything() {
		Browser browser = administrator();
		Map<String, String> expectations = Map.of("", "Enter an email address.", "   ", "Enter an email address.",
				"not an address", "This is not a valid email address.",
				"eve@example.com\r\nBcc: mallory@example.com", "This is not a valid email address.",
				"ev\u0007e@example.com", "This is not a valid email address.",
				"Eve <eve@example.com>", "This is not a valid email address.",
				"e".repeat(10_000) + "@example.com", "This address is too long");
		long before = total();

		expectations.forEach((recipient, message) -> {
			Page answer = browser.get("/admin/outbox")
				.form("form[action$=/test]")
				.set("recipient", recipient)
				.submit();

			assertThat(answer.status()).as(recipient).isEqualTo(400);
			assertThat(answer.document().select("#recipient-error").text()).as(recipient).startsWith(message);
			assertThat(answer.document().select("#recipient").attr("aria-invalid")).isEqualTo("true");
			assertThat(answer.document().select("#recipient").val()).hasSizeLessThanOrEqualTo(254);
		});
		Page withoutField = browser.post("/admin/outbox/test", Map.of("_csrf", browser.get("/admin/outbox").csrf()));

		assertThat(withoutField.status()).isEqualTo(400);
		assertThat(withoutField.document().select("#recipient-error").text()).isEqualTo("Enter an email address.");
		assertThat(total()).isEqualTo(before);
	}

	@Test
	void userWhoIsNotAnAdministratorCannotSeeTheOutboxNorSendFromIt() {
		Account alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		String csrf = browser.get("/").csrf();
		long before = total();

		Page page = browser.get("/admin/outbox");
		Page send = browser.post("/admin/outbox/test", Map.of("_csrf", csrf, "recipient", "alice@example.com"));

		assertThat(page.status()).isEqualTo(403);
		assertThat(send.status()).isEqualTo(403);
		assertThat(total()).isEqualTo(before);
		assertThat(new Browser(this.port).get("/admin/outbox").location()).isEqualTo("/login");
	}

	@Test
	void consoleSpeaksFrench() {
		Account ada = People.ada(this.accounts);
		Browser browser = new Browser(this.port).acceptLanguage("fr");
		browser.signIn(ada.login(), People.PASSWORD);

		Page page = browser.get("/admin/outbox");

		assertThat(page.document().select("h1").text()).isEqualTo("Bo\u00eete d\u2019envoi");
		assertThat(page.text()).contains("Envoyer un e-mail de test");
	}

	private Browser administrator() {
		Account ada = People.ada(this.accounts);
		Browser browser = new Browser(this.port);
		browser.signIn(ada.login(), People.PASSWORD);
		return browser;
	}

	private long queue(String recipient) {
		return this.transactions.execute(status -> this.outbox.enqueue(email(recipient)));
	}

	/** A message that has been tried twice, or ten times and given up, stored so the dispatcher leaves it be. */
	private long stored(String recipient, String status, String lastError) {
		return this.transactions.execute(transaction -> {
			long id = this.outbox.enqueue(email(recipient));
			this.jdbc.sql("""
					UPDATE outbox_message SET status = :status, attempts = :attempts, last_error = :error,
						next_attempt_at = :next
					WHERE id = :id
					""")
				.param("status", status)
				.param("attempts", status.equals("FAILED") ? 10 : 2)
				.param("error", lastError)
				.param("next", Timestamp.from(this.clock.instant().plus(Duration.ofDays(1))))
				.param("id", id)
				.update();
			return id;
		});
	}

	private long total() {
		return this.jdbc.sql("SELECT COUNT(*) FROM outbox_message").query(Long.class).single();
	}

	private OutboxRows rows() {
		return new OutboxRows(this.jdbc);
	}

	private static Email email(String recipient) {
		return new Email(recipient, "test-message", Locale.ENGLISH, Map.of("url", "https://latchkey.example/"));
	}

	private static Element row(Page page, long id) {
		Element row = page.document().selectFirst("#message-" + id);
		assertThat(row).as("row of message " + id).isNotNull();
		return row;
	}

}
