package org.latchkey.operations;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.latchkey.LatchkeyApplication;
import org.latchkey.account.Account;
import org.latchkey.account.AccountDetails;
import org.latchkey.account.Role;
import org.latchkey.factor.Enrolments;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.People;
import org.latchkey.testing.Secrets;
import org.latchkey.testing.SignIns;
import org.latchkey.testing.TestClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code latchkey admin-recover --login NAME}, end to end: the command runs as the jar runs it (a context of its
 * own, with no web server, on the server's database, master key and mail settings) beside the running server, and
 * prints a link; the link, opened on the server, sets a new password and clears every second factor, once and
 * within 15 minutes. The administrator's business email is told, without the link; both steps are audited. The
 * command refuses a login that is no administrator, and does not run at all when the database is unreachable.
 */
@LatchkeyTest
class AdminRecoverTests extends MailScenarios {

	private static final Pattern LINK = Pattern.compile("https?://\\S+");

	private static final String NEW_PASSWORD = "a brand new passphrase for ada";

	@Autowired
	Environment environment;

	@Autowired
	Enrolments enrolments;

	@Test
	void theLinkTheCommandPrintsSetsANewPasswordAndClearsEverySecondFactor() {
		Account ada = SignIns.turnedOn(this.optIns, SignIns.withTwoFactorEmail(this.emailFactors,
				People.ada(this.accounts)));
		assertThat(this.enrolments.of(ada.id())).isNotEmpty();

		Run run = command("admin-recover", "--login=" + ada.login().toUpperCase());

		assertThat(run.status()).isZero();
		String link = run.link();
		Secrets.seen(link.substring(link.indexOf("token=") + "token=".length()));
		String notice = Mailbox.text(this.mailbox.next(ada.businessEmail()));
		assertThat(notice).contains("admin-recover", ada.login()).doesNotContain(link, "token=");
		Browser browser = new Browser(this.port);
		Page done = browser.get(pathOf(link)).form("form[action$=/password-reset/choose]")
			.set("password", NEW_PASSWORD)
			.submit();
		assertThat(done.location()).isEqualTo("/login?reset");
		assertThat(this.accounts.passwordMatches(ada.id(), NEW_PASSWORD)).isTrue();
		assertThat(this.enrolments.of(ada.id())).isEmpty();
		assertThat(this.emailFactors.addressOf(ada.id())).isEmpty();
		assertThat(events(ada)).contains("ADMINISTRATOR_RECOVERY_ISSUED", "ADMINISTRATOR_RECOVERED");
		Page replayed = new Browser(this.port).get(pathOf(link));
		assertThat(replayed.status()).isEqualTo(404);
		assertThat(replayed.document().select("form[action$=/password-reset/choose]")).isEmpty();
	}

	@Test
	void theLinkStopsWorkingAfterFifteenMinutes() {
		Account ada = People.ada(this.accounts);
		Run run = command("admin-recover", "--login", ada.login());
		Secrets.seen(run.link().substring(run.link().indexOf("token=") + "token=".length()));
		assertThat(new Browser(this.port).get(pathOf(run.link())).status()).isEqualTo(200);

		this.clock.advance(Duration.ofMinutes(15).plusSeconds(1));

		assertThat(new Browser(this.port).get(pathOf(run.link())).status()).isEqualTo(404);
		assertThat(this.accounts.passwordMatches(ada.id(), People.PASSWORD)).isTrue();
	}

	@Test
	void theCommandRefusesAUserWhoIsNoAdministratorAndALoginNobodyHas() {
		Account alice = People.alice(this.accounts);
		Account formerAdministrator = People.ada(this.accounts);
		this.accounts.update(formerAdministrator.id(),
				new AccountDetails(formerAdministrator.displayName(), formerAdministrator.businessEmail(), Role.USER));

		Run user = command("admin-recover", "--login=" + alice.login());
		Run nobody = command("admin-recover", "--login=" + People.unique("nobody"));
		Run demoted = command("admin-recover", "--login=" + formerAdministrator.login());
		Run noLogin = command("admin-recover");

		assertThat(List.of(user, nobody, demoted, noLogin)).allSatisfy(run -> {
			assertThat(run.status()).isEqualTo(1);
			assertThat(run.output()).doesNotContain("http");
		});
		assertThat(user.output()).contains("is not an administrator");
		assertThat(noLogin.output()).contains("Usage: latchkey admin-recover --login NAME");
		assertThat(events(alice)).doesNotContain("ADMINISTRATOR_RECOVERY_ISSUED");
	}

	@Test
	void theCommandDoesNotRunWhileTheDatabaseIsUnreachable() {
		Account ada = People.ada(this.accounts);

		Run run = command("admin-recover", "--login=" + ada.login(),
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:9/latchkey", "--spring.datasource.username=x",
				"--spring.datasource.hikari.connection-timeout=2000");

		assertThat(run.status()).isEqualTo(2);
		assertThat(run.output()).contains("the command did not run").doesNotContain("http://");
		assertThat(events(ada)).doesNotContain("ADMINISTRATOR_RECOVERY_ISSUED");
	}

	@Test
	void noPathOfTheServerIssuesARecoveryLink() {
		Account ada = People.ada(this.accounts);
		Browser administrator = SignIns.signedIn(this.port, ada, People.PASSWORD, this.mailbox);

		for (String path : new String[] { "/admin-recover", "/admin/recover", "/actuator/admin-recover" }) {
			assertThat(administrator.get(path).status()).as(path).isIn(302, 404);
			assertThat(administrator.post(path, java.util.Map.of()).status()).as(path).isIn(302, 403, 404, 405);
		}
		assertThat(events(ada)).doesNotContain("ADMINISTRATOR_RECOVERY_ISSUED");
	}

	private List<String> events(Account account) {
		return this.jdbc.sql("SELECT event FROM audit_event WHERE subject_account_id = :id")
			.param("id", account.id())
			.query(String.class)
			.list();
	}

	/** Runs a command of the jar on this server's database, data directory and mailbox, with its clock. */
	private Run command(String... arguments) {
		List<String> args = new ArrayList<>(List.of(arguments));
		for (String property : new String[] { "spring.datasource.url", "spring.datasource.username",
				"spring.datasource.password", "latchkey.data-directory", "latchkey.delivery.notifier",
				"spring.mail.host", "spring.mail.port", "spring.mail.properties.mail.smtp.starttls.enable" }) {
			String value = this.environment.getProperty(property, "");
			if (args.stream().noneMatch(arg -> arg.startsWith("--" + property + "="))) {
				args.add("--" + property + "=" + value);
			}
		}
		TestClock serverClock = this.clock;
		ApplicationContextInitializer<ConfigurableApplicationContext> sameClock = context -> ((GenericApplicationContext) context)
			.registerBean("testClock", TestClock.class, () -> serverClock, definition -> definition.setPrimary(true));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int status = LatchkeyApplication.runCommand(new PrintStream(out, true, StandardCharsets.UTF_8), List.of(sameClock),
				args.toArray(String[]::new));
		return new Run(status, out.toString(StandardCharsets.UTF_8));
	}

	private static String pathOf(String link) {
		URI uri = URI.create(link);
		return uri.getRawPath() + "?" + uri.getRawQuery();
	}

	record Run(int status, String output) {

		String link() {
			Matcher link = LINK.matcher(this.output);
			assertThat(link.find()).as("a link in: " + this.output).isTrue();
			return link.group();
		}

	}

}
