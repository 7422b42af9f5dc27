package org.latchkey.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.factor.AuthenticatorApps;
import org.latchkey.factor.DefaultMethods;
import org.latchkey.oidc.NewClient;
import org.latchkey.oidc.OidcClients;
import org.latchkey.oidc.RegisteredApplication;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.recovery.AdministratorResets;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.RecoveryScenarios;
import org.latchkey.testing.Secrets;
import org.latchkey.testing.SignIns;
import org.latchkey.testing.TokenClient;
import org.latchkey.testing.Totp;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.latchkey.web.MyAccountForms.chooseNewEmail;
import static org.latchkey.web.MyAccountForms.confirmPasswordChange;
import static org.latchkey.web.MyAccountForms.startEmailChange;
import static org.latchkey.web.MyAccountForms.startPasswordChange;
import static org.latchkey.web.MyAccountForms.submitEmailCode;

/**
 * "Don't ask for a code on this device": a remembered browser skips the code after a right password, never the
 * password; it is forgotten after a password change, a 2FA email change, a method removed, an administrator's
 * reset and "sign out everywhere", and from My account; it is ignored while the administrator sets 0 days, and
 * for an application asking for {@code acr_values} or {@code max_age}; sensitive changes still ask for a code.
 */
@LatchkeyTest
class RememberedDeviceTests extends RecoveryScenarios {

	private static final String COOKIE = RememberedDeviceCookies.NAME;

	@Autowired
	AdministratorResets resets;

	@Autowired
	OidcClients clients;

	@Autowired
	AuthenticatorApps apps;

	@Autowired
	DefaultMethods defaults;

	@BeforeEach
	void devicesAreRememberedForThirtyDays() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		this.options.change(false, 30, 0);
	}

	private Account alice() {
		return SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
	}

	/** Signs in with an emailed code, the box ticked, then signs out: the browser keeps its remembered cookie. */
	private Browser remembered(Account account) {
		Browser browser = new Browser(this.port).header("User-Agent",
				"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
		browser.signIn(account.login(), People.PASSWORD);
		Page codePage = browser.get("/login/verify");
		assertThat(codePage.document().selectFirst("label.checkbox").text())
			.isEqualTo("Don\u2019t ask for a code on this device for 30 days");
		Page signedIn = codePage.form("form[action$=/login/verify]")
			.set("code", this.mailbox.nextCode(SignIns.twoFactorAddress(account)))
			.set("remember", "on")
			.submit();
		assertThat(signedIn.location()).isEqualTo("/");
		String secret = browser.cookie(COOKIE).orElseThrow();
		Secrets.cookie(COOKIE, secret);
		return browser;
	}

	private static void signOut(Browser browser) {
		browser.post("/logout", Map.of("_csrf", browser.get("/").csrf()));
	}

	private long rememberedCount(Account account) {
		return this.jdbc.sql("SELECT COUNT(*) FROM remembered_device WHERE account_id = :id")
			.param("id", account.id())
			.query(Long.class)
			.single();
	}

	@Test
	void aRememberedDeviceSkipsTheCodeButNeverThePassword() {
		Account alice = alice();
		Browser browser = remembered(alice);
		signOut(browser);
		int codesBefore = this.mailbox.count(SignIns.twoFactorAddress(alice));

		assertThat(browser.signIn(alice.login(), "not the password at all").location()).isEqualTo("/login?error");
		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/");

		assertThat(this.mailbox.count(SignIns.twoFactorAddress(alice))).as("codes sent").isEqualTo(codesBefore);
		assertThat(this.jdbc.sql("""
				SELECT method FROM signed_in_session WHERE account_id = :id ORDER BY signed_in_at DESC
				""").param("id", alice.id()).query(String.class).list()).contains("REMEMBERED_DEVICE");
		Page account = browser.get("/account");
		assertThat(account.document().select("#remembered-devices li")).hasSize(1);
		assertThat(account.document().selectFirst("#remembered-devices li strong").text()).isEqualTo("Firefox on Linux");
		assertThat(this.jdbc.sql("SELECT secret_hash FROM remembered_device WHERE account_id = :id")
			.param("id", alice.id())
			.query(String.class)
			.single()).doesNotContain(browser.cookie(COOKIE).orElseThrow());
	}

	@Test
	void anotherBrowserAnotherAccountOrAnUntickedBoxIsStillAskedForACode() {
		Account alice = alice();
		Browser browser = remembered(alice);
		signOut(browser);
		Account bob = alice();

		assertThat(browser.signIn(bob.login(), People.PASSWORD).location()).as("another account")
			.isEqualTo("/login/verify");
		this.mailbox.nextCode(SignIns.twoFactorAddress(bob));
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(new Browser(this.port).signIn(alice.login(), People.PASSWORD).location())
			.as("another browser").isEqualTo("/login/verify");
		Browser unticked = SignIns.signedIn(this.port, bob, People.PASSWORD, this.mailbox);
		assertThat(unticked.cookie(COOKIE)).isEmpty();
	}

	@Test
	void zeroDaysOffersNoBoxAndIgnoresDevicesRememberedBefore() {
		Account alice = alice();
		Browser browser = remembered(alice);
		signOut(browser);
		this.options.change(false, 0, 0);

		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		assertThat(browser.get("/login/verify").document().select("input[name=remember]")).isEmpty();
	}

	@Test
	void theDeviceExpiresAfterItsDays() {
		Account alice = alice();
		Browser browser = remembered(alice);
		signOut(browser);
		this.clock.advance(Duration.ofDays(30).plusMinutes(1));

		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
	}

	@Test
	void aPasswordChangeForgetsTheDevices() {
		Account alice = alice();
		Browser browser = remembered(alice);
		this.clock.advance(Duration.ofMinutes(1));
		String newPassword = "a brand new correct horse staple";
		Secrets.typedPassword(newPassword);
		assertThat(startPasswordChange(browser, People.PASSWORD, newPassword).location())
			.as("a sensitive change still asks for a code").isEqualTo("/account/password/confirm");
		confirmPasswordChange(browser, this.mailbox.nextCode(SignIns.twoFactorAddress(alice)));
		signOut(browser);

		assertThat(rememberedCount(alice)).isZero();
		assertThat(browser.signIn(alice.login(), newPassword).location()).isEqualTo("/login/verify");
	}

	@Test
	void aTwoFactorEmailChangeForgetsTheDevices() {
		Account alice = alice();
		Browser browser = remembered(alice);
		this.clock.advance(Duration.ofMinutes(1));
		startEmailChange(browser);
		submitEmailCode(browser, "current", this.mailbox.nextCode(SignIns.twoFactorAddress(alice)));
		String newAddress = "new-" + SignIns.twoFactorAddress(alice);
		chooseNewEmail(browser, newAddress);
		submitEmailCode(browser, "new", this.mailbox.nextCode(newAddress));
		signOut(browser);

		assertThat(this.emailFactors.addressOf(alice.id())).contains(newAddress);
		assertThat(rememberedCount(alice)).isZero();
		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
	}

	@Test
	void signingOutEverywhereForgetsTheDevices() {
		Account alice = alice();
		Browser browser = remembered(alice);
		this.clock.advance(Duration.ofMinutes(1));
		Page asked = browser.post("/account/sessions/end-others",
				Map.of("_csrf", browser.get("/account/sessions").csrf()));
		assertThat(asked.location()).isEqualTo("/account/methods/confirm");
		Page byEmail = asked.follow().form("form[action$=/confirm/send]:has(input[value=email])").submit().follow();
		byEmail.form("form[action$=/account/methods/confirm]")
			.set("code", this.mailbox.nextCode(SignIns.twoFactorAddress(alice)))
			.submit();
		assertThat(browser.post("/account/sessions/end-others", Map.of("_csrf", browser.get("/account/sessions").csrf()))
			.follow()
			.text()).contains("All your other sessions were signed out");
		signOut(browser);

		assertThat(rememberedCount(alice)).isZero();
		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
	}

	@Test
	void anAdministratorsResetOrARemovedMethodForgetsTheDevices() {
		Account ada = People.ada(this.accounts);
		Account alice = alice();
		Browser browser = remembered(alice);
		signOut(browser);
		this.resets.issueTemporaryPassword(alice.id(), ada.id(), Locale.ENGLISH);
		assertThat(rememberedCount(alice)).isZero();

		Account bob = alice();
		Browser bobs = remembered(bob);
		signOut(bobs);
		this.resets.removeMethod(bob.id(), SecondFactorKind.EMAIL_CODE, ada.id(), Locale.ENGLISH);
		assertThat(rememberedCount(bob)).isZero();
		assertThat(bobs.signIn(bob.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
	}

	@Test
	void removingAMethodOnMyAccountForgetsTheDevices() {
		Account alice = alice();
		String secret = this.apps.start(alice.id(), alice.login()).secret();
		Secrets.seen(secret);
		assertThat(this.apps.confirm(alice.id(), Totp.code(secret, this.clock))).isTrue();
		this.defaults.set(alice.id(), SecondFactorKind.EMAIL_CODE);
		Browser browser = remembered(alice);
		this.clock.advance(Duration.ofMinutes(1));

		Page confirm = browser.get("/account")
			.form("#method-AUTHENTICATOR_APP form[action$=/remove]")
			.submit()
			.follow();
		Page byEmail = confirm.form("form[action$=/confirm/send]:has(input[value=email])").submit().follow();
		assertThat(byEmail.form("form[action$=/account/methods/confirm]")
			.set("code", this.mailbox.nextCode(SignIns.twoFactorAddress(alice)))
			.submit()
			.location()).isEqualTo("/account");
		signOut(browser);

		assertThat(rememberedCount(alice)).isZero();
		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
	}

	@Test
	void forgettingOneOrAllFromMyAccount() {
		Account alice = alice();
		Browser browser = remembered(alice);
		this.clock.advance(Duration.ofMinutes(1));
		signOut(browser);
		Browser other = remembered(alice);
		assertThat(rememberedCount(alice)).isEqualTo(2);

		other.get("/account").form("#remembered-devices li form").submit();
		assertThat(rememberedCount(alice)).isEqualTo(1);
		other.get("/account").form("form[action$=/account/devices/forget-all]").submit();
		assertThat(rememberedCount(alice)).isZero();
		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
	}

	@Test
	void anApplicationAskingForASecondFactorOrARecentSignInGetsAFreshCode() {
		Account alice = alice();
		RegisteredApplication app = this.clients.register(new NewClient("Wiki", true, true, TokenClient.REDIRECT_URI,
				"https://app.example.com/signed-out", Set.of("openid", "profile", "email")));
		TokenClient client = new TokenClient(this.port, app.client().clientId(), app.secret());
		for (Map<String, String> asks : List.of(Map.of("acr_values", "mfa"), Map.of("max_age", "0"))) {
			Browser browser = remembered(alice);
			signOut(browser);
			assertThat(client.authorize(browser, asks).location()).endsWith("/login");
			assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).as(asks.toString())
				.isEqualTo("/login/verify");
			this.mailbox.nextCode(SignIns.twoFactorAddress(alice));
			this.clock.advance(Duration.ofMinutes(1));
		}

		Browser browser = remembered(alice);
		signOut(browser);
		assertThat(client.authorize(browser, Map.of()).location()).endsWith("/login");
		Page plain = browser.signIn(alice.login(), People.PASSWORD);
		assertThat(plain.location()).contains("/oauth2/authorize?");
		TokenClient.Response tokens = client.exchange(TokenClient.codeOf(plain.follow()), null);
		assertThat(tokens.claimsOf("id_token").get("acr").asString()).as("no second factor was presented")
			.isEqualTo("pwd");
		assertThat(client.authorize(browser, Map.of("acr_values", "mfa")).location()).as("step-up")
			.isEqualTo("/login/verify");
	}

}
