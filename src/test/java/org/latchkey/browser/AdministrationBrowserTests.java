package org.latchkey.browser;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.People;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administrator's flows in Chromium, each watched from the other side too: creating a user whose
 * invitation leads to their first login, switching 2FA on (which ends a user's open session), and handing a
 * temporary single-use password that the user signs in with once to choose their own.
 */
class AdministrationBrowserTests extends BrowserScenarios {

	private static final Pattern FIRST_LOGIN_LINK = Pattern.compile("http://\\S+/first-login/start\\?token=[\\w-]+");

	private static final String NEW_PASSWORD = "a violet kettle hums at dawn";

	@Test
	void createdUserSetsUpTheAccountFromTheInvitationEmail() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		Window admin = signIn(window(), People.ada(this.accounts), People.PASSWORD);
		String login = People.unique("ivan");
		String businessEmail = login + "@example.com";

		admin.press("Administration").press("Users").press("New user");
		admin.type("Login", login).type("Name", "Ivan Petrov").type("Business email", businessEmail);
		admin.tick("Send the invitation email now").press("Create the user");
		assertThat(admin.text()).contains("Ivan Petrov").contains("the invitation email is on its way");

		Window ivan = otherWindow().open(firstLoginLink(this.mailbox.next(businessEmail)));
		assertThat(ivan.text()).contains("Set up your account");
		ivan.type("New password", NEW_PASSWORD).type("2FA email", "ivan-codes-" + login + "@example.org");
		ivan.press("Save and send me a code");
		ivan.type("Security code", this.mailbox.nextCode("ivan-codes-" + login + "@example.org"))
			.press("Verify and sign in");

		assertThat(ivan.path()).isEqualTo("/");
		assertThat(ivan.text()).contains("Signed in as " + login);
	}

	@Test
	void switchingTwoFactorOnEndsTheUsersOpenSession() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		Window alice = signIn(otherWindow(), People.alice(this.accounts), People.PASSWORD);
		Window admin = signIn(window(), People.ada(this.accounts), People.PASSWORD);

		admin.press("Administration").press("Authentication & SSO");
		admin.tick("Enable two-factor authentication (2FA)").press("Save");
		assertThat(admin.text()).contains("Enable two-factor authentication?").containsPattern("\\d+ sessions will end now");
		admin.press("Enable 2FA and end the sessions");
		assertThat(admin.text()).contains("An administrator switched on two-factor authentication");

		alice.open("/");
		assertThat(alice.path()).startsWith("/login");
		assertThat(alice.text()).contains("An administrator switched on two-factor authentication, which ended every session");
	}

	@Test
	void temporaryPasswordOpensOneSignInThatChoosesANewPassword() {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Account ada = People.ada(this.accounts);
		this.emailFactors.set(ada.id(), codesAddress(ada));
		Account alice = aliceWithTwoFactorEmail();
		Window admin = signInWithEmailCode(window(), ada, codesAddress(ada));

		admin.press("Administration").press("Users").type("Login, name or email", alice.login()).press("Search");
		admin.press(alice.login()).scrollTo("Reset password");
		admin.press("Generate a temporary password");
		assertThat(admin.text()).contains("This is the only time Latchkey shows this password");
		String temporary = admin.read("#temporary-password");

		Window aliceWindow = signIn(otherWindow(), alice, temporary);
		aliceWindow.type("Security code", this.mailbox.nextCode(codesAddress(alice))).press("Verify and sign in");
		assertThat(aliceWindow.text()).contains("Choose your new password")
			.contains("You signed in as " + alice.login() + " with a temporary password");
		aliceWindow.type("New password", NEW_PASSWORD).press("Set my password and continue");

		assertThat(aliceWindow.path()).isEqualTo("/");
		assertThat(aliceWindow.text()).contains("Signed in as " + alice.login());
		signIn(aliceWindow, alice, temporary);
		assertThat(aliceWindow.text()).as("the temporary password worked once").contains("Wrong login or password");
	}

	private static String firstLoginLink(jakarta.mail.internet.MimeMessage message) {
		Matcher link = FIRST_LOGIN_LINK.matcher(Mailbox.text(message));
		assertThat(link.find()).as("a first-login link in the invitation").isTrue();
		return link.group();
	}

}
