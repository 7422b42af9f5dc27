package org.latchkey.web;

import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.sms.InvalidSmsSettingsException;
import org.latchkey.sms.SmsAdministration;
import org.latchkey.sms.SmsProviderChange;
import org.latchkey.testing.ApiClient;
import org.latchkey.testing.ApiClient.Answer;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.OutboxRows;
import org.latchkey.testing.People;
import org.latchkey.testing.SmsProviderStub;
import org.latchkey.testing.SmsProviderStub.Request;
import org.latchkey.verify.ApiKeys;
import org.latchkey.verify.ApiScope;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Twilio Verify as the SMS provider, against a local stub that answers like its
 * {@code /v2/Services/{sid}/Verifications} and {@code /VerificationCheck}: the provider writes, sends and checks
 * the codes, Latchkey stores none; phone confirmation, the sign-in's SMS step and the Verify API's {@code sms}
 * channel all go through it; an outage while checking gets an honest answer and costs no try; a permanent refusal
 * fails the message at once and reaches the administrator's outbox page.
 */
@LatchkeyTest
@TestPropertySource(properties = { "latchkey.sms.read-timeout=1s", "latchkey.delivery.max-attempts=3" })
class TwilioVerifyTests extends MailScenarios {

	static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";

	static final String SERVICE_SID = "VA0123456789abcdef0123456789abcdef";

	static final SmsProviderStub provider = SmsProviderStub.shared();

	@Autowired
	SmsAdministration sms;

	@Autowired
	ApiKeys keys;

	@BeforeEach
	void twilioVerifyAndEveryMethodAllowed() {
		this.sms.change(new SmsProviderChange("TWILIO_VERIFY", ACCOUNT_SID, "twilio-auth-token-7f3e9a1c5b", null, null,
				null, null, false, null, null, "200", "", SERVICE_SID));
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
		this.policy.changeAllowedMethods(EVERY_CODE_METHOD, true);
	}

	@AfterEach
	void noProvider() {
		this.policy.changeAllowedMethods(EnumSet.of(SecondFactorKind.EMAIL_CODE, SecondFactorKind.AUTHENTICATOR_APP),
				false);
		this.sms.change(new SmsProviderChange("NONE", null, null, null, null, null, null, false, null, null, "200", ""));
	}

	@Test
	void twilioVerifyNeedsItsServiceSid() {
		assertThatThrownBy(() -> this.sms.change(new SmsProviderChange("TWILIO_VERIFY", ACCOUNT_SID, "", null, null,
				null, null, false, null, null, "200", "", "MG0123")))
			.isInstanceOfSatisfying(InvalidSmsSettingsException.class,
					ex -> assertThat(ex.field()).isEqualTo("verifyServiceSid"));
	}

	@Test
	void aPhoneIsConfirmedAndASignInCompletedWithCodesTheProviderChecksThroughAnOutage() {
		Account alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/");
		String number = SmsProviderStub.newNumber();

		Page sent = browser.get("/account/phone").form("form[action$=/account/phone]").set("phone", number).submit();
		assertThat(sent.location()).isEqualTo("/account/phone");
		String code = provider.awaitVerifyCode(number);
		Request start = provider.awaitRequestsTo(number, 1).get(0);
		assertThat(start.path()).isEqualTo("/v2/Services/" + SERVICE_SID + "/Verifications");
		assertThat(start.form()).containsEntry("To", number).containsEntry("Channel", "sms").containsEntry("Locale", "en");
		Page wrong = sent.follow().form("form[action$=/account/phone/confirm]").set("code", otherThan(code)).submit();
		assertThat(wrong.status()).isEqualTo(400);
		Page confirmed = wrong.form("form[action$=/account/phone/confirm]").set("code", code).submit();
		assertThat(confirmed.location()).isEqualTo("/account");

		browser.get("/account/two-factor").form("form[action$=/account/two-factor/on]").submit();
		Browser next = new Browser(this.port);
		assertThat(next.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		Page smsStep = next.get("/login/verify").form("form[action$=/login/verify/sms/send]").submit().follow();
		String signInCode = awaitNewVerifyCode(number, code);
		provider.answerTo(number, 503, "{\"code\":20503,\"message\":\"Service unavailable\"}");
		Page down = smsStep.form("form[action$=/login/verify/sms]").set("code", signInCode).submit();
		assertThat(down.status()).isEqualTo(503);
		assertThat(down.text()).contains("The SMS provider could not check your code just now");
		Page signedIn = down.form("form[action$=/login/verify/sms]").set("code", signInCode).submit();
		assertThat(signedIn.location()).isEqualTo("/");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM code_challenge WHERE account_id = :id AND code_hash IS NOT NULL "
				+ "AND channel = 'SMS'").param("id", alice.id()).query(Long.class).single()).isZero();
	}

	@Test
	void anOutageWhileCheckingAtSignInIsSaidHonestlyAndCostsNoTry() {
		Account alice = People.alice(this.accounts);
		String number = SmsProviderStub.newNumber();
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		Page sent = browser.get("/account/phone").form("form[action$=/account/phone]").set("phone", number).submit();
		String code = provider.awaitVerifyCode(number);
		provider.answerTo(number, 503, "{\"code\":20503,\"message\":\"Service unavailable\"}");
		Page down = sent.follow().form("form[action$=/account/phone/confirm]").set("code", code).submit();
		assertThat(down.status()).isEqualTo(503);
		assertThat(down.text()).contains("The SMS provider could not check your code just now");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE event = 'SMS_PROVIDER_CHECK_FAILED'")
			.query(Long.class).single()).isPositive();
		Page confirmed = down.form("form[action$=/account/phone/confirm]").set("code", code).submit();
		assertThat(confirmed.location()).isEqualTo("/account");
	}

	@Test
	void theApisSmsChannelGoesThroughTwilioVerifyAndStoresNoCode() {
		ApiClient api = new ApiClient(this.port, this.keys.create(People.unique("app"), "Shop",
				EnumSet.of(ApiScope.VERIFICATIONS)).key());
		String number = SmsProviderStub.newNumber();
		Answer started = api.post("/api/v1/verifications", Map.of("channel", "sms", "to", number, "locale", "fr"));
		assertThat(started.status()).isEqualTo(201);
		String id = started.text("id");
		String code = provider.awaitVerifyCode(number);
		assertThat(provider.requestsTo(number).get(0).form()).containsEntry("Locale", "fr");
		assertThat(this.jdbc.sql("""
				SELECT c.code_hash FROM code_challenge c JOIN api_verification v ON v.challenge_id = c.id
				WHERE v.id = :id
				""").param("id", id).query(String.class).optional()).isEmpty();

		Answer wrong = check(api, id, otherThan(code));
		assertThat(wrong.text("status")).isEqualTo("denied");
		assertThat(wrong.number("triesLeft")).isEqualTo(4);
		provider.answerTo(number, 503, "{\"code\":20503,\"message\":\"Service unavailable\"}");
		Answer outage = check(api, id, code);
		assertThat(outage.status()).isEqualTo(503);
		assertThat(outage.text("type")).isEqualTo("urn:latchkey:problem:provider-failed");
		assertThat(api.get("/api/v1/verifications/" + id).number("triesLeft")).isEqualTo(4);
		assertThat(check(api, id, code).text("status")).isEqualTo("approved");
		assertThat(check(api, id, code).text("status")).isEqualTo("denied");
	}

	@Test
	void aPermanentRefusalFailsTheMessageAtOnceAndShowsOnTheOutboxPage() {
		ApiClient api = new ApiClient(this.port, this.keys.create(People.unique("app"), "Shop",
				EnumSet.of(ApiScope.VERIFICATIONS)).key());
		String number = SmsProviderStub.newNumber();
		provider.answerTo(number, 400, "{\"code\":60200,\"message\":\"Invalid parameter: To\"}");
		String id = api.post("/api/v1/verifications", Map.of("channel", "sms", "to", number)).text("id");
		long message = this.jdbc.sql("""
				SELECT c.outbox_message_id FROM code_challenge c JOIN api_verification v ON v.challenge_id = c.id
				WHERE v.id = :id
				""").param("id", id).query(Long.class).single();
		OutboxRows.Row failed = new OutboxRows(this.jdbc).awaitStatus(message, "FAILED");
		assertThat(failed.attempts()).isEqualTo(1);
		assertThat(provider.requestsTo(number)).hasSize(1);

		Browser admin = new Browser(this.port);
		admin.signIn(People.ada(this.accounts).login(), People.PASSWORD);
		Page outbox = admin.get("/admin/outbox");
		assertThat(outbox.document().select("#message-" + message).text()).contains("Failed")
			.contains("Twilio Verify answered HTTP 400").contains("Invalid parameter");
	}

	private String awaitNewVerifyCode(String number, String previous) {
		return org.awaitility.Awaitility.await()
			.until(() -> provider.awaitVerifyCode(number), code -> !code.equals(previous));
	}

	private static Answer check(ApiClient api, String id, String code) {
		return api.post("/api/v1/verifications/" + id + "/check", Map.of("code", code));
	}

	private static String otherThan(String code) {
		return "%06d".formatted((Integer.parseInt(code) + 1) % 1_000_000);
	}

}
