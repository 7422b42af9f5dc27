package org.latchkey.web;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Element;
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
import org.latchkey.testing.SessionCookies;
import org.latchkey.testing.SignIns;
import org.latchkey.testing.StorageInvariants;
import org.latchkey.testing.Totp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * My account → Active sessions, through HTTP: the list shows where and how the user is signed in and marks this
 * browser, and never a session's cookie or stored id; signing out another session, or all others, asks for a
 * fresh code (or the password, without a second factor) and ends them on the server at once; a reference to a
 * session of someone else ends nothing.
 */
@LatchkeyTest
@StorageInvariants
class ActiveSessionTests extends MailScenarios {

	private String secret;

	@BeforeEach
	void usersMayUseApps() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
		this.policy.changeAllowedMethods(
				EnumSet.of(SecondFactorKind.EMAIL_CODE, SecondFactorKind.AUTHENTICATOR_APP), false);
	}

	@Test
	void listShowsEverySessionMarksThisBrowserAndNeverAnId() {
		Account alice = withApp();
		Browser laptop = signInWithApp(alice, "Laptop/1.0");
		Browser phone = signInWithApp(alice, "Phone/2.0 <script>alert(1)</script>");

		assertThat(laptop.get("/account").document().select("#active-sessions a[href$=/account/sessions]")).hasSize(1);
		Page page = laptop.get("/account/sessions");

		assertThat(page.status()).isEqualTo(200);
		List<Element> rows = page.document().select("#sessions tbody tr");
		assertThat(rows).hasSize(2);
		Element current = page.document().selectFirst("#sessions tr.current");
		assertThat(current.text()).contains("this browser").contains("Laptop/1.0")
			.contains("Password and authenticator app");
		assertThat(current.select("form")).isEmpty();
		assertThat(page.document().select("#sessions tr:not(.current)").text()).contains("Phone/2.0");
		assertThat(page.body()).doesNotContain("<script>alert(1)");
		assertThat(page.document().select("#sessions tr:not(.current) form[action$=/account/sessions/end]"))
			.hasSize(1);
		for (Browser browser : List.of(laptop, phone)) {
			String cookie = SessionCookies.of(browser);
			assertThat(page.body()).doesNotContain(cookie).doesNotContain(SessionCookies.secretIn(cookie));
		}
		for (String stored : storedIds(alice)) {
			assertThat(page.body()).doesNotContain(stored);
		}
	}

	@Test
	void endingAnotherSessionAsksForAFreshCodeThenEndsItAtOnce() {
		Account alice = withApp();
		Browser laptop = signInWithApp(alice, "Laptop/1.0");
		Browser phone = signInWithApp(alice, "Phone/2.0");

		Page asked = endOtherSession(laptop);

		assertThat(asked.location()).isEqualTo("/account/methods/confirm");
		assertThat(phone.get("/account").status()).isEqualTo(200);
		assertThat(storedIds(alice)).hasSize(2);
		Page confirm = asked.follow();
		assertThat(confirm.text()).contains("To sign out your other sessions, confirm with a fresh code");

		this.clock.advance(Duration.ofSeconds(30));
		Page confirmed = confirm.form("form[action$=/account/methods/confirm]")
			.set("code", Totp.code(this.secret, this.clock))
			.submit();
		assertThat(confirmed.location()).isEqualTo("/account/sessions");
		assertThat(confirmed.follow().text()).contains("Choose the session to sign out");
		Page ended = endOtherSession(laptop);

		assertThat(ended.location()).isEqualTo("/account/sessions");
		assertThat(ended.follow().text()).contains("The session was signed out");
		assertThat(phone.get("/account").location()).isEqualTo("/login?ended=signed_out_elsewhere");
		assertThat(phone.get("/login?ended=signed_out_elsewhere").text())
			.contains("signed out from another of your sessions");
		assertThat(laptop.get("/account").status()).isEqualTo(200);
		assertThat(storedIds(alice)).hasSize(1);
		assertThat(audit(alice)).containsExactly("one other session (1 ended)");
	}

	@Test
	void aPermitEndsOneSessionOnlyOnce() {
		Account alice = withApp();
		Browser laptop = signInWithApp(alice, "Laptop/1.0");
		Browser phone = signInWithApp(alice, "Phone/2.0");
		Browser tablet = signInWithApp(alice, "Tablet/3.0");
		stepUp(laptop);

		Page first = endOtherSession(laptop);
		Page second = endOtherSession(laptop);

		assertThat(first.location()).isEqualTo("/account/sessions");
		assertThat(second.location()).isEqualTo("/account/methods/confirm");
		assertThat(storedIds(alice)).hasSize(2);
		assertThat(List.of(phone, tablet)).filteredOn(other -> other.get("/account").status() == 200).hasSize(1);
	}

	@Test
	void signingOutAllOthersKeepsOnlyThisBrowser() {
		Account alice = withApp();
		Browser laptop = signInWithApp(alice, "Laptop/1.0");
		Browser phone = signInWithApp(alice, "Phone/2.0");
		Browser tablet = signInWithApp(alice, "Tablet/3.0");
		String csrf = laptop.get("/account/sessions").csrf();

		Page refused = laptop.post("/account/sessions/end-others", Map.of("_csrf", csrf));
		assertThat(refused.location()).isEqualTo("/account/methods/confirm");
		assertThat(storedIds(alice)).hasSize(3);
		stepUp(laptop);
		Page ended = laptop.get("/account/sessions").form("form[action$=/account/sessions/end-others]").submit();

		assertThat(ended.follow().text()).contains("All your other sessions were signed out");
		assertThat(phone.get("/account").location()).isEqualTo("/login?ended=signed_out_elsewhere");
		assertThat(tablet.get("/").location()).isEqualTo("/login?ended=signed_out_elsewhere");
		assertThat(laptop.get("/account/sessions").document().select("#sessions tbody tr")).hasSize(1);
		assertThat(audit(alice)).containsExactly("all other sessions (2 ended)");
	}

	@Test
	void aReferenceToSomeoneElsesSessionEndsNothing() {
		Account alice = withApp();
		Browser laptop = signInWithApp(alice, "Laptop/1.0");
		Account bob = People.alice(this.accounts);
		Browser bobsLaptop = signedIn(bob);
		Browser bobsPhone = signedIn(bob);
		String bobsReference = bobsLaptop.get("/account/sessions")
			.document()
			.selectFirst("#sessions tr:not(.current) input[name=session]")
			.val();
		stepUp(laptop);
		String csrf = laptop.get("/account/sessions").csrf();

		List<Page> forged = List.of(
				laptop.post("/account/sessions/end", Map.of("_csrf", csrf, "session", bobsReference)),
				laptop.post("/account/sessions/end", Map.of("_csrf", csrf, "session", storedIds(bob).get(0))),
				laptop.post("/account/sessions/end", Map.of("_csrf", csrf)));

		for (Page answer : forged) {
			assertThat(answer.location()).isEqualTo("/account/sessions");
		}
		assertThat(forged.get(0).follow().text()).contains("This session is no longer open");
		assertThat(bobsLaptop.get("/account").status()).isEqualTo(200);
		assertThat(bobsPhone.get("/account").status()).isEqualTo(200);
		assertThat(storedIds(bob)).hasSize(2);
		assertThat(storedIds(alice)).hasSize(1);
	}

	@Test
	void withoutASecondFactorThePasswordProvesIt() {
		Account alice = People.alice(this.accounts);
		Browser laptop = signedIn(alice);
		Browser phone = signedIn(alice);

		Page page = laptop.get("/account/sessions");
		assertThat(page.text()).contains("asks for your password");
		Page wrong = page.form("#sessions form[action$=/account/sessions/end]").set("password", "not it").submit();
		assertThat(wrong.follow().text()).contains("This is not your password");
		assertThat(phone.get("/account").status()).isEqualTo(200);

		Page ended = laptop.get("/account/sessions")
			.form("#sessions form[action$=/account/sessions/end]")
			.set("password", People.PASSWORD)
			.submit();

		assertThat(ended.follow().text()).contains("The session was signed out");
		assertThat(phone.get("/account").location()).isEqualTo("/login?ended=signed_out_elsewhere");
		assertThat(laptop.get("/account").status()).isEqualTo(200);
	}

	/** Alice with an app (its key in {@link #secret}), signed out everywhere by its setup. */
	private Account withApp() {
		Account alice = People.alice(this.accounts);
		this.secret = Totp.enrol(signedIn(alice), this.clock);
		this.mailbox.next(alice.businessEmail());
		return alice;
	}

	private Browser signInWithApp(Account account, String userAgent) {
		return Totp.signIn(new Browser(this.port).header("User-Agent", userAgent), account, this.secret, this.clock);
	}

	private Browser signedIn(Account account) {
		return SignIns.signedIn(this.port, account, People.PASSWORD, this.mailbox);
	}

	/** Asks to end sessions and confirms it with the app, which leaves a permit in the browser's session. */
	private void stepUp(Browser browser) {
		String csrf = browser.get("/account/sessions").csrf();
		Page asked = browser.post("/account/sessions/end-others",
				Map.of("_csrf", csrf, "password", People.PASSWORD));
		assertThat(asked.location()).isEqualTo("/account/methods/confirm");
		this.clock.advance(Duration.ofSeconds(30));
		Page confirmed = asked.follow()
			.form("form[action$=/account/methods/confirm]")
			.set("code", Totp.code(this.secret, this.clock))
			.submit();
		assertThat(confirmed.location()).isEqualTo("/account/sessions");
	}

	private Page endOtherSession(Browser browser) {
		return browser.get("/account/sessions").form("#sessions tr:not(.current) form").submit();
	}

	private List<String> storedIds(Account account) {
		return this.jdbc.sql("SELECT session_id FROM signed_in_session WHERE account_id = :id")
			.param("id", account.id())
			.query(String.class)
			.list();
	}

	private List<String> audit(Account account) {
		return this.jdbc.sql("""
				SELECT detail FROM audit_event WHERE event = 'SESSIONS_SIGNED_OUT' AND outcome = 'SUCCESS'
				AND subject_account_id = :id ORDER BY id
				""").param("id", account.id()).query(String.class).list();
	}

}
