package org.latchkey.admin;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.account.PasswordRules;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.People;
import org.latchkey.testing.SignIns;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Administration → Authentication &amp; SSO → Advanced options → "Enable two-factor authentication (2FA)":
 * its impact shown first, every session but SSO ones ended, the change audited.
 */
@LatchkeyTest
class TwoFactorSwitchTests extends MailScenarios {

	@Autowired
	PasswordRules passwordRules;

	@BeforeEach
	void startWithTwoFactorOff() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
	}

	@Test
	void switchLivesUnderAuthenticationAndSsoAdvancedOptionsAndSaysEmailIsTheWeakestFactor() {
		Page page = signedIn(People.ada(this.accounts)).get("/admin/authentication");

		assertThat(page.document().select("h1").text()).isEqualTo("Authentication & SSO");
		assertThat(page.document().select("h2").text()).contains("Advanced options");
		assertThat(page.document().select("label.checkbox").first().text())
			.isEqualTo("Enable two-factor authentication (2FA)");
		assertThat(page.text()).contains("weakest second factor").contains("NIST SP 800-63B-4");
	}

	@Test
	void enablingShowsItsImpactBeforeAnythingChanges() {
		Browser admin = signedIn(People.ada(this.accounts));
		signedIn(People.alice(this.accounts));

		Page confirm = admin.get("/admin/authentication")
			.form("form[action$=/two-factor]")
			.set("enabled", "true")
			.submit();

		assertThat(confirm.status()).isEqualTo(200);
		assertThat(confirm.text()).containsPattern("\\d+ sessions will end now")
			.containsPattern("\\d+ active users have no 2FA email yet");
		assertThat(this.policy.current().twoFactorMode()).isEqualTo(TwoFactorMode.OFF);
	}

	@Test
	void enablingEndsEverySessionButSsoOnesAndTellsWhy() {
		Account ada = People.ada(this.accounts);
		Browser admin = signedIn(ada);
		Browser alice = signedIn(People.alice(this.accounts));
		Account carol = People.alice(this.accounts);
		Browser carolThroughSso = signedIn(carol);
		this.jdbc.sql("UPDATE signed_in_session SET method = 'SSO' WHERE account_id = :id")
			.param("id", carol.id())
			.update();

		Page done = admin.get("/admin/authentication")
			.form("form[action$=/two-factor]")
			.set("enabled", "true")
			.submit()
			.form("form[action$=/two-factor]")
			.submit();

		assertThat(done.location()).isEqualTo("/login?ended=two_factor_enabled");
		assertThat(this.policy.current().twoFactorMode()).isEqualTo(TwoFactorMode.REQUIRED);
		Page aliceNext = alice.get("/");
		assertThat(aliceNext.location()).isEqualTo("/login?ended=two_factor_enabled");
		assertThat(aliceNext.follow().text()).contains("An administrator switched on two-factor authentication");
		assertThat(admin.get("/admin/users").location()).startsWith("/login");
		assertThat(carolThroughSso.get("/").status()).isEqualTo(200);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE event = 'TWO_FACTOR_MODE_CHANGED'"
				+ " AND detail = 'OFF -> REQUIRED' AND actor = :login")
			.param("login", ada.login())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void letting2faBeOptionalSaysWhoWillBeAskedEndsNoSessionAndIsAudited() {
		Account ada = People.ada(this.accounts);
		Browser admin = signedIn(ada);
		Browser alice = signedIn(People.alice(this.accounts));
		SignIns.turnedOn(this.optIns, SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts)));
		SignIns.turnedOn(this.optIns, SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts)));
		SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		long asked = this.optIns.countActive();

		Page settings = admin.get("/admin/authentication");
		Page confirm = settings.form("form[action$=/two-factor]").set("selfService", "true").submit();

		assertThat(settings.document().select("#self-service-help").text())
			.contains("nobody is asked for a second factor until they turn 2FA on for themselves on My account")
			.contains("A 2FA email kept from a time 2FA was required does not turn it on");
		assertThat(confirm.status()).isEqualTo(200);
		assertThat(confirm.document().select("#users-asked").text()).isEqualTo(asked
				+ " active users turned 2FA on for themselves and will be asked for a second factor at sign-in;"
				+ " everyone else will sign in with their password alone.");
		assertThat(this.policy.current().twoFactorMode()).isEqualTo(TwoFactorMode.OFF);
		Page saved = confirm.form("form[action$=/two-factor]").submit();

		assertThat(saved.follow().text()).contains("Two-factor authentication is optional");
		assertThat(this.policy.current().twoFactorMode()).isEqualTo(TwoFactorMode.OPTIONAL);
		assertThat(alice.get("/").status()).isEqualTo(200);
		assertThat(admin.get("/admin/authentication").document().selectFirst("input[name=selfService]")
			.hasAttr("checked")).isTrue();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE event = 'TWO_FACTOR_MODE_CHANGED'"
				+ " AND detail = 'OFF -> OPTIONAL' AND actor = :login")
			.param("login", ada.login())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void disablingTakesEffectAtOnceAndIsAudited() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Account ada = People.ada(this.accounts);
		this.emailFactors.set(ada.id(), ada.businessEmail());
		Browser admin = new Browser(this.port);
		admin.signIn(ada.login(), People.PASSWORD);
		admin.get("/login/verify")
			.form("form[action$=/login/verify]")
			.set("code", this.mailbox.nextCode(ada.businessEmail()))
			.submit();

		Page done = admin.get("/admin/authentication").form("form[action$=/two-factor]").remove("enabled").submit();

		assertThat(done.follow().text()).contains("Two-factor authentication is off");
		assertThat(this.policy.current().twoFactorMode()).isEqualTo(TwoFactorMode.OFF);
		assertThat(new Browser(this.port).signIn(ada.login(), People.PASSWORD).location()).isEqualTo("/");
	}

	@Test
	void minimumPasswordLengthMayBeLoweredToEightOnlyWhile2faIsRequired() {
		Browser admin = signedIn(People.ada(this.accounts));
		Page form = admin.get("/admin/authentication");

		Page tooLow = form.form("form[action$=/password-length]").set("length", "7").submit();
		Page notANumber = form.form("form[action$=/password-length]").set("length", "eight\u0000").submit();
		Page saved = form.form("form[action$=/password-length]").set("length", "8").submit();

		assertThat(tooLow.status()).isEqualTo(400);
		assertThat(tooLow.document().select("#length-error").text()).contains("from 8 to 15");
		assertThat(notANumber.status()).isEqualTo(400);
		assertThat(saved.follow().text()).contains("minimum password length was saved");
		assertThat(this.passwordRules.minLength()).isEqualTo(15);
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		assertThat(this.passwordRules.minLength()).isEqualTo(8);
		this.policy.changePasswordMinLengthWithTwoFactor(15);
	}

	@Test
	void onlyAdministratorsReachTheSwitch() {
		Browser alice = signedIn(People.alice(this.accounts));

		assertThat(alice.get("/admin/authentication").status()).isEqualTo(403);
		String csrf = alice.get("/").csrf();
		assertThat(alice.post("/admin/authentication/two-factor",
				Map.of("_csrf", csrf, "enabled", "true", "confirmed", "true")).status()).isEqualTo(403);
		assertThat(this.policy.current().twoFactorMode()).isEqualTo(TwoFactorMode.OFF);
	}

	private Browser signedIn(Account account) {
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(account.login(), People.PASSWORD).location()).isEqualTo("/");
		return browser;
	}

}
