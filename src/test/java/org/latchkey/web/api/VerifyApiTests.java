package org.latchkey.web.api;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.sms.SmsAdministration;
import org.latchkey.sms.SmsProviderChange;
import org.latchkey.testing.ApiClient;
import org.latchkey.testing.ApiClient.Answer;
import org.latchkey.testing.AtOnce;
import org.latchkey.testing.DatabaseDump;
import org.latchkey.testing.FreshDatabase;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.People;
import org.latchkey.testing.SmsProviderStub;
import org.latchkey.testing.StorageInvariants;
import org.latchkey.testing.Totp;
import org.latchkey.verify.ApiKeys;
import org.latchkey.verify.ApiScope;
import org.latchkey.verify.NewApiKey;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Verify API through HTTP, as an application calls it: every endpoint and its errors, the code rules of
 * sign-in (single use under a race of twenty, five tries, ten minutes, send limits per destination and per key),
 * the rate limit per key, revocation, idempotent starts, scopes and applications kept apart, and what the
 * database keeps (no code, no key in clear). On H2 and on PostgreSQL.
 */
@LatchkeyTest
@StorageInvariants
@TestPropertySource(properties = { "latchkey.api.sends-per-key=8", "latchkey.api.requests-per-window=30" })
class VerifyApiTests extends MailScenarios {

	private static final SmsProviderStub provider = SmsProviderStub.shared();

	@Autowired
	ApiKeys keys;

	@Autowired
	SmsAdministration sms;

	private String application;

	private NewApiKey key;

	private ApiClient api;

	@BeforeEach
	void keyOfANewApplication() {
		this.application = People.unique("app");
		this.key = this.keys.create(this.application, "Wiki backend", EnumSet.allOf(ApiScope.class));
		this.api = new ApiClient(this.port, this.key.key());
	}

	@AfterEach
	void noSmsProvider() {
		this.sms.change(new SmsProviderChange("NONE", null, null, null, null, null, null, false, null, null, "200", ""));
	}

	@Test
	void anEmailCodeIsSentCheckedAndApprovedOnce() {
		String address = People.unique("reader") + "@example.com";
		Answer started = start("email", address, Map.of());
		assertThat(started.status()).isEqualTo(201);
		String id = started.text("id");
		assertThat(id).startsWith("ve_");
		assertThat(started.header("Location")).contains("/api/v1/verifications/" + id);
		assertThat(started.text("status")).isEqualTo("pending");
		assertThat(started.text("channel")).isEqualTo("email");
		assertThat(started.text("to")).doesNotContain(address.substring(1, address.indexOf('@')));
		assertThat(started.number("triesLeft")).isEqualTo(5);
		String code = this.mailbox.nextCode(address);

		Answer wrong = check(id, otherThan(code));
		assertThat(wrong.status()).isEqualTo(200);
		assertThat(wrong.text("status")).isEqualTo("denied");
		assertThat(wrong.text("reason")).isEqualTo("wrong_code");
		assertThat(wrong.number("triesLeft")).isEqualTo(4);

		Answer right = check(id, code);
		assertThat(right.text("status")).isEqualTo("approved");
		Answer replayed = check(id, code);
		assertThat(replayed.text("status")).isEqualTo("denied");
		assertThat(replayed.text("reason")).isEqualTo("already_approved");
		assertThat(this.api.get("/api/v1/verifications/" + id).text("status")).isEqualTo("approved");
	}

	@Test
	void theEmailCarriesTheApplicationsPrefixInItsLanguage() throws Exception {
		String address = People.unique("lecteur") + "@example.com";
		start("email", address, Map.of("locale", "fr", "prefix", "Wiki d'Acme :"));
		String text = org.latchkey.testing.Mailbox.text(this.mailbox.next(address));
		assertThat(text).startsWith("Wiki d'Acme :").contains("Voici votre code de vérification");
	}

	@Test
	void fiveWrongCodesKillTheVerification() {
		String address = People.unique("guesser") + "@example.com";
		String id = start("email", address, Map.of()).text("id");
		String code = this.mailbox.nextCode(address);
		for (int i = 4; i >= 1; i--) {
			assertThat(check(id, otherThan(code)).number("triesLeft")).isEqualTo(i);
		}
		Answer fifth = check(id, otherThan(code));
		assertThat(fifth.text("reason")).isEqualTo("max_attempts_reached");
		assertThat(fifth.number("triesLeft")).isZero();
		Answer late = check(id, code);
		assertThat(late.text("status")).isEqualTo("denied");
		assertThat(this.api.get("/api/v1/verifications/" + id).text("status")).isEqualTo("denied");
	}

	@Test
	void aCodeStopsWorkingAfterTenMinutes() {
		String address = People.unique("slow") + "@example.com";
		String id = start("email", address, Map.of()).text("id");
		String code = this.mailbox.nextCode(address);
		this.clock.advance(Duration.ofMinutes(10));
		Answer late = check(id, code);
		assertThat(late.text("status")).isEqualTo("denied");
		assertThat(late.text("reason")).isEqualTo("expired");
		assertThat(this.api.get("/api/v1/verifications/" + id).text("status")).isEqualTo("expired");
	}

	@Test
	void aCanceledVerificationRefusesItsCode() {
		String address = People.unique("changed-mind") + "@example.com";
		String id = start("email", address, Map.of()).text("id");
		String code = this.mailbox.nextCode(address);
		Answer canceled = this.api.post("/api/v1/verifications/" + id + "/cancel", Map.of());
		assertThat(canceled.status()).isEqualTo(200);
		assertThat(canceled.text("status")).isEqualTo("canceled");
		assertThat(check(id, code).text("reason")).isEqualTo("canceled");
		assertProblem(this.api.post("/api/v1/verifications/" + id + "/cancel", Map.of()), 409, "conflict");
	}

	@Test
	void twentyConcurrentChecksOfOneCodeAcceptExactlyOne() throws Exception {
		String address = People.unique("racer") + "@example.com";
		String id = start("email", address, Map.of()).text("id");
		String code = this.mailbox.nextCode(address);
		List<Answer> answers = AtOnce.run(20, () -> check(id, code));
		System.out.println("Twenty concurrent checks of one code: " + answers.stream()
			.filter(answer -> "approved".equals(answer.text("status")))
			.count() + " approved");
		assertThat(answers).allMatch(answer -> answer.status() == 200);
		assertThat(answers).filteredOn(answer -> "approved".equals(answer.text("status"))).hasSize(1);
	}

	@Test
	void aRetryWithTheSameIdempotencyKeySendsNothingMore() {
		String address = People.unique("retrier") + "@example.com";
		Map<String, String> retry = Map.of("Idempotency-Key", "order-4711");
		Answer first = this.api.post("/api/v1/verifications", Map.of("channel", "email", "to", address), retry);
		Answer second = this.api.post("/api/v1/verifications", Map.of("channel", "email", "to", address), retry);
		assertThat(second.text("id")).isEqualTo(first.text("id"));
		this.mailbox.nextCode(address);
		Answer third = this.api.post("/api/v1/verifications", Map.of("channel", "email", "to", address),
				Map.of("Idempotency-Key", "order-4712"));
		assertThat(third.text("id")).isNotEqualTo(first.text("id"));
		this.mailbox.nextCode(address);
		assertThat(this.mailbox.count(address)).isEqualTo(2);
	}

	@Test
	void oneDestinationGetsFiveCodesInFifteenMinutesWhicheverKeyAsks() {
		String address = People.unique("flooded") + "@example.com";
		for (int i = 0; i < 3; i++) {
			assertThat(start("email", address, Map.of()).status()).isEqualTo(201);
		}
		ApiClient otherKey = this.api.as(this.keys.create(People.unique("other-app"), "Other",
				Set.of(ApiScope.VERIFICATIONS)).key());
		for (int i = 0; i < 2; i++) {
			assertThat(otherKey.post("/api/v1/verifications", Map.of("channel", "email", "to", address)).status())
				.isEqualTo(201);
		}
		Answer sixth = start("email", address, Map.of());
		assertProblem(sixth, 429, "too-many-sends");
		assertThat(sixth.header("Retry-After")).isPresent();
		this.clock.advance(Duration.ofMinutes(15));
		assertThat(start("email", address, Map.of()).status()).isEqualTo(201);
	}

	@Test
	void oneKeySendsNoMoreThanItsLimit() {
		for (int i = 0; i < 8; i++) {
			assertThat(start("email", People.unique("many") + "@example.com", Map.of()).status()).isEqualTo(201);
		}
		assertProblem(start("email", People.unique("many") + "@example.com", Map.of()), 429, "too-many-sends");
	}

	@Test
	void aKeyOverItsRateLimitIsAnswered429WithRetryAfter() {
		String missing = "/api/v1/verifications/ve_0123456789abcdef0123456789abcdef";
		for (int i = 0; i < 30; i++) {
			assertThat(this.api.get(missing).status()).isEqualTo(404);
		}
		Answer limited = this.api.get(missing);
		assertProblem(limited, 429, "rate-limited");
		assertThat(Integer.parseInt(limited.header("Retry-After").orElseThrow())).isBetween(1, 60);
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.api.get(missing).status()).isEqualTo(404);
	}

	@Test
	void aRevokedKeyIsRefusedAtOnce() {
		String address = People.unique("revoked") + "@example.com";
		String id = start("email", address, Map.of()).text("id");
		assertThat(this.api.get("/api/v1/verifications/" + id).status()).isEqualTo(200);
		assertThat(this.keys.revoke(this.application, this.key.view().id())).isTrue();
		Answer refused = this.api.get("/api/v1/verifications/" + id);
		assertProblem(refused, 401, "unauthorized");
		assertThat(refused.header("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
	}

	@Test
	void requestsWithoutAValidKeyAreRefused() {
		assertProblem(this.api.as(null).post("/api/v1/verifications", Map.of("channel", "email", "to", "a@example.com")),
				401, "unauthorized");
		assertProblem(this.api.as("lk_00000000_" + "A".repeat(43)).get("/api/v1/verifications/ve_x"), 401,
				"unauthorized");
		assertProblem(this.api.as("not a key").get("/api/v1/verifications/ve_x"), 401, "unauthorized");
	}

	@Test
	void wrongFieldsAreProblemsThatNameTheField() {
		assertField(this.api.post("/api/v1/verifications", Map.of("channel", "fax", "to", "a@example.com")), "channel");
		assertField(this.api.post("/api/v1/verifications", Map.of("channel", "email", "to", "not an address")), "to");
		assertField(this.api.post("/api/v1/verifications", Map.of("channel", "sms", "to", "0612345678")), "to");
		assertField(start("email", "a@example.com", Map.of("locale", "french")), "locale");
		assertField(start("email", "a@example.com", Map.of("prefix", "Call 0800 123 456")), "prefix");
		assertField(this.api.post("/api/v1/verifications", Map.of("channel", "email", "to", "a@example.com"),
				Map.of("Idempotency-Key", "with space")), "Idempotency-Key");
		Answer unreadable = this.api.send("POST", "/api/v1/verifications", "{\"channel\":", Map.of());
		assertThat(unreadable.status()).isEqualTo(400);
		assertThat(unreadable.contentType()).startsWith("application/problem+json");
		Answer form = this.api.send("POST", "/api/v1/verifications", "channel=email",
				Map.of("Content-Type", "application/x-www-form-urlencoded"));
		assertThat(form.status()).isEqualTo(415);
		assertThat(form.contentType()).startsWith("application/problem+json");
	}

	@Test
	void aCodeOfTheWrongShapeIsRefusedWithoutCountingATry() {
		String address = People.unique("typo") + "@example.com";
		String id = start("email", address, Map.of()).text("id");
		this.mailbox.nextCode(address);
		assertField(check(id, "12345"), "code");
		assertField(this.api.post("/api/v1/verifications/" + id + "/check", Map.of()), "code");
		assertThat(this.api.get("/api/v1/verifications/" + id).number("triesLeft")).isEqualTo(5);
	}

	@Test
	void anotherApplicationsKeyFindsNoVerificationAndAKeyUsesOnlyItsScopes() {
		String address = People.unique("private") + "@example.com";
		String id = start("email", address, Map.of()).text("id");
		String code = this.mailbox.nextCode(address);
		ApiClient other = this.api.as(this.keys.create(People.unique("app"), "Other", EnumSet.allOf(ApiScope.class))
			.key());
		assertProblem(other.get("/api/v1/verifications/" + id), 404, "not-found");
		assertProblem(other.post("/api/v1/verifications/" + id + "/check", Map.of("code", code)), 404, "not-found");
		ApiClient totpOnly = this.api.as(this.keys.create(this.application, "TOTP only", Set.of(ApiScope.TOTP)).key());
		assertProblem(totpOnly.get("/api/v1/verifications/" + id), 403, "scope");
		ApiClient codesOnly = this.api.as(this.keys.create(this.application, "Codes", Set.of(ApiScope.VERIFICATIONS))
			.key());
		assertProblem(codesOnly.post("/api/v1/users/u1/totp", Map.of()), 403, "scope");
		assertThat(codesOnly.post("/api/v1/verifications/" + id + "/check", Map.of("code", code)).text("status"))
			.isEqualTo("approved");
	}

	@Test
	void smsNeedsAProviderAndAnAllowedCountry() {
		assertProblem(start("sms", SmsProviderStub.newNumber(), Map.of()), 422, "sms-unavailable");
		useTwilio("1");
		assertProblem(start("sms", SmsProviderStub.newNumber(), Map.of()), 422, "sms-unavailable");
	}

	@Test
	void anSmsCodeCarriesThePrefixAndIsApprovedOnce() {
		useTwilio("");
		String number = SmsProviderStub.newNumber();
		String id = start("sms", number, Map.of("prefix", "Acme Wiki:")).text("id");
		SmsProviderStub.Request sent = provider.awaitRequestsTo(number, 1).get(0);
		assertThat(sent.text()).startsWith("Acme Wiki: Your Latchkey security code");
		assertThat(check(id, sent.code()).text("status")).isEqualTo("approved");
		assertThat(check(id, sent.code()).text("status")).isEqualTo("denied");
	}

	@Test
	void anAuthenticatorAppIsCreatedConfirmedCheckedOnceAndDeleted() {
		String user = People.unique("user");
		String path = "/api/v1/users/" + user + "/totp";
		assertProblem(this.api.post(path + "/check", Map.of("code", "123456")), 404, "not-found");
		Answer created = this.api.post(path, Map.of("label", "ada@acme.example"));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Cache-Control")).contains("no-store");
		String secret = created.text("secret");
		assertThat(created.text("otpauthUri")).startsWith("otpauth://totp/Latchkey:ada%40acme.example?secret=" + secret);
		assertThat(created.text("qrCodePng")).startsWith("data:image/png;base64,iVBORw0KGgo");
		assertProblem(this.api.post(path + "/check", Map.of("code", Totp.code(secret, this.clock))), 404, "not-found");

		assertThat(this.api.post(path + "/confirm", Map.of("code", otherThan(Totp.code(secret, this.clock))))
			.text("status")).isEqualTo("denied");
		assertThat(this.api.post(path + "/confirm", Map.of("code", Totp.code(secret, this.clock))).text("status"))
			.isEqualTo("confirmed");
		Answer replayed = this.api.post(path + "/check", Map.of("code", Totp.code(secret, this.clock)));
		assertThat(replayed.text("status")).isEqualTo("denied");
		assertThat(replayed.text("reason")).isEqualTo("already_used");
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.api.post(path + "/check", Map.of("code", Totp.code(secret, this.clock))).text("status"))
			.isEqualTo("approved");
		assertThat(this.api.post(path + "/check", Map.of("code", otherThan(Totp.code(secret, this.clock))))
			.text("reason")).isEqualTo("wrong_code");

		assertProblem(this.api.post(path, Map.of()), 409, "conflict");
		assertProblem(this.api.post(path + "/confirm", Map.of("code", "123456")), 409, "conflict");
		assertThat(this.api.delete(path).status()).isEqualTo(204);
		assertProblem(this.api.delete(path), 404, "not-found");
		assertField(this.api.post("/api/v1/users/" + "x".repeat(201) + "/totp", Map.of()), "user");
	}

	@Test
	void fiveChecksInARowWithoutAnAcceptedCodeLockTheAppForFifteenMinutesEvenToTheRightCode() {
		String path = "/api/v1/users/" + People.unique("user") + "/totp";
		String secret = this.api.post(path, Map.of()).text("secret");
		this.api.post(path + "/confirm", Map.of("code", Totp.code(secret, this.clock)));
		this.clock.advance(Duration.ofSeconds(30));
		for (int i = 0; i < 5; i++) {
			assertThat(this.api.post(path + "/check", Map.of("code", otherThan(Totp.code(secret, this.clock))))
				.text("reason")).isEqualTo("wrong_code");
		}
		assertThat(this.api.post(path + "/check", Map.of("code", Totp.code(secret, this.clock))).text("reason"))
			.isEqualTo("too_many_attempts");

		this.clock.advance(Duration.ofMinutes(15));
		assertThat(this.api.post(path + "/check", Map.of("code", Totp.code(secret, this.clock))).text("status"))
			.isEqualTo("approved");
	}

	@Test
	void everyCallIsAuditedWithTheKeysName() {
		String address = People.unique("audited") + "@example.com";
		String id = start("email", address, Map.of()).text("id");
		check(id, otherThan(this.mailbox.nextCode(address)));
		this.api.get("/api/v1/verifications/" + id);
		List<String> events = this.jdbc.sql("""
				SELECT event FROM audit_event WHERE actor = :actor ORDER BY id
				""").param("actor", "API key Wiki backend (" + this.key.view().prefix() + ")").query(String.class).list();
		assertThat(events).containsExactly("API_VERIFICATION_STARTED", "API_VERIFICATION_CHECKED",
				"API_VERIFICATION_READ");
	}

	@Test
	void theDatabaseKeepsNoCodeNorKeyInClear() {
		String address = People.unique("dumped") + "@example.com";
		start("email", address, Map.of());
		String code = this.mailbox.nextCode(address);
		String user = People.unique("user");
		String secret = this.api.post("/api/v1/users/" + user + "/totp", Map.of()).text("secret");
		String dump = FreshDatabase.onPostgres() ? DatabaseDump.of(this.jdbc)
				: DatabaseDump.of(this.jdbc) + DatabaseDump.h2Script(this.jdbc);
		assertThat(dump).doesNotContain(this.key.key())
			.doesNotContain(this.key.key().substring(this.key.view().prefix().length() + 1))
			.doesNotContain(secret)
			.doesNotContainPattern("(?<![0-9])" + code + "(?![0-9])");
	}

	private Answer start(String channel, String to, Map<String, String> more) {
		Map<String, String> body = new java.util.HashMap<>(more);
		body.put("channel", channel);
		body.put("to", to);
		return this.api.post("/api/v1/verifications", body);
	}

	private Answer check(String id, String code) {
		return this.api.post("/api/v1/verifications/" + id + "/check", Map.of("code", code));
	}

	private void useTwilio(String countries) {
		this.sms.change(new SmsProviderChange("TWILIO", "AC0123456789abcdef0123456789abcdef",
				"twilio-auth-token-7f3e9a1c5b", "+15005550006", null, null, null, false, null, null, "200", countries));
	}

	static String otherThan(String code) {
		return "%06d".formatted((Integer.parseInt(code) + 1) % 1_000_000);
	}

	static void assertProblem(Answer answer, int status, String type) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.text("type")).isEqualTo("urn:latchkey:problem:" + type);
		assertThat(answer.number("status")).isEqualTo(status);
	}

	static void assertField(Answer answer, String field) {
		assertProblem(answer, 400, "invalid-field");
		assertThat(answer.text("field")).isEqualTo(field);
	}

}
