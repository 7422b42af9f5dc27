package org.latchkey.admin;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.factor.CodePurpose;
import org.latchkey.factor.EmailFactors;
import org.latchkey.factor.OneTimeCodes;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's dashboard rendered with known data: the test clock moves to an hour nothing else happened in,
 * then the test makes sign-ins, failures, users, a code, a lock and a failed message, and reads what each
 * picture and tile says moved. Other classes share the database, so users, codes and messages are read as the
 * change the test made; the hour of sign-ins is the test's alone.
 */
@LatchkeyTest
class DashboardTests extends ConsoleScenarios {

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneOffset.UTC);

	@Autowired
	EmailFactors emailFactors;

	@Autowired
	OneTimeCodes codes;

	@Test
	void signInsAndFailuresAreCountedInTheirHour() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		Instant now = this.clock.instant();
		this.clock.advance(Duration.between(now, now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(70))));
		String hour = HOUR.format(this.clock.instant().truncatedTo(ChronoUnit.HOURS));
		Account alice = People.alice(this.accounts);

		new Browser(this.port).signIn(alice.login(), People.PASSWORD);
		new Browser(this.port).signIn(alice.login(), People.PASSWORD);
		new Browser(this.port).signIn(alice.login(), "not her password");
		Page dashboard = this.admin.get("/admin");

		assertThat(hourRows(dashboard)).containsEntry(hour, "2 1");
		assertThat(dashboard.document().select("#signins-chart rect.completed")).isNotEmpty();
		assertThat(dashboard.document().select("#signins-chart rect.failed")).isNotEmpty();
		assertThat(dashboard.document().selectFirst("#signins-desc").text()).contains("the busiest hour had");
	}

	@Test
	void rolloutCodesLocksAndOutboxMoveWithWhatHappened() {
		Page before = this.admin.get("/admin");
		Account alice = People.alice(this.accounts);
		Account bob = People.alice(this.accounts);
		this.emailFactors.set(bob.id(), "codes-" + bob.login() + "@example.org");
		this.codes.sendByEmail(bob.id(), CodePurpose.SIGN_IN, "dashboard-browser", "codes-" + bob.login()
				+ "@example.org", Locale.ENGLISH);
		this.jdbc.sql("""
				INSERT INTO sign_in_failure_counter (account_id, client, failures, locked_until, locked_for_good)
				VALUES (:id, '*', 10, NULL, TRUE)
				""").param("id", alice.id()).update();
		this.jdbc.sql("""
				INSERT INTO outbox_message (channel, recipient, template, status, attempts, created_at, next_attempt_at,
					last_error)
				VALUES ('EMAIL', 'gone@example.com', 'code', 'FAILED', 5, :now, :now, 'refused')
				""").param("now", Timestamp.from(this.clock.instant())).update();

		Page after = this.admin.get("/admin");

		assertThat(tile(after, "active-users") - tile(before, "active-users")).isEqualTo(2);
		assertThat(tile(after, "without-two-factor") - tile(before, "without-two-factor")).isEqualTo(1);
		assertThat(bar(after, "rollout-chart", "Email code") - bar(before, "rollout-chart", "Email code")).isEqualTo(1);
		assertThat(bar(after, "rollout-chart", "No 2FA yet") - bar(before, "rollout-chart", "No 2FA yet")).isEqualTo(1);
		assertThat(bar(after, "codes-chart", "By email") - bar(before, "codes-chart", "By email")).isEqualTo(1);
		assertThat(bar(after, "codes-chart", "By SMS")).isEqualTo(bar(before, "codes-chart", "By SMS"));
		assertThat(tile(after, "locked-accounts") - tile(before, "locked-accounts")).isEqualTo(1);
		assertThat(tile(after, "outbox-failed") - tile(before, "outbox-failed")).isEqualTo(1);
		assertThat(after.document().selectFirst("#rollout-chart-desc").text())
			.contains("Out of " + tile(after, "active-users") + " active users");
	}

	@Test
	void everyPictureIsAnSvgWithANameAndNothingComesFromElsewhere() {
		Page dashboard = this.admin.get("/admin");

		assertThat(dashboard.document().select("svg.chart")).isNotEmpty().allSatisfy(svg -> {
			assertThat(svg.attr("role")).isEqualTo("img");
			assertThat(svg.attr("aria-labelledby")).isNotBlank();
			assertThat(svg.attr("viewBox")).matches("0 0 700 \\d+");
		});
		assertThat(dashboard.document().select("svg.bar-svg")).isNotEmpty()
			.allSatisfy(svg -> assertThat(svg.attr("aria-hidden")).as("its label and value are text beside it")
				.isEqualTo("true"));
		assertThat(dashboard.document().select("script")).isEmpty();
		assertThat(dashboard.document().select("[src^=http], link[href^=http]")).isEmpty();
		assertThat(dashboard.body()).doesNotContain("style=");
	}

	/** Each hour of the figures table that had a sign-in, as "completed failed". */
	private static Map<String, String> hourRows(Page page) {
		return page.document()
			.select("#signins-table tbody tr")
			.stream()
			.collect(Collectors.toMap(row -> row.child(0).text(), row -> row.child(1).text() + " " + row.child(2).text()));
	}

	private static long tile(Page page, String id) {
		return Long.parseLong(page.document().selectFirst("#" + id).text());
	}

	private static long bar(Page page, String chart, String label) {
		for (Element row : page.document().select("#" + chart + " li.bar-row")) {
			if (row.selectFirst(".label").text().equals(label)) {
				return Long.parseLong(row.selectFirst(".value").text());
			}
		}
		throw new AssertionError("No bar " + label + " in " + chart);
	}

}
