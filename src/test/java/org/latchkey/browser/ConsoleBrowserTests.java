package org.latchkey.browser;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.People;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console an administrator meets on day one, in Chromium: the dashboard that opens it (its SVG pictures
 * axe-checked in the light and the dark scheme, photographed on a desktop and a phone), the users without 2FA
 * one click away, a user's sessions ended from their profile, and a CSV import checked line by line.
 */
class ConsoleBrowserTests extends BrowserScenarios {

	@Test
	void dashboardOpensTheConsoleAndLeadsToTheUsersWithoutSecondFactor() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		Account alice = People.alice(this.accounts);
		signIn(otherWindow(), alice, People.PASSWORD);
		signIn(otherWindow(), alice, "not her password");
		Window admin = signIn(window(), People.ada(this.accounts), People.PASSWORD);

		admin.press("Administration");
		assertThat(admin.path()).isEqualTo("/admin");
		assertThat(admin.text()).contains("Second factors of the active users").contains("Sign-ins per hour, last 7 days")
			.contains("Codes sent, last 7 days");
		admin.scrollTo("Sign-ins per hour, last 7 days");
		admin.open("/admin/users?twoFactor=none&status=ACTIVE");
		assertThat(admin.text()).contains(alice.login()).contains("None yet");
	}

	@Test
	void administratorEndsAUsersSessionFromTheirProfile() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		Account alice = People.alice(this.accounts);
		Window aliceWindow = signIn(otherWindow(), alice, People.PASSWORD);
		Window admin = signIn(window(), People.ada(this.accounts), People.PASSWORD);

		admin.open("/admin/users?q=" + alice.login()).press(alice.login()).scrollTo("Active sessions");
		admin.press("End every session of this user");
		assertThat(admin.text()).contains("Every session of this user was ended");

		aliceWindow.open("/account");
		assertThat(aliceWindow.path()).startsWith("/login");
		assertThat(aliceWindow.text()).contains("An administrator ended your session");
	}

	@Test
	void csvImportShowsEachLinesProblemsBeforeAnythingIsCreated() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		String login = People.unique("csv");
		Window admin = signIn(window(), People.ada(this.accounts), People.PASSWORD);

		admin.press("Administration").press("Users").press("Import from CSV");
		admin.type("CSV text", login + ",New Person," + login + "@example.com,USER\n" + login + "-2,Bad,not-an-email\n");
		admin.press("Check (dry run)");

		assertThat(admin.text()).contains("1 line of 2 have problems").contains("This is not a valid email address");
		assertThat(this.accounts.findByLogin(login)).isEmpty();
	}

}
