package org.latchkey.admin;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.account.InvalidAccountException;
import org.latchkey.admin.Console.AuditRow;
import org.latchkey.factor.EmailFactors;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Deleting a user from the console: what the account alone had goes with its row through the database's
 * cascades (second factor, sessions, links, temporary password), the audit log keeps its events under the login
 * only, and neither oneself nor the last active administrator can be deleted. On both engines, since the
 * database's foreign keys do the work.
 */
@LatchkeyTest
@StorageInvariants
class UserDeletionTests extends ConsoleScenarios {

	private static final List<String> OWNED_BY_ACCOUNT = List.of("email_factor", "account_link",
			"temporary_password", "signed_in_session", "oidc_subject");

	@Autowired
	EmailFactors emailFactors;

	Account alice;

	Browser aliceBrowser;

	@BeforeEach
	void aliceWithAFactorASessionALinkAndATemporaryPassword() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		this.alice = People.alice(this.accounts);
		this.emailFactors.set(this.alice.id(), "codes-" + this.alice.login() + "@example.org");
		this.aliceBrowser = Console.signedIn(this.port, this.alice);
		// an application's subject for her, as a first sign-in through OpenID Connect would make
		this.jdbc.sql("INSERT INTO oidc_subject (account_id, subject) VALUES (:id, :subject)")
			.param("id", this.alice.id())
			.param("subject", "subject-" + this.alice.login())
			.update();
		profile(this.alice).form("form[action$=/password-reset/email]").submit();
		// written directly: a temporary password issued through the console would end her session
		this.jdbc.sql("""
				INSERT INTO temporary_password (account_id, password_hash, created_at, expires_at)
				VALUES (:id, 'not a hash', :now, :now)
				""").param("id", this.alice.id()).param("now", java.sql.Timestamp.from(this.clock.instant())).update();
	}

	@Test
	void deletedUserGoesWithEverythingOnlyTheyHadAndTheAuditKeepsTheLogin() {
		assertThat(OWNED_BY_ACCOUNT).allSatisfy(table -> assertThat(rowsOf(table, this.alice)).isPositive());
		long eventsBefore = auditEventsNaming(this.alice.login());

		Page answer = delete(this.alice, this.alice.login());

		assertThat(answer.location()).isEqualTo("/admin/users");
		assertThat(answer.follow().text()).contains("The user " + this.alice.login() + " was deleted");
		assertThat(this.accounts.findById(this.alice.id())).isEmpty();
		assertThat(OWNED_BY_ACCOUNT).allSatisfy(table -> assertThat(rowsOf(table, this.alice)).isZero());
		assertThat(this.aliceBrowser.get("/account").location()).startsWith("/login");
		assertThat(auditEventsNaming(this.alice.login())).isEqualTo(eventsBefore + 1);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE subject_account_id = :id")
			.param("id", this.alice.id())
			.query(Long.class)
			.single()).as("no event is linked to the deleted id any more").isZero();
		AuditRow deleted = Console.auditRows(this.admin.get("/admin/audit?user=" + this.alice.login())).get(0);
		assertThat(deleted.event()).isEqualTo("ACCOUNT_DELETED");
		assertThat(deleted.actor()).isEqualTo(this.ada.login());
		assertThat(deleted.subject()).isEqualTo(this.alice.login());
	}

	@Test
	void everyTableThatReferencesAnAccountGoesWithIt() {
		List<Map<String, Object>> references = this.jdbc.sql("""
				SELECT LOWER(fk.TABLE_NAME) AS referencing, rc.DELETE_RULE AS on_delete
				FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc
				JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS fk
					ON fk.CONSTRAINT_NAME = rc.CONSTRAINT_NAME AND fk.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA
				JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS pk
					ON pk.CONSTRAINT_NAME = rc.UNIQUE_CONSTRAINT_NAME
					AND pk.CONSTRAINT_SCHEMA = rc.UNIQUE_CONSTRAINT_SCHEMA
				WHERE LOWER(pk.TABLE_NAME) = 'account'
				""").query().listOfRows();

		assertThat(references).extracting(row -> row.get("referencing"))
			.as("the factors, links and devices of every module")
			.contains("email_factor", "authenticator_app", "phone_number", "passkey", "recovery_code_set",
					"remembered_device", "sso_link", "signed_in_session");
		assertThat(references).as("a foreign key without a cascade would refuse the deletion")
			.allSatisfy(row -> assertThat(row.get("on_delete")).isEqualTo("CASCADE"));
	}

	@Test
	void deletionNeedsTheLoginTypedExactly() {
		Page refused = delete(this.alice, this.alice.login().toUpperCase());

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text()).contains("Type the user's login exactly");
		assertThat(this.accounts.findById(this.alice.id())).isPresent();
		assertThat(rowsOf("email_factor", this.alice)).isOne();
	}

	@Test
	void administratorCannotDeleteThemselvesEvenByAForgedRequest() {
		Page profile = profile(this.alice);

		Page refused = this.admin.post("/admin/users/" + this.ada.id() + "/delete",
				Map.of("confirmation", this.ada.login(), "_csrf", profile.csrf()));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text()).contains("You cannot delete your own account");
		assertThat(profile(this.ada).document().select("#delete")).as("no delete form on one's own profile").isEmpty();
		assertThat(this.accounts.findById(this.ada.id())).isPresent();
	}

	@Test
	void theLastActiveAdministratorCannotBeDeleted() {
		Account last = People.ada(this.accounts);
		this.jdbc.sql("UPDATE account SET status = 'DISABLED' WHERE role = 'ADMINISTRATOR' AND id <> :id")
			.param("id", last.id())
			.update();

		assertThatExceptionOfType(InvalidAccountException.class)
			.isThrownBy(() -> this.accounts.delete(last.id(), this.alice.id()))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("console.delete.last-administrator"));
		assertThat(this.accounts.findById(last.id())).isPresent();
	}

	@Test
	void anotherAdministratorCanBeDeletedWhileOneRemains() {
		Account other = People.ada(this.accounts);

		assertThat(delete(other, other.login()).location()).isEqualTo("/admin/users");
		assertThat(this.accounts.findById(other.id())).isEmpty();
	}

	private Page delete(Account account, String typed) {
		return profile(account).form("#delete").set("confirmation", typed).submit();
	}

	private Page profile(Account account) {
		return this.admin.get("/admin/users/" + account.id());
	}

	private long rowsOf(String table, Account account) {
		return this.jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE account_id = :id")
			.param("id", account.id())
			.query(Long.class)
			.single();
	}

	private long auditEventsNaming(String login) {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE subject = :login")
			.param("login", login)
			.query(Long.class)
			.single();
	}

}
