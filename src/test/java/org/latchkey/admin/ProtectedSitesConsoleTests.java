package org.latchkey.admin;

import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.latchkey.account.Account;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Form;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applications → Sites behind a proxy, through HTTP: an administrator lists a site (audited) and removes it
 * (audited); each bad value is refused beside its field with a 400 and nothing stored; a place listed twice is
 * refused, even by two administrators at once (the unique key decides); a deleted account leaves the sites it
 * was named on; people who are not administrators get none of it. On H2 and on PostgreSQL.
 */
@LatchkeyTest
@StorageInvariants
class ProtectedSitesConsoleTests extends ConsoleScenarios {

	private static final String PAGE = "/admin/applications/sites";

	Page add(UnaryOperator<Form> fill) {
		return fill.apply(this.admin.get(PAGE).form("form[action$=/admin/applications/sites]")).submit();
	}

	int siteRows() {
		return this.jdbc.sql("SELECT COUNT(*) FROM protected_site").query(Integer.class).single();
	}

	int auditRows(String event) {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE event = :event")
			.param("event", event)
			.query(Integer.class)
			.single();
	}

	@Test
	void administratorListsASiteFromTheApplicationsPageAndRemovesIt() {
		String host = People.unique("wiki") + ".example.test";
		Account alice = People.alice(this.accounts);
		int added = auditRows("PROTECTED_SITE_ADDED");
		assertThat(this.admin.get("/admin/applications").document().select("a[href$=/admin/applications/sites]")).isNotEmpty();

		Page answer = add(form -> form.set("host", host.toUpperCase())
			.set("pathPrefix", "/admin/")
			.set("audience", "named")
			.set("role", "ADMINISTRATOR")
			.set("logins", alice.login() + "\n\n" + alice.login().toUpperCase())
			.set("factor", "FRESH_TWO_FACTOR")
			.set("freshMinutes", "15"));

		assertThat(answer.status()).isEqualTo(302);
		Page list = answer.follow();
		assertThat(list.text()).contains(host + "/admin", alice.login(), "Administrators", "within 15 minutes",
				"The site was added");
		assertThat(auditRows("PROTECTED_SITE_ADDED")).isEqualTo(added + 1);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM protected_site_account s JOIN protected_site p ON p.id = s.site_id "
				+ "WHERE p.host = :host").param("host", host).query(Integer.class).single()).isEqualTo(1);

		String removal = list.document()
			.select("tr.protected-site")
			.stream()
			.filter(row -> row.text().contains(host))
			.findFirst()
			.orElseThrow()
			.selectFirst("form")
			.attr("action");
		int removed = auditRows("PROTECTED_SITE_REMOVED");
		Page gone = this.admin.post(removal, Map.of("_csrf", list.csrf()));
		assertThat(gone.status()).isEqualTo(302);
		assertThat(gone.follow().text()).doesNotContain(host).contains("The site was removed");
		assertThat(auditRows("PROTECTED_SITE_REMOVED")).isEqualTo(removed + 1);
		assertThat(this.admin.post(removal, Map.of("_csrf", list.csrf())).status()).isEqualTo(404);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"host|https://wiki.example.test|Enter a host name",
			"host|wiki.example.test:8443|Enter a host name",
			"host|*.example.test|Enter a host name",
			"host|wiki.example.test/docs|Enter a host name",
			"host|''|Enter a host name",
			"host|wiki..example.test|Enter a host name",
			"pathPrefix|admin|Enter a path that starts with /",
			"pathPrefix|/a/../b|Enter a path that starts with /",
			"pathPrefix|/a%2Fb|Enter a path that starts with /",
			"pathPrefix|/a?b=c|Enter a path that starts with /",
			"pathPrefix|//evil|Enter a path that starts with /",
			"factor|BOGUS|Choose the factor",
			"freshMinutes|0|between 1 and 1440",
			"freshMinutes|1441|between 1 and 1440",
			"freshMinutes|abc|between 1 and 1440",
			"freshMinutes|-5|between 1 and 1440",
			"logins|nobody-at-all|is not a Latchkey account",
			"role|OWNER|Choose among the roles" })
	void badValueIsRefusedBesideItsField(String field, String value, String message) {
		int before = siteRows();

		Page answer = add(form -> {
			form.set("host", People.unique("bad") + ".example.test").set("factor", "FRESH_TWO_FACTOR").set("freshMinutes", "5");
			if (field.equals("logins") || field.equals("role")) {
				form.set("audience", "named");
			}
			return form.set(field, value);
		});

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.text()).contains(message);
		assertThat(siteRows()).isEqualTo(before);
	}

	@Test
	void namedSiteWithNobodyIsRefused() {
		int before = siteRows();

		Page answer = add(form -> form.set("host", People.unique("empty") + ".example.test").set("audience", "named"));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.text()).contains("Nobody could enter");
		assertThat(siteRows()).isEqualTo(before);
	}

	@Test
	void placeListedTwiceIsRefused() {
		String host = People.unique("twice") + ".example.test";
		assertThat(add(form -> form.set("host", host).set("pathPrefix", "/docs")).status()).isEqualTo(302);
		int before = siteRows();

		Page again = add(form -> form.set("host", host).set("pathPrefix", "/docs/"));

		assertThat(again.status()).isEqualTo(400);
		assertThat(again.text()).contains("already listed");
		assertThat(siteRows()).isEqualTo(before);
	}

	@Test
	void deletedAccountLeavesTheSitesItWasNamedOn() {
		Account alice = People.alice(this.accounts);
		String host = People.unique("named") + ".example.test";
		add(form -> form.set("host", host).set("audience", "named").set("logins", alice.login()));

		this.jdbc.sql("DELETE FROM account WHERE id = :id").param("id", alice.id()).update();

		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM protected_site_account WHERE account_id = :id")
			.param("id", alice.id())
			.query(Integer.class)
			.single()).isZero();
		assertThat(this.admin.get(PAGE).text()).contains(host);
	}

	@Test
	void peopleWhoAreNotAdministratorsGetNoneOfIt() {
		Account alice = People.alice(this.accounts);
		Browser user = new Browser(this.port);
		user.signIn(alice.login(), People.PASSWORD);
		int before = siteRows();

		assertThat(user.get(PAGE).status()).isEqualTo(403);
		Page refused = user.post(PAGE, Map.of("host", "wiki.example.test", "_csrf", user.get("/").csrf()));

		assertThat(refused.status()).isEqualTo(403);
		assertThat(siteRows()).isEqualTo(before);
		assertThat(new Browser(this.port).get(PAGE).location()).isEqualTo("/login");
	}

}
