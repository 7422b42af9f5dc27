package org.latchkey.sso;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.session.SignedInSessions;
import org.latchkey.session.SignedInWith;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code seeds/000} says of the 2FA switch, checked with a session really opened through SSO: switching 2FA
 * on ends every session but those, the confirmation page counting them apart, on H2 and PostgreSQL (the
 * sessions end in one statement that picks them by method).
 */
@LatchkeyTest
@StorageInvariants
class TwoFactorSwitchSparesSsoSessionsTests extends SsoScenarios {

	@Autowired
	SignedInSessions sessions;

	@BeforeEach
	void twoFactorIsOff() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
	}

	@Test
	void switchingTwoFactorOnLeavesSsoSessionsOpenEndsTheOthersAndTheConfirmationCountsThemApart() {
		SsoProvider contoso = provider(ProviderLinking.LINK_EXISTING);
		Account alice = People.alice(this.accounts);
		upstream.nextSignIn("alice-switch", alice.businessEmail(), true);
		Browser throughSso = new Browser(this.port);
		Page landed = signInThrough(throughSso, contoso);
		assertThat(landed.status()).as(() -> this.jdbc.sql("SELECT detail FROM audit_event WHERE event = 'SSO_SIGN_IN'"
				+ " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY").query(String.class).single()).isEqualTo(302);
		assertThat(landed.location()).isEqualTo("/");
		Account bob = People.alice(this.accounts);
		Browser withPassword = new Browser(this.port);
		assertThat(withPassword.signIn(bob.login(), People.PASSWORD).location()).isEqualTo("/");
		Account ada = People.ada(this.accounts);
		Browser admin = new Browser(this.port);
		assertThat(admin.signIn(ada.login(), People.PASSWORD).location()).isEqualTo("/");
		int toEnd = this.sessions.countAllExcept(SignedInWith.SSO);
		int kept = this.sessions.countWith(SignedInWith.SSO);

		Page confirm = admin.get("/admin/authentication")
			.form("form[action$=/two-factor]")
			.set("enabled", "true")
			.submit();

		assertThat(kept).isPositive();
		assertThat(confirm.text()).contains(toEnd + " sessions will end now")
			.contains(kept + " sessions opened through SSO stay open.");
		Page done = confirm.form("form[action$=/two-factor]").submit();

		assertThat(done.location()).isEqualTo("/login?ended=two_factor_enabled");
		assertThat(throughSso.get("/account").status()).isEqualTo(200);
		assertThat(withPassword.get("/account").location()).isEqualTo("/login?ended=two_factor_enabled");
		assertThat(this.sessions.countAllExcept(SignedInWith.SSO)).isZero();
		assertThat(this.sessions.countWith(SignedInWith.SSO)).isEqualTo(kept);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM signed_in_session WHERE account_id = :id AND method = 'SSO'"
				+ " AND sso_provider_id = :provider")
			.param("id", alice.id())
			.param("provider", contoso.id())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

}
