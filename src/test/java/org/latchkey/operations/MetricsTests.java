package org.latchkey.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.People;
import org.latchkey.testing.SignIns;

import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management port: Prometheus text scraped with no sign-in shows the sign-in counters move after a sign-in
 * with an emailed code and after failures, the codes sent, the outbox and session gauges and the HTTP server's
 * requests; none of it is reachable on the application port.
 */
@LatchkeyTest
class MetricsTests extends MailScenarios {

	@LocalManagementPort
	int managementPort;

	/** 2FA optional: the people who turned it on sign in with a code, the others with their password alone. */
	@BeforeEach
	void optionalTwoFactor() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
	}

	@Test
	void aSignInWithAnEmailedCodeMovesTheCountersAScraperReadsWithoutSigningIn() {
		Account alice = SignIns.turnedOn(this.optIns, SignIns.withTwoFactorEmail(this.emailFactors,
				People.alice(this.accounts)));
		String before = scrape();

		SignIns.signedIn(this.port, alice, People.PASSWORD, this.mailbox);

		String after = scrape();
		assertThat(value(after, "latchkey_signin_started_total", ""))
			.isEqualTo(value(before, "latchkey_signin_started_total", "") + 1);
		assertThat(value(after, "latchkey_signin_completed_total", "method=\"email_code\""))
			.isEqualTo(value(before, "latchkey_signin_completed_total", "method=\"email_code\"") + 1);
		assertThat(value(after, "latchkey_codes_sent_total", "channel=\"email\",purpose=\"sign_in\""))
			.isEqualTo(value(before, "latchkey_codes_sent_total", "channel=\"email\",purpose=\"sign_in\"") + 1);
		assertThat(value(after, "latchkey_sessions_active", "")).isGreaterThanOrEqualTo(1);
		assertThat(value(after, "latchkey_password_hash_seconds_count", "operation=\"matches\""))
			.isGreaterThan(value(before, "latchkey_password_hash_seconds_count", "operation=\"matches\""));
		assertThat(after).contains("http_server_requests_seconds_count{", "uri=\"/login\"",
				"latchkey_outbox_messages{", "status=\"pending\"", "status=\"failed\"",
				"latchkey_outbox_oldest_pending_age_seconds", "latchkey_sms_sent_last_hour",
				"latchkey_sms_hourly_cap", "latchkey_accounts_locked");
		assertThat(after).as("Spring Security's own timers are off").doesNotContain("spring_security_");
	}

	@Test
	void wrongPasswordsAndWrongCodesAreCountedByStepAndMethod() {
		Account alice = SignIns.turnedOn(this.optIns, SignIns.withTwoFactorEmail(this.emailFactors,
				People.alice(this.accounts)));
		String before = scrape();

		new Browser(this.port).signIn(alice.login(), "not alice's password");
		Browser browser = new Browser(this.port);
		browser.signIn(alice.login(), People.PASSWORD);
		SignIns.submitCode(browser, wrong(this.mailbox.nextCode(SignIns.twoFactorAddress(alice))));

		String after = scrape();
		assertThat(value(after, "latchkey_signin_failed_total", "method=\"password\",step=\"password\""))
			.isEqualTo(value(before, "latchkey_signin_failed_total", "method=\"password\",step=\"password\"") + 1);
		assertThat(value(after, "latchkey_signin_failed_total", "method=\"email_code\",step=\"second_factor\""))
			.isEqualTo(value(before, "latchkey_signin_failed_total", "method=\"email_code\",step=\"second_factor\"")
					+ 1);
	}

	@Test
	void aLockIsCountedAndShownAsALockedAccount() {
		Account alice = SignIns.turnedOn(this.optIns, SignIns.withTwoFactorEmail(this.emailFactors,
				People.alice(this.accounts)));
		String before = scrape();

		lockedOut(alice);

		String after = scrape();
		double lockouts = value(after, "latchkey_lockouts_total", "scope=\"account\"")
				+ value(after, "latchkey_lockouts_total", "scope=\"device\"");
		double lockoutsBefore = value(before, "latchkey_lockouts_total", "scope=\"account\"")
				+ value(before, "latchkey_lockouts_total", "scope=\"device\"");
		assertThat(lockouts).isEqualTo(lockoutsBefore + 1);
		assertThat(value(after, "latchkey_accounts_locked", "")).isGreaterThanOrEqualTo(1);
	}

	@Test
	void theGrafanaDashboardReadsOnlyNamesTheEndpointServes() throws IOException {
		SignIns.signedIn(this.port, People.ada(this.accounts), People.PASSWORD, this.mailbox);
		lockedOut(SignIns.turnedOn(this.optIns, SignIns.withTwoFactorEmail(this.emailFactors,
				People.alice(this.accounts))));
		String scrape = scrape();

		Matcher names = Pattern.compile("\\b((?:latchkey|http_server|jvm)_[a-z_]+)\\b")
			.matcher(Files.readString(Path.of("docs/grafana-dashboard.json")));
		Set<String> used = new TreeSet<>();
		while (names.find()) {
			used.add(names.group(1));
		}

		assertThat(used).hasSizeGreaterThan(10)
			.allSatisfy(name -> assertThat(scrape).as(name).containsPattern("(?m)^" + name + "\\{"));
	}

	@Test
	void metricsAndInfoAreOnTheManagementPortOnlyAndNeverAskForASignIn() {
		Page metrics = new Browser(this.managementPort).get("/actuator/prometheus");
		Page info = new Browser(this.managementPort).get("/actuator/info");

		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
		assertThat(metrics.header("Set-Cookie")).isEmpty();
		assertThat(info.status()).isEqualTo(200);
		assertThat(info.body()).contains("\"build\"", "\"version\"", "\"artifact\":\"latchkey\"");
		for (String path : new String[] { "/actuator/prometheus", "/actuator/info", "/actuator/metrics",
				"/actuator/env", "/actuator" }) {
			Page onApplicationPort = new Browser(this.port).get(path);
			assertThat(onApplicationPort.status()).as(path).isIn(302, 404);
			assertThat(onApplicationPort.body()).as(path).doesNotContain("latchkey_", "\"build\"");
		}
		Browser administrator = SignIns.signedIn(this.port, People.ada(this.accounts), People.PASSWORD, this.mailbox);
		assertThat(administrator.get("/actuator/prometheus").body()).doesNotContain("# TYPE");
	}

	@Test
	void theApplicationPortStillAnswersHealthProbes() {
		assertThat(new Browser(this.port).get("/actuator/health").body()).isEqualTo("{\"status\":\"UP\"}");
		assertThat(new Browser(this.managementPort).get("/actuator/health/readiness").status()).isEqualTo(200);
	}

	private String scrape() {
		Page page = new Browser(this.managementPort).get("/actuator/prometheus");
		assertThat(page.status()).isEqualTo(200);
		return page.body();
	}

	/** Five wrong codes after the right password: the fifth failure in a row locks the account. */
	private void lockedOut(Account account) {
		Browser browser = new Browser(this.port);
		browser.signIn(account.login(), People.PASSWORD);
		String code = this.mailbox.nextCode(SignIns.twoFactorAddress(account));
		for (int i = 0; i < 5; i++) {
			SignIns.submitCode(browser, wrong(code));
		}
	}

	/** A code that is not {@code code}: its last digit changed. */
	private static String wrong(String code) {
		char last = code.charAt(code.length() - 1);
		return code.substring(0, code.length() - 1) + ((last == '9') ? '0' : (char) (last + 1));
	}

	/** The value of a sample, 0 when absent; {@code labels} are the sample's labels other than the application's. */
	private static double value(String scrape, String name, String labels) {
		Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
		Matcher matcher = sample.matcher(scrape);
		while (matcher.find()) {
			String found = matcher.group(1).replaceAll("application=\"latchkey\",?", "").replaceAll(",$", "");
			if (found.equals(labels)) {
				return Double.parseDouble(matcher.group(2));
			}
		}
		return 0;
	}

}
