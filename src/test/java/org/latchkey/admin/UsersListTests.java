package org.latchkey.admin;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.account.NewAccount;
import org.latchkey.account.Role;
import org.latchkey.factor.EmailFactors;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's list of users: each user's 2FA methods and last sign-in, and its filters, through HTTP. */
@LatchkeyTest
class UsersListTests extends ConsoleScenarios {

	private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneOffset.UTC);

	@Autowired
	EmailFactors emailFactors;

	String token;

	Account withEmail;

	Account without;

	Account invited;

	Account administrator;

	@BeforeEach
	void fourUsers() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		this.token = People.unique("list");
		this.withEmail = active("a" + this.token, Role.USER);
		this.emailFactors.set(this.withEmail.id(), "codes-" + this.withEmail.login() + "@example.org");
		this.without = active("b" + this.token, Role.USER);
		this.invited = this.accounts
			.invite(new NewAccount("c" + this.token, "C " + this.token, "c@example.com", Role.USER));
		this.administrator = active("d" + this.token, Role.ADMINISTRATOR);
	}

	@Test
	void eachRowShowsTheUsersMethodsAndWhenTheyLastSignedIn() {
		this.clock.advance(Duration.ofMinutes(7));
		String signedInAt = MINUTES.format(this.clock.instant());
		new Browser(this.port).signIn(this.without.login(), People.PASSWORD);

		List<Element> rows = this.admin.get("/admin/users?q=" + this.token).document().select("main table tbody tr");

		assertThat(rows).extracting(row -> row.select("td").get(0).text())
			.containsExactly(this.withEmail.login(), this.without.login(), this.invited.login(),
					this.administrator.login());
		assertThat(rows.get(0).select("td").get(5).text()).isEqualTo("Email code");
		assertThat(rows.get(0).select("td").get(6).text()).isEqualTo("Never");
		assertThat(rows.get(1).select("td").get(5).text()).isEqualTo("None yet");
		assertThat(rows.get(1).select("td").get(6).text()).isEqualTo(signedInAt + " UTC");
	}

	@Test
	void listFiltersByNoSecondFactorYetByRoleAndByStatus() {
		String list = "/admin/users?q=" + this.token;

		assertThat(logins(list + "&twoFactor=none")).containsExactly(this.without.login(), this.invited.login(),
				this.administrator.login());
		assertThat(logins(list + "&twoFactor=none&status=ACTIVE")).containsExactly(this.without.login(),
				this.administrator.login());
		assertThat(logins(list + "&role=ADMINISTRATOR")).containsExactly(this.administrator.login());
		assertThat(logins(list + "&status=INVITED")).containsExactly(this.invited.login());
		assertThat(logins(list + "&role=USER&status=ACTIVE")).containsExactly(this.withEmail.login(),
				this.without.login());
	}

	@Test
	void filterValuesTheListDoesNotKnowAreLeftOff() {
		Page page = this.admin.get("/admin/users?q=" + this.token + "&role=ROOT&status=GONE&twoFactor=maybe");

		assertThat(page.status()).isEqualTo(200);
		assertThat(Console.logins(page)).hasSize(4);
	}

	@Test
	void filtersAreKeptByThePagerAndShownAsChosen() {
		Page page = this.admin.get("/admin/users?q=" + this.token + "&twoFactor=none&role=ADMINISTRATOR");

		assertThat(page.document().select("#twoFactor option[selected]").val()).isEqualTo("none");
		assertThat(page.document().select("#role option[selected]").val()).isEqualTo("ADMINISTRATOR");
		assertThat(page.document().select("#status option[selected]")).isEmpty();
	}

	@Test
	void dashboardLeadsToTheActiveUsersWithoutSecondFactorInOneClick() {
		Page dashboard = this.admin.get("/admin");
		String link = dashboard.document().selectFirst("#without-two-factor").parent().attr("href");

		assertThat(link).isEqualTo("/admin/users?twoFactor=none&status=ACTIVE");
		assertThat(logins(link + "&q=" + this.token)).containsExactly(this.without.login(),
				this.administrator.login());
	}

	private List<String> logins(String path) {
		return Console.logins(this.admin.get(path));
	}

	private Account active(String login, Role role) {
		return this.accounts.createActive(new NewAccount(login, login.substring(0, 1).toUpperCase() + " " + this.token,
				login + "@example.com", role), People.PASSWORD);
	}

}
