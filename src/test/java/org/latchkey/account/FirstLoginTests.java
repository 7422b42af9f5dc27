package org.latchkey.account;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.internet.MimeMessage;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.factor.EmailFactors;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Form;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.FirstLoginLinks;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.OutboxRows;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * First login through HTTP, with the email read from a real SMTP server: asking for the link without telling
 * whether an account matched, the link's single use and lifetime, and the password and 2FA email chosen on
 * the page it opens, up to the signed-in home page.
 */
@LatchkeyTest
@StorageInvariants
@TestPropertySource(properties = { Mailbox.SMTP, Mailbox.FAST_DISPATCH, FirstLoginLinks.PUBLIC_ADDRESS })
class FirstLoginTests extends ApplicationScenarios {

	static final String NEW_PASSWORD = "violet lantern under quiet rain";

	@Autowired
	EmailFactors emailFactors;

	final Mailbox mailbox = Mailbox.shared();

	OutboxRows outbox;

	@BeforeEach
	void setUp() {
		this.outbox = new OutboxRows(this.jdbc);
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
	}

	@Test
	void firstLoginButtonIsOnTheSignInPageAndItsPageNeedsNoSignIn() {
		Browser browser = new Browser(this.port);

		Page signIn = browser.get("/login");
		Page firstLogin = browser.get("/first-login");

		assertThat(signIn.document().select("main a[href=/first-login]").text()).isEqualTo("First login");
		assertThat(firstLogin.status()).isEqualTo(200);
		assertThat(firstLogin.document().select("label[for=identifier]").text())
			.isEqualTo("Login or business email");
		assertThat(firstLogin.document().select("form[action=/first-login] input[name=_csrf]")).isNotEmpty();
	}

	@Test
	void answerIsTheSameWhetherTheValueMatchesNothingAnActiveADisabledOrAnInvitedAccount() {
		Account alice = People.alice(this.accounts);
		Account dora = People.alice(this.accounts);
		this.accounts.disable(dora.id());
		Account ivan = People.ivan(this.accounts);
		String unknownEmail = People.unique("nobody") + "@example.com";
		List<String> values = List.of(People.unique("nobody"), unknownEmail, alice.login(), alice.businessEmail(),
				dora.login(), ivan.login());

		List<String> answers = new ArrayList<>();
		for (String value : values) {
			Page posted = ask(new Browser(this.port), value);
			Page shown = posted.follow();
			answers.add(posted.status() + " " + posted.location() + " " + posted.body() + " | " + shown.status()
					+ " " + withoutCsrfToken(shown));
		}

		assertThat(new HashSet<>(answers)).hasSize(1);
		assertThat(answers.get(0)).startsWith("302 /first-login  | 200")
			.contains("If an account waiting for its first login matches, an email with a link is on its way"
					+ " to its business email; it works for 24 hours.");
		assertThat(Mailbox.text(this.mailbox.next(ivan.businessEmail()))).contains(ivan.login());
		assertThat(this.outbox.countTo(ivan.businessEmail())).isEqualTo(1);
		assertThat(this.outbox.countTo(alice.businessEmail())).isZero();
		assertThat(this.outbox.countTo(dora.businessEmail())).isZero();
		assertThat(this.outbox.countTo(unknownEmail)).isZero();
	}

	@Test
	void invitedAccountIsFoundByBusinessEmailIgnoringCaseAndItsLinkPointsAtThePublicAddress() throws Exception {
		Account ivan = People.ivan(this.accounts);

		ask(new Browser(this.port), ivan.businessEmail().toUpperCase());
		MimeMessage message = this.mailbox.next(ivan.businessEmail());
		String link = FirstLoginLinks.pathIn(message);

		assertThat(message.getSubject()).isEqualTo("Set up your Latchkey account");
		assertThat(Mailbox.text(message)).contains("Hello Ivan Petrov,")
			.contains("Your Latchkey account " + ivan.login() + " is waiting for its first login")
			.contains("The link works once, for 24 hours")
			.contains("If you did not ask for this email");
		assertThat(this.jdbc.sql("SELECT token_hash FROM account_link WHERE account_id = :id")
			.param("id", ivan.id())
			.query(String.class)
			.single()).hasSize(64).doesNotContain(FirstLoginLinks.tokenOf(link));
		assertThat(this.jdbc.sql("SELECT actor FROM audit_event WHERE event = 'INVITATION_SENT'"
				+ " AND outcome = 'SUCCESS' AND subject_account_id = :id")
			.param("id", ivan.id())
			.query(String.class)
			.list()).containsExactly((String) null);
	}

	@Test
	void askingAgainVoidsTheEarlierLink() {
		Account ivan = People.ivan(this.accounts);
		String first = requestLink(ivan);

		ask(new Browser(this.port), ivan.login().toUpperCase());
		String second = FirstLoginLinks.pathIn(this.mailbox.next(ivan.businessEmail()));

		assertThat(new Browser(this.port).get(first).status()).isEqualTo(410);
		assertThat(new Browser(this.port).get(second).location()).isEqualTo("/first-login/start");
	}

	@Test
	void firstLoginWhileTwoFactorIsOffEndsSignedInWithAProvenTwoFactorEmail() {
		Account ivan = firstLoginEndsSignedIn(TwoFactorMode.OFF);

		assertThat(new Browser(this.port).signIn(ivan.login(), NEW_PASSWORD).location()).isEqualTo("/");
	}

	@Test
	void firstLoginWhileTwoFactorIsRequiredEndsSignedInAndLaterCodesGoToTheChosenAddress() {
		Account ivan = firstLoginEndsSignedIn(TwoFactorMode.REQUIRED);

		Browser later = new Browser(this.port);
		assertThat(later.signIn(ivan.login(), NEW_PASSWORD).location()).isEqualTo("/login/verify");
		String code = this.mailbox.nextCode(chosenAddress(ivan));
		assertThat(later.get("/login/verify").form("form[action$=/login/verify]").set("code", code).submit()
			.location()).isEqualTo("/");
	}

	@Test
	void twoFactorEmailChosenWhileRequiredAsksNothingOnceOptionalUntilTheUserTurnsTwoFactorOn() {
		Account ivan = firstLoginEndsSignedIn(TwoFactorMode.REQUIRED);
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);

		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(ivan.login(), NEW_PASSWORD).location()).isEqualTo("/");
		Page configure = browser.get("/account/two-factor");
		assertThat(configure.document().select("#turn-on").text())
			.contains("Two-factor authentication is off for your account");
		Page turnedOn = configure.form("form[action$=/account/two-factor/on]").submit();

		assertThat(turnedOn.location()).isEqualTo("/login?ended=two_factor_configured");
		assertThat(browser.get("/").location()).startsWith("/login");
		Browser next = new Browser(this.port);
		assertThat(next.signIn(ivan.login(), NEW_PASSWORD).location()).isEqualTo("/login/verify");
		String code = this.mailbox.nextCode(chosenAddress(ivan));
		assertThat(next.get("/login/verify").form("form[action$=/login/verify]").set("code", code).submit()
			.location()).isEqualTo("/");
		assertThat(next.get("/account/two-factor").document().select("#turn-on").text())
			.contains("Two-factor authentication is on for your account");
	}

	@Test
	void firstLoginWhileTwoFactorIsOptionalMayLeaveTheTwoFactorEmailForLater() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
		Account ivan = People.ivan(this.accounts);
		Browser browser = new Browser(this.port);
		Page form = browser.get(requestLink(ivan)).follow();
		assertThat(form.document().select("label[for=email]").text()).isEqualTo("2FA email (optional)");
		assertThat(form.document().selectFirst("#email").hasAttr("required")).isFalse();

		Page done = choose(form, NEW_PASSWORD, "");

		assertThat(done.location()).isEqualTo("/");
		assertThat(browser.get("/").text()).contains("Signed in as " + ivan.login());
		assertThat(this.jdbc.sql("SELECT method FROM signed_in_session WHERE account_id = :id")
			.param("id", ivan.id())
			.query(String.class)
			.list()).containsExactly("PASSWORD");
		assertThat(this.emailFactors.addressOf(ivan.id())).isEmpty();
		assertThat(count("SELECT COUNT(*) FROM code_challenge WHERE account_id = :id", ivan)).isZero();
		assertThat(new Browser(this.port).signIn(ivan.login(), NEW_PASSWORD).location()).isEqualTo("/");
	}

	@Test
	void linkWorksOnceAndCannotBeUsedToSignIn() {
		Account ivan = People.ivan(this.accounts);
		String link = requestLink(ivan);
		Browser first = new Browser(this.port);
		Browser second = new Browser(this.port);
		Page firstForm = first.get(link).follow();
		Page secondForm = second.get(link).follow();
		String mallory = "mallory-" + ivan.login() + "@example.org";

		Page used = choose(firstForm, NEW_PASSWORD, chosenAddress(ivan));
		Page replay = choose(secondForm, "another long passphrase of mallory", mallory);
		Page reopened = new Browser(this.port).get(link);

		assertThat(used.location()).isEqualTo("/login/verify");
		assertThat(replay.status()).isEqualTo(410);
		assertThat(replay.text()).contains("This link is no longer valid");
		assertThat(replay.document().select("main a[href=/first-login]").text()).isEqualTo("Ask for a new link");
		assertThat(reopened.status()).isEqualTo(410);
		assertThat(reopened.text()).contains("This link is no longer valid");
		assertThat(this.outbox.countTo(mallory)).isZero();
		assertThat(new Browser(this.port).signIn(ivan.login(), "another long passphrase of mallory").location())
			.isEqualTo("/login?error");
		assertThat(new Browser(this.port).signIn(ivan.login(), FirstLoginLinks.tokenOf(link)).location())
			.isEqualTo("/login?error");
	}

	@Test
	void concurrentUsesOfOneLinkInitialiseTheAccountOnce() throws Exception {
		Account ivan = People.ivan(this.accounts);
		String link = requestLink(ivan);
		List<Callable<Integer>> submissions = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			Form form = new Browser(this.port).get(link)
				.follow()
				.form("form[action=/first-login/start]")
				.set("password", NEW_PASSWORD)
				.set("email", "race-" + i + "-" + ivan.login() + "@example.org");
			submissions.add(() -> form.submit().status());
		}

		ExecutorService pool = Executors.newFixedThreadPool(submissions.size());
		List<Integer> statuses = new ArrayList<>();
		for (Future<Integer> status : pool.invokeAll(submissions)) {
			statuses.add(status.get());
		}
		pool.shutdown();

		assertThat(statuses).containsOnly(302, 410).filteredOn(status -> status == 302).hasSize(1);
		assertThat(count("SELECT COUNT(*) FROM audit_event WHERE event = 'ACCOUNT_ACTIVATED'"
				+ " AND subject_account_id = :id", ivan)).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM code_challenge WHERE account_id = :id", ivan)).isEqualTo(1);
	}

	@Test
	void linkExpiresAfterTwentyFourHours() {
		Account ivan = People.ivan(this.accounts);
		String link = requestLink(ivan);
		Page openedInTime = new Browser(this.port).get(link).follow();

		this.clock.advance(Duration.ofHours(24).plusSeconds(1));
		Page late = new Browser(this.port).get(link);
		Page submittedLate = choose(openedInTime, NEW_PASSWORD, chosenAddress(ivan));

		assertThat(late.status()).isEqualTo(410);
		assertThat(late.text()).contains("A first-login link works once, for 24 hours");
		assertThat(submittedLate.status()).isEqualTo(410);
		assertThat(this.accounts.findById(ivan.id()).orElseThrow().status()).isEqualTo(AccountStatus.INVITED);
		assertThat(this.accounts.findCredentials(ivan.login())).isEmpty();
	}

	@Test
	void refusedPasswordKeepsTheLinkUsableAndWritesNothing() {
		Account ivan = People.ivan(this.accounts);
		String chosen = chosenAddress(ivan);
		Browser browser = new Browser(this.port);
		Page form = browser.get(requestLink(ivan)).follow();

		Page common = choose(form, "qwertyuiop12345", chosen);
		Page isTwoFactorEmail = choose(form, chosen.substring(0, chosen.indexOf('@')), chosen);

		assertThat(common.status()).isEqualTo(400);
		Document page = common.document();
		assertThat(page.selectFirst("#password-error").text()).contains("among the most common ones");
		assertThat(page.selectFirst("#password").attr("aria-invalid")).isEqualTo("true");
		assertThat(page.selectFirst("#password").attr("aria-describedby")).contains("password-error");
		assertThat(page.selectFirst("#password").val()).isEmpty();
		assertThat(page.select("#password-guidance li").eachText())
			.contains("This is similar to a commonly used password.");
		assertThat(page.selectFirst("#email").val()).isEqualTo(chosen);
		assertThat(isTwoFactorEmail.status()).isEqualTo(400);
		assertThat(isTwoFactorEmail.document().selectFirst("#password-error").text())
			.contains("must not be your email address");
		assertThat(this.accounts.findById(ivan.id()).orElseThrow().status()).isEqualTo(AccountStatus.INVITED);
		assertThat(this.accounts.findCredentials(ivan.login())).isEmpty();
		assertThat(count("SELECT COUNT(*) FROM account_link WHERE account_id = :id AND used_at IS NULL", ivan))
			.isEqualTo(1);
		assertThat(this.outbox.countTo(chosen)).isZero();
		assertThat(choose(browser.get("/first-login/start"), NEW_PASSWORD, chosen).location())
			.isEqualTo("/login/verify");
	}

	@Test
	void invalidTwoFactorEmailIsRefusedBesideItsField() {
		Account ivan = People.ivan(this.accounts);
		Page form = new Browser(this.port).get(requestLink(ivan)).follow();

		for (String address : new String[] { "not an address", "\"a,b\"@example.org",
				"x".repeat(300) + "@example.org", "", "ivan\u0000@example.org" }) {
			Page refused = choose(form, NEW_PASSWORD, address);

			assertThat(refused.status()).as(address).isEqualTo(400);
			assertThat(refused.document().selectFirst("#email-error").text()).as(address)
				.containsAnyOf("not a valid email address", "This field is required");
			assertThat(refused.document().selectFirst("#email").attr("aria-invalid")).isEqualTo("true");
			assertThat(refused.document().select("#password-error")).isEmpty();
		}
		assertThat(this.accounts.findCredentials(ivan.login())).isEmpty();
		assertThat(this.emailFactors.addressOf(ivan.id())).isEmpty();
	}

	@Test
	void badInputsOnTheFirstLoginPageAreRefusedBesideTheFieldAndSendNothing() {
		Account ivan = People.ivan(this.accounts);
		Browser browser = new Browser(this.port);
		Form form = browser.get("/first-login").form("form[action=/first-login]");

		Page empty = form.set("identifier", " ").submit();
		Page huge = form.set("identifier", ivan.login() + "x".repeat(10_000)).submit();
		Page control = form.set("identifier", ivan.login() + "\u0000").submit();
		Page missing = browser.post("/first-login", Map.of("_csrf", form.fields().get("_csrf")));

		assertThat(empty.document().selectFirst("#identifier-error").text()).isEqualTo("This field is required.");
		assertThat(huge.document().selectFirst("#identifier-error").text()).contains("254 characters at most");
		assertThat(control.document().selectFirst("#identifier-error").text())
			.contains("characters that no login or email address holds");
		for (Page answer : new Page[] { empty, huge, control, missing }) {
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.document().selectFirst("#identifier").attr("aria-invalid")).isEqualTo("true");
			assertThat(answer.document().selectFirst("#identifier").attr("aria-describedby"))
				.isEqualTo("identifier-error");
		}
		assertThat(this.outbox.countTo(ivan.businessEmail())).isZero();
	}

	@Test
	void newCodeCanBeAskedForWhileTheChosenAddressIsBeingProved() {
		Account ivan = People.ivan(this.accounts);
		Browser browser = new Browser(this.port);
		choose(browser.get(requestLink(ivan)).follow(), NEW_PASSWORD, chosenAddress(ivan));
		this.mailbox.nextCode(chosenAddress(ivan));

		this.clock.advance(Duration.ofSeconds(31));
		Page resent = browser.get("/login/verify").form("form[action$=/resend]").submit().follow();
		Page done = resent.form("form[action$=/login/verify]")
			.set("code", this.mailbox.nextCode(chosenAddress(ivan)))
			.submit();

		assertThat(resent.text()).contains("A new code is on its way").contains("c***@example.org");
		assertThat(done.location()).isEqualTo("/");
		assertThat(this.emailFactors.addressOf(ivan.id())).contains(chosenAddress(ivan));
	}

	@Test
	void whenTheCodeForTheChosenAddressExpiredAnotherAddressMayBeChosen() {
		Account ivan = People.ivan(this.accounts);
		Browser browser = new Browser(this.port);
		choose(browser.get(requestLink(ivan)).follow(), NEW_PASSWORD, chosenAddress(ivan));
		Page verify = browser.get("/login/verify");

		this.clock.advance(Duration.ofMinutes(11));
		Page resend = verify.form("form[action$=/resend]").submit();

		assertThat(resend.location()).isEqualTo("/login/verify");
		assertThat(resend.follow().text()).contains("Choose your 2FA email");
		assertThat(this.emailFactors.addressOf(ivan.id())).isEmpty();
	}

	private Account firstLoginEndsSignedIn(TwoFactorMode mode) {
		this.policy.changeTwoFactorMode(mode);
		Account ivan = People.ivan(this.accounts);
		String chosen = chosenAddress(ivan);
		Browser browser = new Browser(this.port);
		String link = requestLink(ivan);

		Page opened = browser.get(link);
		assertThat(opened.location()).isEqualTo("/first-login/start");
		Page form = opened.follow();
		assertThat(form.status()).isEqualTo(200);
		assertThat(form.header("Referrer-Policy")).contains("no-referrer");
		assertThat(form.body()).doesNotContain(FirstLoginLinks.tokenOf(link));
		assertThat(form.document().selectFirst("#login").val()).isEqualTo(ivan.login());
		assertThat(form.document().selectFirst("#email").val()).isEqualTo(ivan.businessEmail());

		Page chosenAnswer = choose(form, NEW_PASSWORD, chosen);
		assertThat(chosenAnswer.location()).isEqualTo("/login/verify");
		assertThat(browser.get("/").location()).isEqualTo("/login/verify");
		Page verify = browser.get("/login/verify");
		assertThat(verify.text()).contains("We sent a six-digit code to c***@example.org");

		Page done = verify.form("form[action$=/login/verify]").set("code", this.mailbox.nextCode(chosen)).submit();

		assertThat(done.location()).isEqualTo("/");
		assertThat(browser.get("/").text()).contains("Signed in as " + ivan.login());
		assertThat(this.jdbc.sql("SELECT method FROM signed_in_session WHERE account_id = :id")
			.param("id", ivan.id())
			.query(String.class)
			.list()).containsExactly("EMAIL_CODE");
		assertThat(this.emailFactors.addressOf(ivan.id())).contains(chosen);
		assertThat(this.accounts.findById(ivan.id()).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
		assertThat(Mailbox.text(this.mailbox.next(ivan.businessEmail()))).contains("c***@example.org");
		return ivan;
	}

	/** Asks for the first-login email of an invited account and returns the path of its link. */
	private String requestLink(Account invited) {
		ask(new Browser(this.port), invited.login());
		return FirstLoginLinks.pathIn(this.mailbox.next(invited.businessEmail()));
	}

	private static Page ask(Browser browser, String identifier) {
		return browser.get("/first-login").form("form[action=/first-login]").set("identifier", identifier).submit();
	}

	private static Page choose(Page form, String password, String email) {
		return form.form("form[action=/first-login/start]").set("password", password).set("email", email).submit();
	}

	private static String chosenAddress(Account account) {
		return "codes-for-" + account.login() + "@example.org";
	}

	private static String withoutCsrfToken(Page page) {
		Document document = page.document();
		document.select("input[name=_csrf]").remove();
		return document.html();
	}

	private long count(String sql, Account account) {
		return this.jdbc.sql(sql).param("id", account.id()).query(Long.class).single();
	}

}
