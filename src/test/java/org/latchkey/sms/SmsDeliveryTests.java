package org.latchkey.sms;

import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.latchkey.outbox.internal.DeliverySettings;
import org.latchkey.outbox.internal.OutboxDispatcher;
import org.latchkey.system.Masks;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.OutboxRows;
import org.latchkey.testing.SmsProviderStub;
import org.latchkey.testing.SmsProviderStub.Request;
import org.latchkey.testing.StorageInvariants;
import org.latchkey.testing.TextColumns;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SMS go out through the production Twilio and generic HTTP clients, talking to a local stub of the provider:
 * delivered, refused for good (4xx: failed at once, not retried), failed for now (5xx, timeout: retried, then
 * delivered). On H2 and on PostgreSQL.
 */
@LatchkeyTest
@StorageInvariants
@TestPropertySource(
		properties = { "latchkey.sms.read-timeout=1s", "latchkey.delivery.max-attempts=3", Mailbox.FAST_DISPATCH })
class SmsDeliveryTests extends ApplicationScenarios {

	static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";

	static final String AUTH_TOKEN = "twilio-auth-token-7f3e9a1c5b";

	/** The run's stub: each test sends to numbers of its own, and reads only their requests. */
	static final SmsProviderStub provider = SmsProviderStub.shared();

	@Autowired
	SmsQueue outbox;

	@Autowired
	SmsAdministration administration;

	@Autowired
	DeliverySettings settings;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	OutboxDispatcher dispatcher;

	@Test
	void twilioReceivesTheCodeWithItsOriginBoundLineAndTheBodyIsWiped() {
		useTwilio();
		String number = SmsProviderStub.newNumber();

		long id = enqueueCode(number, "482913");
		OutboxRows.Row sent = rows().awaitStatus(id, "SENT");

		Request request = provider.awaitRequestsTo(number, 1).get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json");
		assertThat(request.headers().get("authorization")).isEqualTo("Basic " + Base64.getEncoder()
			.encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)));
		assertThat(request.headers().get("content-type")).startsWith("application/x-www-form-urlencoded");
		assertThat(request.form()).containsEntry("To", number).containsEntry("From", "+15005550006");
		assertThat(request.text()).startsWith("Your Latchkey security code: 482913.")
			.endsWith("\n\n@localhost #482913");
		assertThat(request.code()).isEqualTo("482913");
		assertThat(sent.sealedBody()).isNull();
		assertThat(sent.attempts()).isEqualTo(1);
	}

	@Test
	void textIsInTheLanguageOfTheSms() {
		useTwilio();
		String number = SmsProviderStub.newNumber();

		long id = this.transactions.execute(status -> this.outbox
			.enqueue(new Sms(anAccount(), number, "code", Locale.FRENCH, Map.of("code", "550123"))));
		rows().awaitStatus(id, "SENT");

		assertThat(provider.awaitRequestsTo(number, 1).get(0).text())
			.startsWith("Votre code de s\u00e9curit\u00e9 Latchkey\u00a0: 550123.");
	}

	@Test
	void providerRefusalIsAPermanentFailureShownToTheAdministratorAndNeverRetried() {
		useTwilio();
		String number = SmsProviderStub.newNumber();
		provider.answerTo(number, 400, "{\"code\": 21211, \"message\": \"The 'To' number " + number
				+ " is not a valid phone number.\", \"status\": 400}");

		long id = enqueueCode(number, "730146");
		OutboxRows.Row failed = rows().awaitStatus(id, "FAILED");

		assertThat(failed.attempts()).isEqualTo(1);
		assertThat(failed.lastError()).contains("Twilio answered HTTP 400")
			.contains("21211")
			.contains("is not a valid phone number")
			.doesNotContain(number.substring(1));
		assertThat(this.administration.view().lastError().error()).isEqualTo(failed.lastError());
		assertThat(this.jdbc.sql("SELECT detail FROM audit_event WHERE event = 'MESSAGE_FAILED'")
			.query(String.class)
			.list()).contains("message " + id + " (code) to " + Masks.phone(number) + " refused");

		this.clock.advance(Duration.ofHours(2));
		this.dispatcher.dispatchDue();
		assertThat(provider.requestsTo(number)).hasSize(1);
		assertThat(rows().get(id).attempts()).isEqualTo(1);
	}

	@Test
	void serverErrorIsRetriedThenDelivered() {
		useTwilio();
		String number = SmsProviderStub.newNumber();
		provider.answerTo(number, 503, "{\"message\": \"Service unavailable\"}");

		long id = enqueueCode(number, "118822");
		OutboxRows.Row firstFailure = rows().awaitAttempts(id, 1);

		assertThat(firstFailure.status()).isEqualTo("PENDING");
		assertThat(firstFailure.lastError()).contains("Twilio answered HTTP 503");
		assertThat(firstFailure.sealedBody()).isNotNull().doesNotContain("118822");
		this.clock.advance(this.settings.retryDelay());
		assertThat(rows().awaitStatus(id, "SENT").attempts()).isEqualTo(2);
		assertThat(provider.requestsTo(number)).hasSize(2)
			.allSatisfy(request -> assertThat(request.code()).isEqualTo("118822"));
	}

	@Test
	void tooManyRequestsIsRetried() {
		useTwilio();
		String number = SmsProviderStub.newNumber();
		provider.answerTo(number, 429, "{\"message\": \"Too many requests\"}");

		long id = enqueueCode(number, "440291");

		assertThat(rows().awaitAttempts(id, 1).status()).isEqualTo("PENDING");
		this.clock.advance(this.settings.retryDelay());
		rows().awaitStatus(id, "SENT");
	}

	@Test
	void providerThatDoesNotAnswerInTimeIsRetried() {
		useTwilio();
		String number = SmsProviderStub.newNumber();
		provider.hangTo(number, Duration.ofSeconds(4));

		long id = enqueueCode(number, "902214");
		OutboxRows.Row timedOut = rows().awaitAttempts(id, 1);

		assertThat(timedOut.status()).isEqualTo("PENDING");
		assertThat(timedOut.lastError()).startsWith("HttpTimeoutException");
		this.clock.advance(this.settings.retryDelay());
		assertThat(rows().awaitStatus(id, "SENT").attempts()).isEqualTo(2);
	}

	@Test
	void genericProviderGetsItsHeadersAndAJsonBodyWithTheTextEscaped() {
		this.administration.change(new SmsProviderChange("HTTP", null, null, null, provider.url("/v1/sms"),
				"POST", "X-Api-Key: generic-key-5d2c8e1f\nAccept: application/json", false,
				"{\"to\": \"{to}\", \"message\": \"{message}\", \"from\": \"Latchkey\"}", "JSON", "200", ""));
		String number = SmsProviderStub.newNumber();

		long id = enqueueCode(number, "613370");
		rows().awaitStatus(id, "SENT");

		Request request = provider.awaitRequestsTo(number, 1).get(0);
		assertThat(request.path()).isEqualTo("/v1/sms");
		assertThat(request.headers()).containsEntry("x-api-key", "generic-key-5d2c8e1f")
			.containsEntry("content-type", "application/json; charset=UTF-8");
		assertThat(request.json().get("to").asString()).isEqualTo(number);
		assertThat(request.json().get("from").asString()).isEqualTo("Latchkey");
		assertThat(request.text()).contains("613370").endsWith("\n\n@localhost #613370");
		assertThat(request.code()).isEqualTo("613370");
	}

	@Test
	void genericProviderCanTakeAFormBody() {
		this.administration.change(new SmsProviderChange("HTTP", null, null, null, provider.url("/send"), "PUT",
				"Authorization: Bearer form-key-81b2c3d4e5", false, "number={to}&message={message}&flash=0",
				"FORM", "200", ""));
		String number = SmsProviderStub.newNumber();

		long id = enqueueCode(number, "271828");
		rows().awaitStatus(id, "SENT");

		Request request = provider.awaitRequestsTo(number, 1).get(0);
		assertThat(request.method()).isEqualTo("PUT");
		assertThat(request.form()).containsEntry("number", number).containsEntry("flash", "0");
		assertThat(request.code()).isEqualTo("271828");
		assertThat(request.headers()).containsEntry("authorization", "Bearer form-key-81b2c3d4e5");
	}

	@Test
	void secretsAreNotInTheDatabaseInPlainText() {
		useTwilio();
		this.administration.change(new SmsProviderChange("HTTP", null, null, null, provider.url("/v1/sms"),
				"POST", "X-Api-Key: plain-text-hunt-4a7b9c", false, "{\"to\": \"{to}\", \"message\": \"{message}\"}",
				"JSON", "200", ""));
		long id = enqueueCode(SmsProviderStub.newNumber(), "314159");

		assertThat(TextColumns.containing(this.jdbc, "plain-text-hunt")).isEmpty();
		assertThat(TextColumns.containing(this.jdbc, "314159")).isEmpty();
		rows().awaitStatus(id, "SENT");
		useTwilio();
		assertThat(TextColumns.containing(this.jdbc, AUTH_TOKEN)).isEmpty();
		assertThat(TextColumns.containing(this.jdbc, "twilio-auth")).isEmpty();
	}

	@Test
	void withoutProviderNoSmsIsQueued() {
		this.administration.change(new SmsProviderChange("NONE", null, null, null, null, null, null, false, null,
				null, "200", ""));
		String number = SmsProviderStub.newNumber();

		assertThatThrownBy(() -> enqueueCode(number, "123456")).isInstanceOf(SmsUnavailableException.class);
		assertThat(rows().countTo(number)).isZero();
	}

	private void useTwilio() {
		this.administration.change(new SmsProviderChange("TWILIO", ACCOUNT_SID, AUTH_TOKEN, "+15005550006", null,
				null, null, false, null, null, "200", ""));
	}

	private long enqueueCode(String number, String code) {
		return this.transactions.execute(status -> this.outbox
			.enqueue(new Sms(anAccount(), number, "code", Locale.ENGLISH, Map.of("code", code))));
	}

	/** An account id of its own for each SMS, so the per-account cap stays out of these tests. */
	private static long anAccount() {
		return ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE);
	}

	private OutboxRows rows() {
		return new OutboxRows(this.jdbc);
	}

}
