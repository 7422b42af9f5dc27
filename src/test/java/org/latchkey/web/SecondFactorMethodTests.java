package org.latchkey.web;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.People;
import org.latchkey.testing.SessionIds;
import org.latchkey.testing.SignIns;
import org.latchkey.testing.Totp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allowed methods and the management of a user's methods, through HTTP: what the administrator allows is
 * what enrolment and step 2 offer and accept; a user whose only method is no longer allowed enrols an allowed
 * one; the default method is asked first; each change on My account asks for a fresh code and is audited; the
 * last method cannot be removed under {@code required}, not even by forged requests; an administrator removes
 * a user's method.
 */
@LatchkeyTest
class SecondFactorMethodTests extends MailScenarios {

	private static final Set<SecondFactorKind> EMAIL_AND_APP = EnumSet.of(SecondFactorKind.EMAIL_CODE,
			SecondFactorKind.AUTHENTICATOR_APP);

	@BeforeEach
	void usersMayUseEmailCodesAndApps() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
		this.policy.changeAllowedMethods(EMAIL_AND_APP, false);
	}

	@Test
	void administratorChoosesTheAllowedMethodsAndSmsNeedsAProvider() {
		Browser admin = signedIn(People.ada(this.accounts));
		Page settings = admin.get("/admin/authentication");
		assertThat(settings.document().select("input[name=methods][value=SMS_CODE]").hasAttr("disabled")).isTrue();

		Page none = settings.form("form[action$=/methods]").remove("methods").submit();
		String csrf = admin.get("/admin/authentication").csrf();
		Page sms = admin.post("/admin/authentication/methods", Map.of("_csrf", csrf, "methods", "SMS_CODE"));
		Page saved = admin.post("/admin/authentication/methods", Map.of("_csrf", csrf, "methods", "EMAIL_CODE"));

		assertThat(none.status()).isEqualTo(400);
		assertThat(none.document().select("#methods-error").text()).contains("Allow at least one method");
		assertThat(sms.status()).isEqualTo(400);
		assertThat(sms.document().select("#methods-error").text()).contains("SMS provider");
		assertThat(saved.follow().text()).contains("The allowed methods were saved");
		assertThat(this.policy.current().allowedMethods()).containsExactly(SecondFactorKind.EMAIL_CODE);
		assertThat(audit("ALLOWED_METHODS_CHANGED", null)).last().isEqualTo("EMAIL_CODE,AUTHENTICATOR_APP -> EMAIL_CODE");
	}

	@Test
	void appEnrolmentIsRefusedWhileAppsAreNotAllowed() {
		this.policy.changeAllowedMethods(EnumSet.of(SecondFactorKind.EMAIL_CODE), false);
		Account alice = People.alice(this.accounts);
		Browser browser = signedIn(alice);
		String csrf = browser.get("/").csrf();

		Page page = browser.get("/account/authenticator");
		Page started = browser.post("/account/authenticator/start", Map.of("_csrf", csrf)).follow();
		Page confirmed = browser.post("/account/authenticator/confirm", Map.of("_csrf", csrf, "code", "123456"));

		assertThat(page.document().select("form[action$=/start]")).isEmpty();
		assertThat(browser.get("/account/two-factor").document().select("#configure-app")).isEmpty();
		assertThat(started.document().select("img.qr")).isEmpty();
		assertThat(confirmed.status()).isEqualTo(302);
		assertThat(count("SELECT COUNT(*) FROM authenticator_app WHERE account_id = :id", alice)).isZero();
	}

	@Test
	void stepTwoOffersAndAcceptsOnlyTheAllowedMethodsTheUserHas() {
		Account alice = withAppAndEmail();
		this.policy.changeAllowedMethods(EnumSet.of(SecondFactorKind.EMAIL_CODE), false);
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);

		Page ask = browser.get("/login/verify?method=app");
		Page forged = browser.post("/login/verify/app",
				Map.of("_csrf", ask.csrf(), "code", Totp.code(this.secret, this.clock)));

		assertThat(ask.text()).contains("Enter your security code").doesNotContain("authenticator app");
		assertThat(forged.status()).isEqualTo(400);
		assertThat(browser.get("/").location()).isEqualTo("/login/verify");
		Page signedIn = SignIns.submitCode(browser, this.mailbox.nextCode(SignIns.twoFactorAddress(alice)));
		assertThat(signedIn.location()).isEqualTo("/");
	}

	@Test
	void userWhoseOnlyMethodIsNoLongerAllowedEnrolsAnAllowedOneAtSignIn() {
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		Browser browser = StepTwoPages.pastThePasswordWhereOnly(this.policy, this.port,
				SecondFactorKind.AUTHENTICATOR_APP, false, alice);

		Page verify = browser.get("/login/verify");
		assertThat(verify.location()).isEqualTo("/login/verify/app-setup");
		Page setup = verify.follow().form("form[action$=/start]").submit().follow();
		String key = setup.document().selectFirst("code.secret").text().replace(" ", "");
		Page signedIn = setup.form("form[action$=/confirm]").set("code", Totp.code(key, this.clock)).submit();

		assertThat(signedIn.location()).isEqualTo("/");
		assertThat(browser.get("/account").status()).isEqualTo(200);
		assertThat(sessionMethods(alice)).containsExactly("AUTHENTICATOR_APP");
	}

	@Test
	void signInEnrolmentIsClosedToAUserWhoCanUseAnAllowedMethod() {
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		String csrf = browser.get("/login/verify").csrf();

		Page setup = browser.get("/login/verify/app-setup");
		browser.post("/login/verify/app-setup/start", Map.of("_csrf", csrf));

		assertThat(setup.location()).isEqualTo("/login/verify");
		assertThat(count("SELECT COUNT(*) FROM authenticator_app WHERE account_id = :id", alice)).isZero();
	}

	@Test
	void appEnrolmentAtSignInSaysTheCodeSignsInAndOffersOnlyCancelAndSignOut() {
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		Browser browser = StepTwoPages.pastThePasswordWhereOnly(this.policy, this.port,
				SecondFactorKind.AUTHENTICATOR_APP, false, alice);

		Page setup = browser.get("/login/verify/app-setup").form("form[action$=/start]").submit().follow();

		assertThat(setup.document().select("#code-help").text()).contains("you are signed in")
			.doesNotContain("signed out");
		assertThat(setup.document().select("form[action$=/app-setup/confirm] button").text())
			.isEqualTo("Confirm and sign in");
		StepTwoPages.leaveThroughCancel(setup);
		assertThat(count("SELECT COUNT(*) FROM authenticator_app WHERE account_id = :id AND confirmed_at IS NOT NULL",
				alice)).isZero();
	}

	@Test
	void appConfiguredFromMyAccountStillSaysItSignsOut() {
		Browser browser = signedIn(People.alice(this.accounts));

		Page setup = browser.get("/account/authenticator").form("form[action$=/start]").submit().follow();

		assertThat(setup.document().select("#code-help").text()).contains("you will be signed out everywhere");
		assertThat(setup.document().select("form[action$=/account/authenticator/confirm] button").text())
			.isEqualTo("Confirm and sign out");
		assertThat(setup.document().select("main form[action$=/logout]")).isEmpty();
		assertThat(setup.document().select("header.topbar nav a").eachText()).contains("Home", "My account");
	}

	@Test
	void noMethodPageOffersOnlyCancelAndSignOut() {
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		// SMS allowed while a provider was configured, which is no longer (none is in this context)
		Browser browser = StepTwoPages.pastThePasswordWhereOnly(this.policy, this.port,
				SecondFactorKind.SMS_CODE, true, alice);

		Page none = browser.get("/login/verify");

		assertThat(none.status()).isEqualTo(200);
		assertThat(none.text()).contains("No second factor available");
		StepTwoPages.leaveThroughCancel(none);
	}

	@Test
	void stepTwoShowsOnlySignOutInTheTopBar() {
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		Browser browser = StepTwoPages.pastThePasswordWhereOnly(this.policy, this.port,
				SecondFactorKind.EMAIL_CODE, false, alice);

		Page verify = browser.get("/login/verify");

		assertThat(verify.text()).contains("Enter your security code");
		StepTwoPages.leaveThroughCancel(verify);
	}

	@Test
	void emailChangeWhileEmailCodesAreNotAllowedSaysWhy() {
		Browser browser = signedIn(People.alice(this.accounts));
		String csrf = browser.get("/account").csrf();
		this.policy.changeAllowedMethods(EnumSet.of(SecondFactorKind.AUTHENTICATOR_APP), false);

		Page started = browser.post("/account/two-factor-email", Map.of("_csrf", csrf));
		Page back = started.follow();
		Page account = back.follow();

		assertThat(started.location()).isEqualTo("/account/two-factor-email");
		assertThat(back.location()).isEqualTo("/account");
		assertThat(account.document().select("p.notice.error[role=alert]").text())
			.contains("does not allow codes by email");
	}

	@Test
	void defaultMethodIsAskedFirstOnceChangedWithAFreshCode() {
		Account alice = withAppAndEmail();
		Browser browser = signInWithApp(alice);
		String before = SessionIds.of(browser);

		Page confirm = browser.get("/account").form("#method-EMAIL_CODE form[action$=/default]").submit().follow();
		assertThat(confirm.text()).contains("To have Latchkey ask for your Email code first");
		this.clock.advance(Duration.ofSeconds(30));
		Page done = confirm.form("form[action$=/account/methods/confirm]")
			.set("code", Totp.code(this.secret, this.clock))
			.submit();

		assertThat(done.location()).isEqualTo("/account");
		assertThat(done.follow().text()).contains("Latchkey will ask for this method first");
		SessionIds.renewed(this.port, browser, before, "a fresh code confirmed the change");
		assertThat(this.jdbc.sql("SELECT method FROM default_method WHERE account_id = :id")
			.param("id", alice.id())
			.query(String.class)
			.single()).isEqualTo("EMAIL_CODE");
		assertThat(audit("DEFAULT_METHOD_CHANGED", alice)).containsExactly("EMAIL_CODE");

		Browser next = new Browser(this.port);
		next.signIn(alice.login(), People.PASSWORD);
		Page ask = next.get("/login/verify");
		assertThat(ask.text()).contains("Enter your security code").contains("Use my authenticator app instead");
		assertThat(SignIns.submitCode(next, this.mailbox.nextCode(SignIns.twoFactorAddress(alice))).location())
			.isEqualTo("/");
	}

	@Test
	void removingAMethodAsksForAFreshCodeAndIsAudited() {
		Account alice = withAppAndEmail();
		Browser browser = signInWithApp(alice);

		Page confirm = browser.get("/account").form("#method-AUTHENTICATOR_APP form[action$=/remove]").submit().follow();
		Page byEmail = confirm.form("form[action$=/confirm/send]:has(input[value=email])").submit().follow();
		String code = this.mailbox.nextCode(SignIns.twoFactorAddress(alice));
		String wrongCode = code.equals("000000") ? "111111" : "000000";
		Page wrong = byEmail.form("form[action$=/account/methods/confirm]").set("code", wrongCode).submit();

		assertThat(wrong.status()).isEqualTo(400);
		assertThat(count("SELECT COUNT(*) FROM authenticator_app WHERE account_id = :id", alice)).isEqualTo(1);
		assertThat(auditFailures("SECOND_FACTOR_CHANGE", alice)).isNotEmpty();

		Page done = byEmail.form("form[action$=/account/methods/confirm]").set("code", code).submit();
		assertThat(done.location()).isEqualTo("/account");
		assertThat(done.follow().text()).contains("The method was removed");
		assertThat(count("SELECT COUNT(*) FROM authenticator_app WHERE account_id = :id", alice)).isZero();
		assertThat(audit("SECOND_FACTOR_REMOVED", alice)).containsExactly("AUTHENTICATOR_APP");
	}

	@Test
	void confirmingWithoutAStartedChangeChangesNothing() {
		Account alice = withAppAndEmail();
		Browser browser = signInWithApp(alice);
		this.clock.advance(Duration.ofSeconds(30));

		Page forged = browser.post("/account/methods/confirm",
				Map.of("_csrf", browser.get("/account").csrf(), "via", "app", "code", Totp.code(this.secret, this.clock)));

		assertThat(forged.location()).isEqualTo("/account");
		assertThat(forged.follow().text()).contains("This change expired or was already made");
		assertThat(count("SELECT COUNT(*) FROM authenticator_app WHERE account_id = :id", alice)).isEqualTo(1);
	}

	@Test
	void lastMethodCannotBeRemovedUnderRequired() {
		Account alice = withAppAndEmail();
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Browser browser = signInWithApp(alice);
		Browser other = signInWithApp(alice);

		// both removals start while two methods remain; the first one made leaves the other the last one
		Page first = browser.get("/account").form("#method-AUTHENTICATOR_APP form[action$=/remove]").submit().follow();
		Page second = other.get("/account").form("#method-EMAIL_CODE form[action$=/remove]").submit().follow();
		Page firstByEmail = first.form("form[action$=/confirm/send]:has(input[value=email])").submit().follow();
		assertThat(firstByEmail.form("form[action$=/account/methods/confirm]")
			.set("code", this.mailbox.nextCode(SignIns.twoFactorAddress(alice)))
			.submit()
			.location()).isEqualTo("/account");
		this.clock.advance(Duration.ofMinutes(1));
		Page secondByEmail = other.get("/account/methods/confirm?via=email")
			.form("form[action$=/confirm/send]:has(input[value=email])")
			.submit()
			.follow();
		Page refused = secondByEmail.form("form[action$=/account/methods/confirm]")
			.set("code", this.mailbox.nextCode(SignIns.twoFactorAddress(alice)))
			.submit();

		assertThat(refused.location()).isEqualTo("/account");
		assertThat(refused.follow().text()).contains("This is the last method you can sign in with");
		assertThat(this.emailFactors.addressOf(alice.id())).isPresent();

		// the app is gone: the only method left is the email, and a forged request to remove it is refused
		Page forged = other.post("/account/methods/remove",
				Map.of("_csrf", other.get("/account").csrf(), "method", "email"));
		assertThat(forged.follow().text()).contains("This is the last method you can sign in with");
		assertThat(other.get("/account/methods/confirm").location()).isEqualTo("/account");
		assertThat(this.emailFactors.addressOf(alice.id())).isPresent();
	}

	@Test
	void replacingTheAppAsksForAFreshCodeFirst() {
		Account alice = withAppAndEmail();
		Browser browser = signInWithApp(alice);
		String csrf = browser.get("/account").csrf();

		browser.post("/account/authenticator/start", Map.of("_csrf", csrf));
		assertThat(count("SELECT COUNT(*) FROM authenticator_app WHERE account_id = :id AND pending_sealed_secret IS NOT NULL",
				alice)).isZero();

		Page confirm = browser.get("/account/authenticator").form("form[action$=/replace-app]").submit().follow();
		String before = SessionIds.of(browser);
		this.clock.advance(Duration.ofSeconds(30));
		Page allowed = confirm.form("form[action$=/account/methods/confirm]")
			.set("code", Totp.code(this.secret, this.clock))
			.submit();
		assertThat(allowed.location()).isEqualTo("/account/authenticator");
		SessionIds.renewed(this.port, browser, before, "a fresh code allowed replacing the app");
		Page setup = allowed.follow().form("form[action$=/start]").submit().follow();
		String newKey = setup.document().selectFirst("code.secret").text().replace(" ", "");

		assertThat(newKey).isNotEqualTo(this.secret);
		assertThat(setup.form("form[action$=/confirm]").set("code", Totp.code(newKey, this.clock)).submit().location())
			.isEqualTo("/login?ended=two_factor_configured");
	}

	@Test
	void firstAppAsksForAFreshCodeFromTheEmailWhenItIsTheOnlyMethod() {
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		Browser browser = SignIns.signedIn(this.port, alice, People.PASSWORD, this.mailbox);

		browser.post("/account/authenticator/start", Map.of("_csrf", browser.get("/account").csrf()));
		assertThat(count("SELECT COUNT(*) FROM authenticator_app WHERE account_id = :id", alice)).isZero();

		Page confirm = browser.get("/account/authenticator").form("form[action$=/add-app]").submit().follow();
		Page byEmail = confirm.form("form[action$=/confirm/send]:has(input[value=email])").submit().follow();
		Page allowed = byEmail.form("form[action$=/account/methods/confirm]")
			.set("code", this.mailbox.nextCode(SignIns.twoFactorAddress(alice)))
			.submit();
		assertThat(allowed.location()).isEqualTo("/account/authenticator");
		Page setup = allowed.follow().form("form[action$=/start]").submit().follow();
		String key = setup.document().selectFirst("code.secret").text().replace(" ", "");

		assertThat(setup.form("form[action$=/confirm]").set("code", Totp.code(key, this.clock)).submit().location())
			.isEqualTo("/login?ended=two_factor_configured");
	}

	@Test
	void administratorRemovesAUsersMethodAndTheyEnrolAgainAtSignIn() {
		Account alice = withAppAndEmail();
		this.emailFactors.clear(alice.id());
		Browser aliceBrowser = signInWithApp(alice);
		Browser admin = signedIn(People.ada(this.accounts));

		Page profile = admin.get("/admin/users/" + alice.id());
		Page removed = profile.form("#methods form:has(input[value=AUTHENTICATOR_APP])").submit();

		assertThat(removed.follow().text()).contains("The method was removed");
		assertThat(count("SELECT COUNT(*) FROM authenticator_app WHERE account_id = :id", alice)).isZero();
		assertThat(audit("SECOND_FACTOR_REMOVED", alice)).singleElement().asString().startsWith("AUTHENTICATOR_APP by administrator");
		assertThat(aliceBrowser.get("/account").location()).startsWith("/login");

		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Browser next = new Browser(this.port);
		next.signIn(alice.login(), People.PASSWORD);
		assertThat(next.get("/login/verify").text()).contains("Choose your 2FA email");
	}

	@Test
	void phoneNumberIsNormalisedToE164AndInvalidNumbersAreRefused() {
		Account alice = People.alice(this.accounts);
		Browser browser = signedIn(alice);

		Page invalid = browser.get("/account/phone").form("form[action$=/account/phone]").set("phone", "12345").submit();
		Page noCountry = browser.get("/account/phone").form("form[action$=/account/phone]")
			.set("phone", "06 12 34 56 78")
			.submit();
		Page saved = browser.get("/account/phone").form("form[action$=/account/phone]")
			.set("phone", "+33 6 12 34 56 78")
			.submit();

		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.document().select("#phone-error").text()).contains("not a valid phone number");
		assertThat(noCountry.status()).isEqualTo(400);
		assertThat(saved.location()).isEqualTo("/account");
		assertThat(saved.follow().text()).contains("+33612345678").contains("Not confirmed");

		Browser french = new Browser(this.port).acceptLanguage("fr-FR");
		assertThat(french.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/");
		String csrf = french.get("/account").csrf();
		french.post("/account/phone", Map.of("_csrf", csrf, "phone", "06 98 76 54 32"));
		assertThat(this.jdbc.sql("SELECT number FROM phone_number WHERE account_id = :id")
			.param("id", alice.id())
			.query(String.class)
			.single()).isEqualTo("+33698765432");
	}

	protected String secret;

	/** Alice with an app (its key in {@link #secret}) and a 2FA email; the app is asked first. */
	private Account withAppAndEmail() {
		Account alice = People.alice(this.accounts);
		this.secret = Totp.enrol(signedIn(alice), this.clock);
		this.mailbox.next(alice.businessEmail());
		SignIns.withTwoFactorEmail(this.emailFactors, alice);
		return alice;
	}

	private Browser signInWithApp(Account account) {
		return Totp.signIn(new Browser(this.port), account, this.secret, this.clock);
	}

	private Browser signedIn(Account account) {
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(account.login(), People.PASSWORD).location()).isEqualTo("/");
		return browser;
	}

	private long count(String sql, Account account) {
		return this.jdbc.sql(sql).param("id", account.id()).query(Long.class).single();
	}

	private List<String> sessionMethods(Account account) {
		return this.jdbc.sql("SELECT method FROM signed_in_session WHERE account_id = :id")
			.param("id", account.id())
			.query(String.class)
			.list();
	}

	/** The details of an event's successes about {@code account} (or about no account), oldest first. */
	private List<String> audit(String event, Account account) {
		return auditDetails(event, "SUCCESS", account);
	}

	private List<String> auditFailures(String event, Account account) {
		return auditDetails(event, "FAILURE", account);
	}

	private List<String> auditDetails(String event, String outcome, Account account) {
		return this.jdbc.sql("""
				SELECT detail FROM audit_event WHERE event = :event AND outcome = :outcome
				AND (subject_account_id = :id OR (:id = -1 AND subject_account_id IS NULL)) ORDER BY id
				""")
			.param("event", event)
			.param("outcome", outcome)
			.param("id", (account != null) ? account.id() : -1L)
			.query(String.class)
			.list();
	}

}
