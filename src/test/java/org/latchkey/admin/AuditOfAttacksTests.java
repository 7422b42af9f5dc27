package org.latchkey.admin;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.AttackScenarios;
import org.latchkey.testing.Attackers;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.SignIns;
import org.latchkey.testing.Totp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log of attacks: every failed step, lock, unlock, throttle and refused replay is an event with
 * the client's address and user agent; the console filters them by type and exports them as CSV that a
 * spreadsheet cannot mistake for formulas.
 */
@LatchkeyTest
class AuditOfAttacksTests extends AttackScenarios {

	@Test
	void failedStepsLockAndUnlockAreAuditedWithTheClientsAddressAndUserAgent() {
		Account alice = People.alice(this.accounts);
		String address = Attackers.nextAddress();
		Browser attacker = new Browser(this.port).header("X-Forwarded-For", address)
			.header("User-Agent", "guesser/2.0");
		for (int i = 0; i < 5; i++) {
			attacker.signIn(alice.login(), "wrong " + i);
		}
		attacker.signIn(alice.login(), People.PASSWORD);
		Browser admin = Console.signedIn(this.port, People.ada(this.accounts));
		admin.get("/admin/users/" + alice.id()).form("form[action$=/unlock]").submit();

		// the lock is written as the fifth failure is counted, before that attempt's answer is audited
		assertThat(events(alice, address, "guesser/2.0")).containsExactly("SIGN_IN:wrong login or password",
				"SIGN_IN:wrong login or password", "SIGN_IN:wrong login or password",
				"SIGN_IN:wrong login or password", "ACCOUNT_LOCKED", "SIGN_IN:wrong login or password",
				"SIGN_IN:refused: account locked");
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM audit_event WHERE event = 'ACCOUNT_UNLOCKED' AND subject = :login
					AND client_ip = '127.0.0.1' AND user_agent IS NOT NULL
				""").param("login", alice.login()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void signedInSessionKeepsTheClientsAddressBehindTheTrustedProxyAsTheAuditDoes() {
		Account alice = People.alice(this.accounts);
		String address = Attackers.nextAddress();
		Browser browser = new Browser(this.port).header("X-Forwarded-For", address);

		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/");

		assertThat(this.jdbc.sql("SELECT client_ip FROM signed_in_session WHERE account_id = :id")
			.param("id", alice.id())
			.query(String.class)
			.list()).containsExactly(address);
	}

	@Test
	void replayedAppCodeIsAuditedAsARefusedReplay() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
		Account alice = People.alice(this.accounts);
		Browser own = new Browser(this.port);
		own.signIn(alice.login(), People.PASSWORD);
		String secret = Totp.enrol(own, this.clock);
		this.clock.advance(Duration.ofSeconds(30));
		String code = Totp.code(secret, this.clock);
		own.signIn(alice.login(), People.PASSWORD);
		assertThat(submitAppCode(own, code).location()).isEqualTo("/");
		String address = Attackers.nextAddress();
		Browser attacker = new Browser(this.port).header("X-Forwarded-For", address);
		attacker.signIn(alice.login(), People.PASSWORD);

		assertThat(submitAppCode(attacker, code).status()).isEqualTo(400);

		assertThat(events(alice, address, null)).contains("REPLAY_REFUSED:authenticator code replayed");
	}

	@Test
	void reusedResetLinkIsAuditedAsARefusedReplayAndAMadeUpOneIsNot() {
		Account alice = People.alice(this.accounts);
		String address = Attackers.nextAddress();
		Browser browser = new Browser(this.port).header("X-Forwarded-For", address);
		browser.get("/password-reset").form("form[action$=/password-reset]").set("login", alice.login()).submit();
		String link = SignIns.nextLink(this.mailbox, alice.businessEmail());
		browser.get(link)
			.form("form[action$=/password-reset/choose]")
			.set("password", "violet lantern under quiet rain")
			.submit();

		Page replay = browser.get(link);
		browser.get(link.replaceFirst("token=[^&]*", "token=" + "made-up".repeat(6)));

		assertThat(replay.status()).isGreaterThanOrEqualTo(400);
		assertThat(events(alice, address, null)).containsOnlyOnce(
				"REPLAY_REFUSED:password_reset link already used or voided");
	}

	@Test
	void consoleFiltersByEventTypeAndExportsTheFilteredEventsAsCsv() {
		Account alice = People.alice(this.accounts);
		Browser attacker = Attackers.fromNewAddress(this.port);
		for (int i = 0; i < 5; i++) {
			attacker.signIn(alice.login(), "wrong " + i);
		}
		Browser admin = Console.signedIn(this.port, People.ada(this.accounts));

		Page filtered = admin.get("/admin/audit?event=ACCOUNT_LOCKED");
		Page export = admin.get(filtered.document().selectFirst("a[href*=/admin/audit/export]").attr("href"));

		assertThat(Console.auditRows(filtered)).isNotEmpty()
			.allSatisfy(row -> assertThat(row.event()).isEqualTo("ACCOUNT_LOCKED"));
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
		assertThat(export.header("Content-Disposition")).hasValueSatisfying(
				disposition -> assertThat(disposition).startsWith("attachment"));
		List<String> lines = Arrays.asList(export.body().split("\r\n"));
		assertThat(lines.get(0)).isEqualTo(
				"\"time_utc\",\"event\",\"outcome\",\"actor\",\"user\",\"client_ip\",\"user_agent\",\"detail\"");
		assertThat(lines.subList(1, lines.size())).hasSize(Console.auditRows(filtered).size())
			.allSatisfy(line -> assertThat(line).contains(",\"ACCOUNT_LOCKED\",\"FAILURE\","))
			.anySatisfy(line -> assertThat(line).contains("\"" + alice.login() + "\""));
	}

	@Test
	void exportedCellsThatASpreadsheetWouldRunAsFormulasStayText() {
		String address = Attackers.nextAddress();
		Browser attacker = new Browser(this.port).header("X-Forwarded-For", address)
			.header("User-Agent", "@SUM(1+1)*cmd|' /C calc'!A0");
		attacker.signIn("=HYPERLINK(\"http://evil.example/\",\"x\")", "guess");
		attacker.signIn("+1+1", "guess");
		attacker.signIn("-2+3", "guess");
		Browser admin = Console.signedIn(this.port, People.ada(this.accounts));

		String csv = admin.get("/admin/audit/export?event=SIGN_IN").body();

		assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"x\"\")\"")
			.contains("\"'+1+1\"")
			.contains("\"'-2+3\"")
			.contains("\"'@SUM(1+1)*cmd|' /C calc'!A0\"");
		for (String line : csv.split("\r\n")) {
			for (String cell : line.split("\",\"")) {
				assertThat(cell.replaceFirst("^\"", "")).doesNotStartWith("=").doesNotStartWith("+")
					.doesNotStartWith("-").doesNotStartWith("@");
			}
		}
	}

	private List<String> events(Account account, String address, String userAgent) {
		return this.jdbc.sql("""
				SELECT event, detail FROM audit_event
				WHERE (subject_account_id = :id OR subject = :login) AND client_ip = :ip
					AND COALESCE(user_agent, '') LIKE :agent
				ORDER BY id
				""")
			.param("id", account.id())
			.param("login", account.login())
			.param("ip", address)
			.param("agent", (userAgent != null) ? userAgent : "%")
			.query((rs, n) -> rs.getString("event") + ((rs.getString("detail") != null
					&& !rs.getString("event").endsWith("_LOCKED")) ? ":" + rs.getString("detail") : ""))
			.list();
	}

	private static Page submitAppCode(Browser browser, String code) {
		return browser.get("/login/verify").form("form[action$=/login/verify/app]").set("code", code).submit();
	}

}
