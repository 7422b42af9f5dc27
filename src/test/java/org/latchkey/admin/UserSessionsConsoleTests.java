package org.latchkey.admin;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.admin.Console.AuditRow;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's open sessions on their profile in the console: listed, ended one at a time or all at once (audited),
 * and a reference taken from one user's profile ends nothing in another's.
 */
@LatchkeyTest
class UserSessionsConsoleTests extends ConsoleScenarios {

	Account alice;

	Browser laptop;

	Browser phone;

	@BeforeEach
	void aliceOnTwoDevices() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		this.alice = People.alice(this.accounts);
		this.laptop = Console.signedIn(this.port, this.alice);
		this.phone = Console.signedIn(this.port, this.alice);
	}

	@Test
	void profileListsTheUsersOpenSessions() {
		Page profile = profile(this.alice);

		assertThat(profile.document().select("#sessions tbody tr")).hasSize(2);
		assertThat(profile.document().select("#sessions tbody tr td:nth-child(3)").eachText())
			.containsOnly("127.0.0.1");
	}

	@Test
	void administratorEndsOneSessionAndTheOtherGoesOn() {
		Page ended = profile(this.alice).form("#sessions tbody tr:first-child form").submit().follow();

		assertThat(ended.text()).contains("The session was ended");
		assertThat(ended.document().select("#sessions tbody tr")).hasSize(1);
		assertThat(List.of(signedIn(this.laptop), signedIn(this.phone))).containsExactlyInAnyOrder(true, false);
		assertThat(lastAuditOf(this.alice)).satisfies(row -> {
			assertThat(row.event()).isEqualTo("SESSIONS_ENDED");
			assertThat(row.actor()).isEqualTo(this.ada.login());
			assertThat(row.detail()).isEqualTo("one session");
		});
	}

	@Test
	void administratorEndsEverySessionOfTheUser() {
		Page ended = profile(this.alice).form("form[action$=/sessions/end-all]").submit().follow();

		assertThat(ended.text()).contains("Every session of this user was ended").contains("no open session");
		assertThat(this.laptop.get("/account").follow().text()).contains("An administrator ended your session");
		assertThat(signedIn(this.laptop)).isFalse();
		assertThat(signedIn(this.phone)).isFalse();
		assertThat(lastAuditOf(this.alice).detail()).isEqualTo("all sessions (2 ended)");
	}

	@Test
	void aReferenceFromOneUsersProfileEndsNothingInAnothers() {
		Account bob = People.alice(this.accounts);
		Page aliceProfile = profile(this.alice);
		String aliceSession = aliceProfile.document().selectFirst("#sessions input[name=session]").val();

		Page answer = this.admin.post("/admin/users/" + bob.id() + "/sessions/end",
				Map.of("session", aliceSession, "_csrf", aliceProfile.csrf()));

		assertThat(answer.follow().text()).contains("That session is no longer open");
		assertThat(signedIn(this.laptop)).isTrue();
		assertThat(signedIn(this.phone)).isTrue();
	}

	private Page profile(Account account) {
		return this.admin.get("/admin/users/" + account.id());
	}

	private static boolean signedIn(Browser browser) {
		return browser.get("/account").status() == 200;
	}

	private AuditRow lastAuditOf(Account account) {
		return Console.auditRows(this.admin.get("/admin/audit?user=" + account.login())).get(0);
	}

}
