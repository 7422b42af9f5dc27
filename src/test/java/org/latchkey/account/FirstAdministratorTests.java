package org.latchkey.account;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.latchkey.account.internal.FirstAdministratorStartup;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-time link that creates the first administrator: printed at start, good once, for an hour, only
 * while no administrator exists. Each test starts as a new installation does, with no account: the class has a
 * context of its own, whose accounts each test deletes first.
 */
@LatchkeyTest
@StorageInvariants
@TestPropertySource(properties = "latchkey.test.own-context=first-administrator")
@ExtendWith(OutputCaptureExtension.class)
class FirstAdministratorTests extends ApplicationScenarios {

	/** Every table that holds an account or what refers to one, those that refer first. */
	private static final List<String> ACCOUNT_TABLES = List.of("signed_in_session", "SPRING_SESSION",
			"code_challenge", "email_factor", "account_link", "authenticator_app", "temporary_password",
			"phone_number", "default_method", "two_factor_opt_in", "second_factor_failure_notice", "sign_in_failure_counter", "account",
			"setup_token");

	private static final Pattern LINK = Pattern.compile("http://localhost:(\\d+)(/setup\\?token=[\\w-]+)");

	@Autowired
	FirstAdministratorStartup startup;

	@Autowired
	FirstAdministrator firstAdministrator;

	@BeforeEach
	void noAccountYet() {
		ACCOUNT_TABLES.forEach(table -> this.jdbc.sql("DELETE FROM " + table).update());
	}

	@Test
	void linkPrintedAtStartCreatesTheFirstAdministratorExactlyOnce(CapturedOutput output) {
		int before = output.getOut().length();
		this.startup.onReady();
		Matcher link = LINK.matcher(output.getOut().substring(before));
		assertThat(link.find()).as("setup link in the log").isTrue();
		assertThat(link.group(1)).isEqualTo(String.valueOf(this.port));
		Browser browser = new Browser(this.port);

		Page form = browser.get(link.group(2));
		Page created = fill(form, "grace", People.PASSWORD).submit();

		assertThat(created.location()).isEqualTo("/login?created=");
		assertThat(browser.signIn("grace", People.PASSWORD).location()).isEqualTo("/");
		assertThat(browser.get("/admin").status()).isNotEqualTo(403);
		Browser other = new Browser(this.port);
		Page replay = other.post("/setup", Map.of("_csrf", other.get("/login").csrf(), "token",
				token(link.group(2)), "login", "mallory", "displayName", "Mallory", "businessEmail",
				"mallory@example.com", "password", People.PASSWORD));
		assertThat(replay.status()).isEqualTo(404);
		assertThat(replay.text()).contains("This setup link is not valid");
		assertThat(new Browser(this.port).get(link.group(2)).status()).isEqualTo(404);
		assertThat(this.accounts.findByLogin("mallory")).isEmpty();
	}

	@Test
	void linkExpiresAfterAnHour() {
		String token = this.firstAdministrator.openSetup();
		Page form = new Browser(this.port).get("/setup?token=" + token);

		this.clock.advance(Duration.ofMinutes(61));

		assertThat(fill(form, "grace", People.PASSWORD).submit().status()).isEqualTo(404);
		assertThat(new Browser(this.port).get("/setup?token=" + token).status()).isEqualTo(404);
		assertThat(this.firstAdministrator.isNeeded()).isTrue();
	}

	@Test
	void unknownOrMissingTokenShowsTheClosedPage() {
		this.firstAdministrator.openSetup();
		Browser browser = new Browser(this.port);

		assertThat(browser.get("/setup").status()).isEqualTo(404);
		assertThat(browser.get("/setup?token=guessed").status()).isEqualTo(404);
	}

	@Test
	void refusedFieldsLeaveTheLinkUsableAndCreateNothing() {
		String token = this.firstAdministrator.openSetup();
		Page form = new Browser(this.port).get("/setup?token=" + token);

		Page tooShort = fill(form, "grace", "short").submit();
		Page badLogin = fill(form, "grace\u0007", People.PASSWORD).submit();
		Page longLogin = fill(form, "g".repeat(10_000), People.PASSWORD).submit();

		assertThat(tooShort.status()).isEqualTo(400);
		assertThat(tooShort.text()).contains("too short");
		assertThat(badLogin.status()).isEqualTo(400);
		assertThat(longLogin.status()).isEqualTo(400);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM account").query(Long.class).single()).isZero();
		assertThat(fill(form, "grace", People.PASSWORD).submit().location()).isEqualTo("/login?created=");
	}

	@Test
	void commonPasswordIsRefusedWithAReasonAndGuidance() {
		String token = this.firstAdministrator.openSetup();
		Page form = new Browser(this.port).get("/setup?token=" + token);
		Page french = new Browser(this.port).acceptLanguage("fr").get("/setup?token=" + token);

		Page common = fill(form, "grace", "qwertyuiop12345").submit();
		Page commonInFrench = fill(french, "grace", "qwertyuiop12345").submit();

		assertThat(common.status()).isEqualTo(400);
		assertThat(common.document().select("#password-error").text())
			.startsWith("This password is among the most common ones");
		assertThat(common.document().select("#password-guidance li").eachText())
			.contains("This is similar to a commonly used password.");
		assertThat(common.document().select("#password").attr("aria-describedby"))
			.contains("password-error", "password-guidance");
		assertThat(common.document().select("input[name=password]").val()).isEmpty();
		assertThat(commonInFrench.document().select("#password-error").text())
			.startsWith("Ce mot de passe fait partie des plus courants");
		assertThat(commonInFrench.document().select("#password-guidance li").eachText())
			.contains("C'est tr\u00e8s similaire \u00e0 un mot de passe fr\u00e9quemment utilis\u00e9.");
		assertThat(this.firstAdministrator.isNeeded()).isTrue();
		assertThat(fill(form, "grace", People.PASSWORD).submit().location()).isEqualTo("/login?created=");
	}

	@Test
	void setupFormWithoutCsrfTokenIsRefused() {
		String token = this.firstAdministrator.openSetup();
		Page form = new Browser(this.port).get("/setup?token=" + token);

		Page answer = fill(form, "grace", People.PASSWORD).remove("_csrf").submit();

		assertThat(answer.status()).isEqualTo(403);
		assertThat(this.firstAdministrator.isNeeded()).isTrue();
	}

	@Test
	void storedTokenIsOnlyAKeyedHash() {
		String token = this.firstAdministrator.openSetup();

		assertThat(this.jdbc.sql("SELECT token_hash FROM setup_token").query(String.class).single())
			.hasSize(64)
			.doesNotContain(token);
	}

	private static String token(String path) {
		return path.substring(path.indexOf('=') + 1);
	}

	private static Browser.Form fill(Page form, String login, String password) {
		return form.form("form[action$=/setup]")
			.set("login", login)
			.set("displayName", "Grace Hopper")
			.set("businessEmail", "grace@example.com")
			.set("password", password);
	}

}
