package org.latchkey.admin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Form;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over-long, empty, malformed and hostile input to the console: each gets a 4xx page that says what is wrong,
 * never a 500, and nothing is written. On H2 and on PostgreSQL.
 */
@LatchkeyTest
@StorageInvariants
class BadInputTests extends ApplicationScenarios {

	private static final String FORM = "application/x-www-form-urlencoded";

	Browser admin;

	@BeforeEach
	void signInAsAdministrator() {
		this.admin = Console.signedIn(this.port, People.ada(this.accounts));
	}

	@Test
	void loginOfTenKilobytesIsRefusedBesideItsField() {
		long before = accountRows();

		Page answer = create(form -> form.set("login", "a".repeat(10_240)));

		assertRefusedBeside(answer, "login", "The login is too long");
		assertThat(accountRows()).isEqualTo(before);
	}

	@Test
	void loginWithControlCharactersIsRefused() {
		long before = accountRows();

		Page nul = create(form -> form.set("login", "ali\u0000ce"));
		Page escape = create(form -> form.set("login", "bob\u001b[31m"));

		assertRefusedBeside(nul, "login", "A login may contain letters, digits");
		assertRefusedBeside(escape, "login", "A login may contain letters, digits");
		assertThat(accountRows()).isEqualTo(before);
	}

	@Test
	void invalidEmailIsRefused() {
		long before = accountRows();

		Page spaces = create(form -> form.set("businessEmail", "nina at example dot com"));
		Page noDomain = create(form -> form.set("businessEmail", "nina@example"));
		Page replacementCharacter = create(form -> form.set("businessEmail", "ni\uFFFDa@example.com"));

		assertRefusedBeside(spaces, "businessEmail", "This is not a valid email address");
		assertRefusedBeside(noDomain, "businessEmail", "This is not a valid email address");
		assertRefusedBeside(replacementCharacter, "businessEmail", "This is not a valid email address");
		assertThat(accountRows()).isEqualTo(before);
	}

	@Test
	void emptyOrMissingFieldsAreRefused() {
		long before = accountRows();

		Page empty = create(form -> form.set("login", "").set("displayName", "").set("businessEmail", ""));
		Page blankName = create(form -> form.set("displayName", " \t "));
		Page missing = create(form -> form.remove("login").remove("displayName").remove("businessEmail")
			.remove("role"));

		assertRefusedBeside(empty, "login", "This field is required");
		assertRefusedBeside(blankName, "displayName", "This field is required");
		assertRefusedBeside(missing, "login", "This field is required");
		assertThat(accountRows()).isEqualTo(before);
	}

	@Test
	void unknownRoleIsRefused() {
		long before = accountRows();

		Page answer = create(form -> form.set("role", "ROOT"));

		assertRefusedBeside(answer, "role", "This field is required");
		assertThat(accountRows()).isEqualTo(before);
	}

	@Test
	void brokenUtf8InTheFormBodyIsRefused() {
		long before = accountRows();
		String csrf = this.admin.get("/admin/users/new").csrf();

		Page login = this.admin.postRaw("/admin/users", body(csrf, "login"), FORM);
		Page name = this.admin.postRaw("/admin/users", body(csrf, "displayName"), FORM);
		Page email = this.admin.postRaw("/admin/users", body(csrf, "businessEmail"), FORM);

		for (Page answer : new Page[] { login, name, email }) {
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.text()).contains("This form could not be read").contains("not valid text (UTF-8)");
		}
		assertThat(accountRows()).isEqualTo(before);
	}

	@Test
	void formWithoutCsrfTokenIsRefused() {
		this.admin.get("/admin/users/new");
		long before = accountRows();

		Page answer = this.admin.post("/admin/users", Map.of("login", People.unique("mallory"), "displayName",
				"Mallory", "businessEmail", "mallory@example.com", "role", "ADMINISTRATOR"));

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.text()).contains("This form has expired");
		assertThat(accountRows()).isEqualTo(before);
	}

	@Test
	void duplicateLoginIsRefusedAsAlreadyUsed() {
		Account alice = People.alice(this.accounts);
		long before = accountRows();

		Page answer = create(form -> form.set("login", alice.login().toUpperCase()));

		assertRefusedBeside(answer, "login", "already used");
		assertThat(accountRows()).isEqualTo(before);
	}

	@Test
	void refusedEditChangesNoFieldAtAll() {
		Account alice = People.alice(this.accounts);

		Page answer = this.admin.get("/admin/users/" + alice.id())
			.form("form[action=/admin/users/" + alice.id() + "]")
			.set("displayName", "Alice Durand")
			.set("businessEmail", "alice@")
			.set("role", "ADMINISTRATOR")
			.submit();

		assertRefusedBeside(answer, "businessEmail", "This is not a valid email address");
		assertThat(answer.document().selectFirst("#displayName").val()).isEqualTo("Alice Durand");
		assertThat(this.accounts.findById(alice.id()).orElseThrow()).isEqualTo(alice);
	}

	@Test
	void unknownUserGetsTheNotFoundPage() {
		String csrf = this.admin.get("/admin/users").csrf();

		Page profile = this.admin.get("/admin/users/987654321");
		Page disable = this.admin.post("/admin/users/987654321/disable", Map.of("_csrf", csrf));
		Page edit = this.admin.post("/admin/users/987654321", Map.of("_csrf", csrf, "displayName", "X",
				"businessEmail", "x@example.com", "role", "USER"));

		for (Page answer : new Page[] { profile, disable, edit }) {
			assertThat(answer.status()).isEqualTo(404);
			assertThat(answer.text()).contains("Page not found");
		}
	}

	@Test
	void malformedIdsAndPageNumbersGetABadRequestPageOrTheNearestPage() {
		Page badId = this.admin.get("/admin/users/abc");
		Page hugeId = this.admin.get("/admin/users/99999999999999999999999");
		Page badPage = this.admin.get("/admin/users?page=abc");
		Page hugePage = this.admin.get("/admin/audit?page=99999999999");

		for (Page answer : new Page[] { badId, hugeId, badPage, hugePage }) {
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.text()).contains("This request could not be understood");
		}
		assertThat(this.admin.get("/admin/users?page=-1").status()).isEqualTo(200);
		assertThat(this.admin.get("/admin/users?page=2147483647").status()).isEqualTo(200);
		assertThat(this.admin.get("/admin/audit?page=2147483647").status()).isEqualTo(200);
	}

	@Test
	void overLongSearchTextIsRefusedBesideTheSearchBox() {
		Page users = this.admin.get("/admin/users?q=" + "x".repeat(10_240));
		Page audit = this.admin.get("/admin/audit?user=" + "x".repeat(10_240));
		Page event = this.admin.get("/admin/audit?event=" + "X".repeat(61));

		assertRefusedBeside(users, "q", "The search text is too long: 254 characters at most");
		assertRefusedBeside(audit, "user", "The search text is too long: 100 characters at most");
		assertRefusedBeside(event, "event", "The search text is too long: 60 characters at most");
	}

	@Test
	void searchTextWithControlCharactersOrWildcardsFindsNothingAndFailsNothing() {
		Page control = this.admin.get("/admin/users?q=%00%1B%5B31m");
		Page wildcard = this.admin.get("/admin/users?q=%25_%25");

		assertThat(control.status()).isEqualTo(200);
		assertThat(control.text()).contains("No user matches");
		assertThat(wildcard.status()).isEqualTo(200);
		assertThat(wildcard.text()).contains("No user matches");
	}

	private Page create(UnaryOperator<Form> change) {
		Form form = this.admin.get("/admin/users/new")
			.form("form[action=/admin/users]")
			.set("login", People.unique("nina"))
			.set("displayName", "Nina Simone")
			.set("businessEmail", "nina@example.com")
			.set("role", "USER");
		return change.apply(form).submit();
	}

	private long accountRows() {
		return this.jdbc.sql("SELECT COUNT(*) FROM account").query(Long.class).single();
	}

	/** A creation form, CSRF token included, whose {@code field} holds 0xC3 0x28: not UTF-8. */
	private static byte[] body(String csrf, String field) {
		Map<String, String> fields = new LinkedHashMap<>(Map.of("login", People.unique("nina"), "displayName",
				"Nina", "businessEmail", "nina@example.com", "role", "USER"));
		fields.remove(field);
		var body = new ByteArrayOutputStream();
		body.writeBytes(("_csrf=" + csrf).getBytes(StandardCharsets.US_ASCII));
		fields.forEach((name, value) -> body.writeBytes(("&" + name + "=" + value).getBytes(StandardCharsets.US_ASCII)));
		body.writeBytes(("&" + field + "=ni").getBytes(StandardCharsets.US_ASCII));
		body.writeBytes(new byte[] { (byte) 0xC3, (byte) 0x28 });
		body.writeBytes("na@example.com".getBytes(StandardCharsets.US_ASCII));
		return body.toByteArray();
	}

	private static void assertRefusedBeside(Page answer, String field, String message) {
		assertThat(answer.status()).as(field).isEqualTo(400);
		assertThat(answer.document().selectFirst("#" + field + "-error")).as(field + " error").isNotNull();
		assertThat(answer.document().selectFirst("#" + field + "-error").text()).contains(message);
		assertThat(answer.document().selectFirst("#" + field).attr("aria-invalid")).isEqualTo("true");
		assertThat(answer.document().selectFirst("#" + field).attr("aria-describedby")).isEqualTo(field + "-error");
	}

}
