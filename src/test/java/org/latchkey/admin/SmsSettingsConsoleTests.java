package org.latchkey.admin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.system.Masks;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.OutboxRows;
import org.latchkey.testing.People;
import org.latchkey.testing.SmsProviderStub;
import org.latchkey.testing.SmsProviderStub.Request;
import org.latchkey.testing.TextColumns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Advanced settings → 2FA: SMS provider, through HTTP against the running application, with the production SMS
 * clients talking to a local stub of the provider.
 */
@LatchkeyTest
class SmsSettingsConsoleTests extends ApplicationScenarios {

	static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";

	static final String AUTH_TOKEN = "console-token-9e8d7c6b5a41";

	/** The run's stub: each test sends to numbers of its own, and reads only their requests. */
	static final SmsProviderStub provider = SmsProviderStub.shared();

	Browser admin;

	@BeforeEach
	void signInAndResetProvider() {
		this.admin = Console.signedIn(this.port, People.ada(this.accounts));
	}

	@AfterEach
	void restoreDefaults() {
		this.admin.get("/admin/advanced")
			.form("#sms-settings")
			.set("provider", "NONE")
			.set("hourlyCap", "200")
			.set("allowedCountryCodes", "")
			.submit();
	}

	@Test
	void byDefaultNoProviderIsSetAndThePageSaysWhatAProviderWouldReceive() {
		Page page = this.admin.get("/admin/advanced");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.document().select(".subnav a[aria-current=page]").text()).isEqualTo("Advanced settings");
		assertThat(page.document().select("input[name=provider][checked]").val()).isEqualTo("NONE");
		assertThat(page.document().select("#sms-status").text()).contains("None: no SMS is sent");
		String privacy = page.document().select("#privacy").text();
		assertThat(privacy).contains("nothing about sign-ins leaves this server")
			.contains("the phone number")
			.contains("the message text, which contains the one-time code")
			.contains("the time of sending")
			.contains("shared with whoever owns that key");
	}

	@Test
	void administratorConfiguresTwilioThenTheTestSmsArrives() {
		Page saved = saveTwilio(AUTH_TOKEN);

		assertThat(saved.status()).isEqualTo(302);
		assertThat(saved.location()).isEqualTo("/admin/advanced");
		Page page = saved.follow();
		assertThat(page.text()).contains("The SMS settings are saved");
		assertThat(page.document().select("#authToken-help").text()).contains("\u2022\u2022\u2022\u20225a41");
		assertThat(page.body()).doesNotContain(AUTH_TOKEN).doesNotContain(AUTH_TOKEN.substring(0, 12));
		assertThat(page.document().select("#authToken").val()).isEmpty();
		String number = SmsProviderStub.newNumber();

		Page queued = page.form("#sms-test").set("number", number).submit();

		assertThat(queued.status()).isEqualTo(302);
		assertThat(queued.follow().text()).contains("The test SMS (message");
		Request request = provider.awaitRequestsTo(number, 1).get(0);
		assertThat(request.form()).containsEntry("To", number).containsEntry("From", "+15005550006");
		assertThat(request.text()).startsWith("This is a test SMS from Latchkey (http://localhost:" + this.port);
		assertThat(request.headers().get("authorization")).isEqualTo(basic(AUTH_TOKEN));
		assertThat(audit("SMS_SETTINGS_CHANGED")).anySatisfy(detail -> assertThat(detail)
			.contains("provider NONE -> TWILIO")
			.contains("auth token replaced")
			.doesNotContain(AUTH_TOKEN));
		assertThat(audit("TEST_SMS_QUEUED")).anySatisfy(detail -> assertThat(detail).endsWith(Masks.phone(number)));
		assertThat(TextColumns.containing(this.jdbc, AUTH_TOKEN.substring(4))).isEmpty();
	}

	@Test
	void savingWithoutRetypingTheSecretKeepsTheStoredOne() {
		saveTwilio(AUTH_TOKEN);

		String number = SmsProviderStub.newNumber();

		Page saved = this.admin.get("/admin/advanced").form("#sms-settings").set("sender", "Latchkey").submit();
		sendTestSms(number);

		assertThat(saved.status()).isEqualTo(302);
		Request request = provider.awaitRequestsTo(number, 1).get(0);
		assertThat(request.headers().get("authorization")).isEqualTo(basic(AUTH_TOKEN));
		assertThat(request.form()).containsEntry("From", "Latchkey");
	}

	@Test
	void genericProviderHeadersAreSecretsShownOnlyByTheirLastCharacters() {
		Page saved = this.admin.get("/admin/advanced")
			.form("#sms-settings")
			.set("provider", "HTTP")
			.set("url", provider.url("/api/sms"))
			.set("method", "POST")
			.set("headers", "X-Api-Key: header-secret-1a2b3c4d\nX-Tenant: acme-tenant-0042")
			.set("bodyTemplate", "{\"to\": \"{to}\", \"message\": \"{message}\"}")
			.set("bodyFormat", "JSON")
			.submit();

		assertThat(saved.status()).isEqualTo(302);
		Page page = saved.follow();
		assertThat(page.document().select("#stored-headers li").eachText())
			.containsExactly("X-Api-Key: \u2022\u2022\u2022\u20223c4d", "X-Tenant: \u2022\u2022\u2022\u20220042");
		assertThat(page.body()).doesNotContain("header-secret").doesNotContain("acme-tenant");
		assertThat(TextColumns.containing(this.jdbc, "header-secret")).isEmpty();
		assertThat(audit("SMS_SETTINGS_CHANGED")).anySatisfy(detail -> assertThat(detail)
			.contains("headers replaced: X-Api-Key, X-Tenant")
			.doesNotContain("header-secret"));

		String number = SmsProviderStub.newNumber();
		page.form("#sms-test").set("number", number).submit();
		Request request = provider.awaitRequestsTo(number, 1).get(0);
		assertThat(request.path()).isEqualTo("/api/sms");
		assertThat(request.headers()).containsEntry("x-api-key", "header-secret-1a2b3c4d");
	}

	@Test
	void afterSavingAProviderThePageNamesTheNextStepAndTheAllowedMethods() {
		this.policy.changeAllowedMethods(EnumSet.of(SecondFactorKind.EMAIL_CODE, SecondFactorKind.AUTHENTICATOR_APP),
				false);
		assertThat(this.admin.get("/admin/advanced").document().select("#sms-next-step")).isEmpty();

		Page page = saveTwilio(AUTH_TOKEN).follow();

		Element next = page.document().selectFirst("#sms-next-step");
		assertThat(next.text()).contains("SMS codes are not among the allowed methods yet");
		assertThat(next.select("#allowed-now").text()).isEqualTo("Email code, Authenticator app");
		assertThat(next.select("a").attr("href")).isEqualTo("/admin/authentication#allowed-methods");
		assertThat(this.admin.get("/admin/authentication").document().select("h2#allowed-methods")).hasSize(1);

		this.policy.changeAllowedMethods(EVERY_CODE_METHOD, true);
		Element allowed = this.admin.get("/admin/advanced").document().selectFirst("#sms-next-step");
		assertThat(allowed.text()).contains("SMS codes are among the allowed methods");
		assertThat(allowed.select("#allowed-now").text()).isEqualTo("Email code, Authenticator app, SMS code");
		this.policy.changeAllowedMethods(EnumSet.of(SecondFactorKind.EMAIL_CODE, SecondFactorKind.AUTHENTICATOR_APP),
				false);
	}

	@Test
	void switchingFromHttpToTwilioAndBackKeepsEachProvidersSettingsAndSecrets() {
		saveHttp("X-Api-Key: header-secret-1a2b3c4d");
		saveTwilio(AUTH_TOKEN);

		Page http = this.admin.get("/admin/advanced").form("#sms-settings").set("provider", "HTTP").submit();
		String toHttp = SmsProviderStub.newNumber();
		sendTestSms(toHttp);
		// a message goes out with the settings of when it is dispatched: wait for it before switching again
		Request viaHttp = provider.awaitRequestsTo(toHttp, 1).get(0);
		Page twilio = this.admin.get("/admin/advanced").form("#sms-settings").set("provider", "TWILIO").submit();
		String toTwilio = SmsProviderStub.newNumber();
		sendTestSms(toTwilio);

		assertThat(http.status()).isEqualTo(302);
		assertThat(viaHttp.path()).isEqualTo("/api/sms");
		assertThat(viaHttp.headers()).containsEntry("x-api-key", "header-secret-1a2b3c4d");
		assertThat(twilio.status()).isEqualTo(302);
		Request viaTwilio = provider.awaitRequestsTo(toTwilio, 1).get(0);
		assertThat(viaTwilio.headers().get("authorization")).isEqualTo(basic(AUTH_TOKEN));
	}

	@Test
	void providerErrorIsShownToTheAdministratorAndTheMessageIsNotRetried() {
		saveTwilio(AUTH_TOKEN);
		String number = SmsProviderStub.newNumber();
		provider.answerTo(number, 401, "{\"code\": 20003, \"message\": \"Authenticate\", \"status\": 401}");

		sendTestSms(number);
		long id = this.jdbc.sql("SELECT MAX(id) FROM outbox_message").query(Long.class).single();
		new OutboxRows(this.jdbc).awaitStatus(id, "FAILED");

		Page page = this.admin.get("/admin/advanced");
		assertThat(page.document().select("#last-error").text()).contains("Message " + id + " (Failed)")
			.contains("Twilio answered HTTP 401")
			.contains("Authenticate");
		assertThat(this.admin.get("/admin/outbox").document().select("#message-" + id).text()).contains("Failed")
			.contains("Twilio answered HTTP 401");
		assertThat(provider.requestsTo(number)).hasSize(1);
	}

	@Test
	void badSettingsAreRefusedNextToTheirFieldWithoutEchoingSecrets() {
		Map<String, String[]> cases = Map.of("accountSid", new String[] { "SK123", "AC followed by 32" },
				"sender", new String[] { "not a valid sender!", "international form" }, "hourlyCap",
				new String[] { "0", "from 1 to 100,000" }, "allowedCountryCodes",
				new String[] { "33, 999", "country calling codes" });

		cases.forEach((field, valueAndMessage) -> {
			Page answer = this.admin.get("/admin/advanced")
				.form("#sms-settings")
				.set("provider", "TWILIO")
				.set("accountSid", ACCOUNT_SID)
				.set("authToken", AUTH_TOKEN)
				.set("sender", "+15005550006")
				.set(field, valueAndMessage[0])
				.submit();

			assertThat(answer.status()).as(field).isEqualTo(400);
			assertThat(answer.document().select("#" + field + "-error").text()).as(field)
				.contains(valueAndMessage[1]);
			assertThat(answer.document().select("#" + field).attr("aria-invalid")).isEqualTo("true");
			assertThat(answer.body()).doesNotContain(AUTH_TOKEN);
		});
		Page withoutToken = this.admin.get("/admin/advanced")
			.form("#sms-settings")
			.set("provider", "TWILIO")
			.set("accountSid", ACCOUNT_SID)
			.set("sender", "+15005550006")
			.submit();
		Page badUrl = this.admin.get("/admin/advanced")
			.form("#sms-settings")
			.set("provider", "HTTP")
			.set("url", "ftp://sms.example/send")
			.set("bodyTemplate", "{to} {message}")
			.submit();
		Page plainHttp = this.admin.get("/admin/advanced")
			.form("#sms-settings")
			.set("provider", "HTTP")
			.set("url", "http://sms.example/send")
			.set("bodyTemplate", "{to} {message}")
			.submit();
		Page badHeader = this.admin.get("/admin/advanced")
			.form("#sms-settings")
			.set("provider", "HTTP")
			.set("url", "https://sms.example/send")
			.set("headers", "X-Api-Key secret-without-colon")
			.set("bodyTemplate", "{to} {message}")
			.submit();
		Page hostHeader = this.admin.get("/admin/advanced")
			.form("#sms-settings")
			.set("provider", "HTTP")
			.set("url", "https://sms.example/send")
			.set("headers", "Host: internal.example")
			.set("bodyTemplate", "{to} {message}")
			.submit();

		assertThat(withoutToken.document().select("#authToken-error").text()).isEqualTo("Enter the auth token.");
		assertThat(badUrl.document().select("#url-error").text()).startsWith("Enter an https address");
		assertThat(plainHttp.document().select("#url-error").text()).startsWith("Enter an https address");
		assertThat(badHeader.document().select("#headers-error").text()).contains("Name: value");
		assertThat(hostHeader.document().select("#headers-error").text()).contains("Name: value");
		assertThat(badHeader.body()).doesNotContain("secret-without-colon");
		assertThat(this.admin.get("/admin/advanced").document().select("input[name=provider][checked]").val())
			.isEqualTo("NONE");
	}

	@Test
	void testSmsToANumberThatIsNotValidIsRefused() {
		saveTwilio(AUTH_TOKEN);
		long before = total();

		for (String number : List.of("", "0612345678", "+33 1", "+1 555 0100 not", "+99912345678",
				"+336123456789012")) {
			Page answer = sendTestSms(number);

			assertThat(answer.status()).as(number).isEqualTo(400);
			assertThat(answer.document().select("#number-error").text()).as(number)
				.startsWith("This is not a valid phone number");
		}
		assertThat(total()).isEqualTo(before);
	}

	@Test
	void testSmsWithoutProviderOrToAnotherCountryIsRefused() {
		long before = total();

		Page withoutProvider = sendTestSms(SmsProviderStub.newNumber());
		saveTwilio(AUTH_TOKEN);
		this.admin.get("/admin/advanced").form("#sms-settings").set("allowedCountryCodes", "44, 49").submit();
		Page otherCountry = sendTestSms(SmsProviderStub.newNumber());

		assertThat(withoutProvider.status()).isEqualTo(400);
		assertThat(withoutProvider.document().select("#number-error").text()).startsWith("No SMS can go to this number");
		assertThat(otherCountry.status()).isEqualTo(400);
		assertThat(otherCountry.document().select("#number-error").text()).startsWith("No SMS can go to this number");
		assertThat(total()).isEqualTo(before);
	}

	@Test
	void sixthSmsToANumberWithinFifteenMinutesIsRefused() {
		saveTwilio(AUTH_TOKEN);
		String number = SmsProviderStub.newNumber();

		for (int i = 1; i <= 5; i++) {
			assertThat(sendTestSms(number).status())
				.as("SMS %d", i)
				.isEqualTo(302);
		}
		Page sixth = sendTestSms(number);

		assertThat(sixth.status()).isEqualTo(400);
		assertThat(sixth.document().select("#number-error").text())
			.isEqualTo("This number received 5 SMS in the last 15 minutes: try again later.");
		assertThat(new OutboxRows(this.jdbc).countTo(number)).isEqualTo(5);
	}

	@Test
	void reachingTheHourlyCapRefusesSmsIsAuditedOnceAndShownInTheConsole() {
		saveTwilio(AUTH_TOKEN);
		long sentLastHour = this.jdbc.sql("SELECT COUNT(*) FROM sms_send").query(Long.class).single();
		this.admin.get("/admin/advanced")
			.form("#sms-settings")
			.set("hourlyCap", String.valueOf(sentLastHour + 1))
			.submit();
		long auditedBefore = audit("SMS_HOURLY_CAP_REACHED").size();

		Page first = sendTestSms(SmsProviderStub.newNumber());
		Page refused = sendTestSms(SmsProviderStub.newNumber());
		Page refusedAgain = sendTestSms(SmsProviderStub.newNumber());

		assertThat(first.status()).isEqualTo(302);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.document().select("#number-error").text()).startsWith("The hourly SMS cap is reached");
		assertThat(refusedAgain.status()).isEqualTo(400);
		assertThat(audit("SMS_HOURLY_CAP_REACHED")).hasSize((int) auditedBefore + 1);
		assertThat(refusedAgain.document().select("#cap-reached").text())
			.contains("The hourly SMS cap (" + (sentLastHour + 1) + ") was reached");
	}

	@Test
	void userWhoIsNotAnAdministratorCannotSeeNorChangeTheSettings() {
		Account alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		String csrf = browser.get("/").csrf();

		Page page = browser.get("/admin/advanced");
		Page change = browser.post("/admin/advanced/sms", Map.of("_csrf", csrf, "provider", "HTTP", "url",
				"https://attacker.example/", "bodyTemplate", "{to}{message}", "bodyFormat", "JSON", "method",
				"POST", "hourlyCap", "200"));
		Page test = browser.post("/admin/advanced/sms/test", Map.of("_csrf", csrf, "number", "+33612345678"));

		assertThat(page.status()).isEqualTo(403);
		assertThat(change.status()).isEqualTo(403);
		assertThat(test.status()).isEqualTo(403);
		assertThat(this.admin.get("/admin/advanced").document().select("input[name=provider][checked]").val())
			.isEqualTo("NONE");
	}

	@Test
	void pageSpeaksFrench() {
		Browser browser = Console.signedIn(this.port, People.ada(this.accounts)).acceptLanguage("fr");

		Page page = browser.get("/admin/advanced");

		assertThat(page.document().select("h1").text()).isEqualTo("Param\u00e8tres avanc\u00e9s");
		assertThat(page.text()).contains("Envoyer un SMS de test").contains("le num\u00e9ro de t\u00e9l\u00e9phone");
	}

	private Page saveTwilio(String token) {
		return this.admin.get("/admin/advanced")
			.form("#sms-settings")
			.set("provider", "TWILIO")
			.set("accountSid", ACCOUNT_SID)
			.set("authToken", token)
			.set("sender", "+15005550006")
			.submit();
	}

	private Page saveHttp(String headers) {
		return this.admin.get("/admin/advanced")
			.form("#sms-settings")
			.set("provider", "HTTP")
			.set("url", provider.url("/api/sms"))
			.set("method", "POST")
			.set("headers", headers)
			.set("bodyTemplate", "{\"to\": \"{to}\", \"message\": \"{message}\"}")
			.set("bodyFormat", "JSON")
			.submit();
	}

	private Page sendTestSms(String number) {
		return this.admin.get("/admin/advanced").form("#sms-test").set("number", number).submit();
	}

	private List<String> audit(String event) {
		return this.jdbc.sql("SELECT detail FROM audit_event WHERE event = :event")
			.param("event", event)
			.query(String.class)
			.list();
	}

	private long total() {
		return this.jdbc.sql("SELECT COUNT(*) FROM outbox_message").query(Long.class).single();
	}

	private static String basic(String token) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((ACCOUNT_SID + ":" + token).getBytes(StandardCharsets.UTF_8));
	}

}
