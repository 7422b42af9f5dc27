package org.latchkey.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.oidc.NewClient;
import org.latchkey.oidc.OidcClients;
import org.latchkey.oidc.RegisteredApplication;
import org.latchkey.policy.PasskeyPolicy;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.People;
import org.latchkey.testing.SignIns;
import org.latchkey.testing.SoftwarePasskey;
import org.latchkey.testing.TokenClient;
import org.latchkey.testing.Totp;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkeys through HTTP, with a passkey made in the test ({@link SoftwarePasskey}): registered on My account,
 * the second step, the sign-in without a password and the administrator's switch for it, an application's
 * {@code amr} and {@code acr}, answers for another origin, a fresh second factor before a change, the last
 * method, administrators held to a passkey, and an administrator removing a user's passkey.
 */
@LatchkeyTest
class PasskeyTests extends MailScenarios {

	@Autowired
	OidcClients clients;

	Account alice;

	@BeforeEach
	void passkeysAreAllowedAndTwoFactorIsRequired() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		this.policy.changeAllowedMethods(EnumSet.of(SecondFactorKind.EMAIL_CODE, SecondFactorKind.PASSKEY), false);
		this.policy.changePasskeys(new PasskeyPolicy(false, false));
		this.alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
	}

	@AfterEach
	void seedPolicyAgain() {
		this.policy.changePasskeys(new PasskeyPolicy(false, false));
		this.policy.changeAllowedMethods(EnumSet.of(SecondFactorKind.EMAIL_CODE, SecondFactorKind.AUTHENTICATOR_APP),
				false);
	}

	String origin() {
		return "http://localhost:" + this.port;
	}

	@Test
	void passkeyAddedOnMyAccountIsAskedFirstAtTheSecondStep() {
		SoftwarePasskey passkey = SoftwarePasskey.deviceBound(origin());
		Browser browser = SignIns.signedIn(this.port, this.alice, People.PASSWORD, this.mailbox);
		Page added = register(browser, passkey, "Work laptop");
		Page list = added.follow();

		Browser next = new Browser(this.port);
		assertThat(next.signIn(this.alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		Page step2 = next.get("/login/verify");
		Page signedIn = answer(step2, "form[action$=/login/verify/passkey]", passkey);

		assertThat(added.location()).isEqualTo("/account/passkeys");
		assertThat(list.text()).contains("Passkey \"Work laptop\" added", "Work laptop", "on one device");
		assertThat(step2.text()).contains("Use your passkey", "Send me a code by email instead");
		assertThat(signedIn.location()).isEqualTo("/");
		assertThat(next.get("/").text()).contains("Signed in as " + this.alice.login());
		assertThat(sessionMethods(this.alice)).contains("PASSKEY");
		assertThat(auditDetails("PASSKEY_ADDED", "SUCCESS")).containsExactly("\"Work laptop\" (device-bound)");
		assertThat(this.jdbc.sql("SELECT last_used_at FROM passkey WHERE account_id = :id")
			.param("id", this.alice.id())
			.query(Object.class)
			.single()).isNotNull();
	}

	@Test
	void userWithNoMethodRegistersAFirstPasskeyAtSignInWhenOnlyPasskeysAreAllowed() {
		this.policy.changeAllowedMethods(EnumSet.of(SecondFactorKind.PASSKEY), false);
		Account bob = People.alice(this.accounts);
		Browser browser = new Browser(this.port);
		browser.signIn(bob.login(), People.PASSWORD);

		Page step2 = browser.get("/login/verify");
		Page enrolment = browser.get("/login/verify/passkey-setup");
		String options = enrolment.document().select("form[data-passkey=register]").attr("data-options");
		Page signedIn = enrolment.form("form[data-passkey=register]")
			.set("name", "First key")
			.set("credential", SoftwarePasskey.deviceBound(origin()).register(options))
			.submit();

		assertThat(step2.location()).isEqualTo("/login/verify/passkey-setup");
		assertThat(signedIn.location()).isEqualTo("/");
		assertThat(sessionMethods(bob)).containsExactly("PASSKEY");
		assertThat(this.jdbc.sql("SELECT detail FROM audit_event WHERE event = 'PASSKEY_ENROLLED' AND subject_account_id = :id")
			.param("id", bob.id()).query(String.class).list()).containsExactly("\"First key\"");
		assertThat(this.alice).isNotNull();
	}

	@Test
	void answersForAnotherOriginAreRefused() {
		SoftwarePasskey phished = SoftwarePasskey.deviceBound("https://latchkey.example.net.evil.example");
		Browser browser = SignIns.signedIn(this.port, this.alice, People.PASSWORD, this.mailbox);
		Page refused = register(browser, phished, "Phished");
		SoftwarePasskey passkey = SoftwarePasskey.deviceBound(origin());
		register(browser, passkey, "Mine");

		Browser next = new Browser(this.port);
		next.signIn(this.alice.login(), People.PASSWORD);
		Page relayed = answer(next.get("/login/verify"), "form[action$=/login/verify/passkey]",
				passkey.origin("https://phishing.example"));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text()).contains("could not be registered");
		assertThat(passkeys()).containsExactly("Mine");
		assertThat(relayed.location()).isEqualTo("/login/verify?method=passkey");
		assertThat(auditDetails("SECOND_FACTOR", "FAILURE")).contains("passkey refused");
		assertThat(next.get("/").location()).endsWith("/login/verify");
	}

	@Test
	void passkeyAloneSignsInOnlyWhileTheAdministratorAllowsItAndOnlyWithUserVerification() {
		SoftwarePasskey passkey = SoftwarePasskey.synced(origin());
		register(SignIns.signedIn(this.port, this.alice, People.PASSWORD, this.mailbox), passkey, "Phone");
		Page closed = new Browser(this.port).get("/login");

		this.policy.changePasskeys(new PasskeyPolicy(true, false));
		Browser unverified = new Browser(this.port);
		Page refused = answer(unverified.get("/login"), "#passkey-sign-in", passkey.userVerified(false));
		Browser browser = new Browser(this.port);
		Page login = browser.get("/login");
		Page signedIn = answer(login, "#passkey-sign-in", passkey.userVerified(true));

		assertThat(closed.document().select("#passkey-sign-in")).isEmpty();
		assertThat(closed.document().select("#username").attr("autocomplete")).isEqualTo("username");
		assertThat(login.document().select("#username").attr("autocomplete")).isEqualTo("username webauthn");
		assertThat(refused.location()).isEqualTo("/login?passkey");
		assertThat(unverified.get("/").location()).endsWith("/login");
		assertThat(signedIn.location()).isEqualTo("/");
		assertThat(browser.get("/").text()).contains("Signed in as " + this.alice.login());
		assertThat(sessionMethods(this.alice)).contains("PASSKEY");
	}

	@Test
	void idTokenAfterAPasskeyAloneSaysTwoFactorsAndAfterThePasswordSaysThree() {
		RegisteredApplication app = this.clients.register(new NewClient("Wiki", true, true, TokenClient.REDIRECT_URI,
				"https://app.example.com/signed-out", Set.of("openid", "profile", "email", "offline_access")));
		TokenClient client = new TokenClient(this.port, app.client().clientId(), app.secret());
		SoftwarePasskey passkey = SoftwarePasskey.deviceBound(origin());
		register(SignIns.signedIn(this.port, this.alice, People.PASSWORD, this.mailbox), passkey, "Key");
		this.policy.changePasskeys(new PasskeyPolicy(true, false));

		Browser alone = new Browser(this.port);
		answer(alone.get("/login"), "#passkey-sign-in", passkey);
		Page authorized = client.authorize(alone, Map.of());
		assertThat(authorized.location()).as(authorized.status() + " " + authorized.body()).contains("code=");
		JsonNode withoutPassword = client.exchange(TokenClient.codeOf(authorized), null)
			.claimsOf("id_token");
		Browser second = new Browser(this.port);
		second.signIn(this.alice.login(), People.PASSWORD);
		answer(second.get("/login/verify"), "form[action$=/login/verify/passkey]", passkey);
		JsonNode afterPassword = client.exchange(TokenClient.codeOf(client.authorize(second, Map.of())), null)
			.claimsOf("id_token");

		assertThat(strings(withoutPassword.get("amr"))).containsExactlyInAnyOrder("hwk", "user", "mfa");
		assertThat(withoutPassword.get("acr").asString()).isEqualTo("mfa");
		assertThat(strings(afterPassword.get("amr"))).containsExactlyInAnyOrder("pwd", "hwk", "user", "mfa");
		assertThat(afterPassword.get("acr").asString()).isEqualTo("mfa");
	}

	@Test
	void removingAPasskeyAsksForAFreshSecondFactorAndNeverLeavesNoMethod() {
		SoftwarePasskey passkey = SoftwarePasskey.deviceBound(origin());
		Browser browser = SignIns.signedIn(this.port, this.alice, People.PASSWORD, this.mailbox);
		register(browser, passkey, "Only one");
		long id = this.jdbc.sql("SELECT id FROM passkey WHERE account_id = :id").param("id", this.alice.id())
			.query(Long.class).single();
		this.emailFactors.clear(this.alice.id());
		Page last = browser.get("/account/passkeys").form("#passkey-" + id + " form").submit();

		this.clock.advance(Duration.ofMinutes(6));
		this.emailFactors.set(this.alice.id(), SignIns.twoFactorAddress(this.alice));
		Page stale = browser.get("/account/passkeys").form("#passkey-" + id + " form").submit();
		Page stepUp = browser.get("/login/verify");
		Page proven = answer(stepUp, "form[action$=/login/verify/passkey]", passkey);
		Page removed = browser.get("/account/passkeys").form("#passkey-" + id + " form").submit();

		assertThat(last.status()).isEqualTo(400);
		assertThat(last.text()).contains("last");
		assertThat(stale.location()).isEqualTo("/login/verify");
		assertThat(proven.location()).isEqualTo("/account/passkeys");
		assertThat(removed.follow().text()).contains("Passkey \"Only one\" removed");
		assertThat(passkeys()).isEmpty();
		assertThat(auditDetails("SECOND_FACTOR_REMOVED", "SUCCESS")).contains("PASSKEY \"Only one\"");
		assertThat(Mailbox.text(this.mailbox.next(this.alice.businessEmail()))).contains("Passkey");
	}

	@Test
	void administratorsHeldToAPasskeyAreOfferedNothingElse() {
		Account ada = SignIns.withTwoFactorEmail(this.emailFactors, People.ada(this.accounts));
		Browser admin = SignIns.signedIn(this.port, ada, People.PASSWORD, this.mailbox);
		String csrf = admin.get("/admin/authentication").csrf();
		Page refusedWithoutOwnPasskey = admin.post("/admin/authentication/passkeys",
				Map.of("_csrf", csrf, "administrators", "true"));
		String refusal = refusedWithoutOwnPasskey.follow().text();
		SoftwarePasskey passkey = SoftwarePasskey.deviceBound(origin());
		register(admin, passkey, "Admin key");
		admin.post("/admin/authentication/passkeys", Map.of("_csrf", admin.get("/admin/authentication").csrf(),
				"administrators", "true"));

		Browser next = new Browser(this.port);
		next.signIn(ada.login(), People.PASSWORD);
		Page askedForEmail = next.get("/login/verify?method=email");
		Page emailCode = next.post("/login/verify", Map.of("_csrf", askedForEmail.csrf(), "code", "123456"));
		Page signedIn = answer(next.get("/login/verify"), "form[action$=/login/verify/passkey]", passkey);

		assertThat(refusal).contains("Add a passkey to your own account first");
		assertThat(this.policy.passkeys().administratorsNeedPasskey()).isTrue();
		assertThat(askedForEmail.text()).contains("Use your passkey").doesNotContain("by email");
		assertThat(emailCode.status()).isEqualTo(400);
		assertThat(signedIn.location()).isEqualTo("/");
		assertThat(auditDetails("PASSKEY_POLICY_CHANGED", "SUCCESS")).last().asString()
			.contains("administrators need a passkey false -> true");
	}

	@Test
	void administratorsHeldToAPasskeyCannotSignInWithTheirAuthenticatorApp() {
		this.policy.changeAllowedMethods(EnumSet.of(SecondFactorKind.EMAIL_CODE, SecondFactorKind.AUTHENTICATOR_APP,
				SecondFactorKind.PASSKEY), false);
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
		Account ada = People.ada(this.accounts);
		Browser first = new Browser(this.port);
		assertThat(first.signIn(ada.login(), People.PASSWORD).location()).isEqualTo("/");
		String secret = Totp.enrol(first, this.clock);
		SoftwarePasskey passkey = SoftwarePasskey.deviceBound(origin());
		register(Totp.signIn(new Browser(this.port), ada, secret, this.clock), passkey, "Admin key");
		this.policy.changePasskeys(new PasskeyPolicy(false, true));

		Browser next = new Browser(this.port);
		this.clock.advance(Duration.ofSeconds(30));
		next.signIn(ada.login(), People.PASSWORD);
		Page asked = next.get("/login/verify");
		Page appCode = next.post("/login/verify/app", Map.of("_csrf", asked.csrf(), "code", Totp.code(secret, this.clock)));

		assertThat(appCode.status()).isEqualTo(400);
		assertThat(next.get("/").location()).isEqualTo("/login/verify");
		assertThat(answer(next.get("/login/verify"), "form[action$=/login/verify/passkey]", passkey).location())
			.isEqualTo("/");
	}

	@Test
	void administratorSeesAndRemovesAUsersPasskeyAndTheUserIsTold() {
		SoftwarePasskey passkey = SoftwarePasskey.synced(origin());
		register(SignIns.signedIn(this.port, this.alice, People.PASSWORD, this.mailbox), passkey, "Lost phone");
		long id = this.jdbc.sql("SELECT id FROM passkey WHERE account_id = :id").param("id", this.alice.id())
			.query(Long.class).single();
		Account ada = SignIns.withTwoFactorEmail(this.emailFactors, People.ada(this.accounts));
		Browser admin = SignIns.signedIn(this.port, ada, People.PASSWORD, this.mailbox);

		Page profile = admin.get("/admin/users/" + this.alice.id());
		Page removed = profile.form("#passkeys form").submit();

		assertThat(profile.document().select("#methods").text()).contains("Passkey");
		assertThat(profile.document().select("#passkeys").text()).contains("Lost phone", "synced");
		assertThat(removed.follow().text()).contains("Passkey removed");
		assertThat(passkeys()).isEmpty();
		assertThat(auditDetails("PASSKEY_REMOVED", "SUCCESS")).containsExactly(
				"\"Lost phone\" by administrator " + ada.id());
		assertThat(Mailbox.text(this.mailbox.next(this.alice.businessEmail()))).contains("Passkey");
		assertThat(id).isPositive();
	}

	/** Registers {@code passkey} on My account → Passkeys under {@code name}. */
	private Page register(Browser browser, SoftwarePasskey passkey, String name) {
		Page page = browser.get("/account/passkeys");
		String options = page.document().select("form[data-passkey=register]").attr("data-options");
		return page.form("form[data-passkey=register]")
			.set("name", name)
			.set("credential", passkey.register(options))
			.submit();
	}

	/** Answers the passkey form {@code selector} of {@code page} with {@code passkey}'s signature. */
	private static Page answer(Page page, String selector, SoftwarePasskey passkey) {
		String options = page.document().select(selector).attr("data-options");
		return page.form(selector).set("credential", passkey.sign(options)).submit();
	}

	private List<String> passkeys() {
		return this.jdbc.sql("SELECT name FROM passkey WHERE account_id = :id ORDER BY id")
			.param("id", this.alice.id())
			.query(String.class)
			.list();
	}

	private List<String> sessionMethods(Account account) {
		return this.jdbc.sql("SELECT method FROM signed_in_session WHERE account_id = :id")
			.param("id", account.id())
			.query(String.class)
			.list();
	}

	/** The details of an event about alice (or, for the policy's events, about no account), oldest first. */
	private List<String> auditDetails(String event, String outcome) {
		return this.jdbc.sql("SELECT detail FROM audit_event WHERE event = :event AND outcome = :outcome "
				+ "AND (subject_account_id = :id OR subject_account_id IS NULL) ORDER BY id")
			.param("event", event)
			.param("outcome", outcome)
			.param("id", this.alice.id())
			.query(String.class)
			.list()
			.stream()
			.map(String::valueOf)
			.toList();
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(value -> values.add(value.asString()));
		return values;
	}

}
