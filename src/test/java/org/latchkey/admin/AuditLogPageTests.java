package org.latchkey.admin;

import java.time.Duration;
import java.util.Comparator;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.account.AccountDetails;
import org.latchkey.account.Role;
import org.latchkey.admin.Console.AuditRow;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The audit log page of the console, through HTTP against the running application, on H2 and PostgreSQL. */
@LatchkeyTest
@StorageInvariants
class AuditLogPageTests extends ConsoleScenarios {

	@Autowired
	AuditLog audit;


	@Test
	void filterByUserShowsThatUsersEventsNewestFirst() {
		Account alice = People.alice(this.accounts);
		Account bob = People.alice(this.accounts);
		this.clock.advance(Duration.ofMinutes(1));
		this.accounts.update(alice.id(), new AccountDetails("Alice Durand", "alice@example.com", Role.USER));
		this.clock.advance(Duration.ofMinutes(1));
		this.accounts.disable(alice.id());
		this.accounts.disable(bob.id());
		this.clock.advance(Duration.ofMinutes(1));
		this.accounts.enable(alice.id());

		Page page = this.admin.get("/admin/audit?user=" + alice.login().toUpperCase());

		assertThat(Console.auditRows(page)).extracting(AuditRow::event)
			.containsExactly("ACCOUNT_ENABLED", "ACCOUNT_DISABLED", "ACCOUNT_UPDATED", "ACCOUNT_CREATED");
		assertThat(Console.auditRows(page)).extracting(AuditRow::subject).containsOnly(alice.login());
		assertThat(Console.auditRows(page)).extracting(AuditRow::time)
			.isSortedAccordingTo(Comparator.reverseOrder())
			.doesNotHaveDuplicates();
		assertThat(page.document().selectFirst("input#user").val()).isEqualTo(alice.login().toUpperCase());
	}

	@Test
	void filterByUserAlsoShowsWhatThatUserDid() {
		Account alice = People.alice(this.accounts);
		this.admin.get("/admin/users/" + alice.id()).form("form[action$=/disable]").submit();

		Page page = this.admin.get("/admin/audit?user=" + this.ada.login());

		assertThat(Console.auditRows(page)).extracting(AuditRow::event, AuditRow::actor, AuditRow::subject)
			.contains(tuple("ACCOUNT_DISABLED", this.ada.login(), alice.login()),
					tuple("SIGN_IN", this.ada.login(), this.ada.login()));
	}

	@Test
	void filterByEventTypeShowsOnlyThatType() {
		Account alice = People.alice(this.accounts);
		this.accounts.disable(alice.id());

		Page all = this.admin.get("/admin/audit");
		Page disabled = this.admin.get("/admin/audit?event=ACCOUNT_DISABLED");

		assertThat(all.document().select("select#event option").eachAttr("value")).contains("", "ACCOUNT_CREATED",
				"ACCOUNT_DISABLED", "SIGN_IN");
		assertThat(Console.auditRows(disabled)).isNotEmpty()
			.allSatisfy(row -> assertThat(row.event()).isEqualTo("ACCOUNT_DISABLED"))
			.extracting(AuditRow::subject)
			.contains(alice.login());
		assertThat(disabled.document().select("select#event option[selected]").val())
			.isEqualTo("ACCOUNT_DISABLED");
	}

	@Test
	void filtersByUserAndEventTypeCombine() {
		Account alice = People.alice(this.accounts);
		new Browser(this.port).signIn(alice.login(), "not alice's password");
		Console.signedIn(this.port, alice);

		Page page = this.admin.get("/admin/audit?event=SIGN_IN&user=" + alice.login());

		assertThat(Console.auditRows(page)).extracting(AuditRow::event, AuditRow::outcome, AuditRow::detail)
			.containsExactly(tuple("SIGN_IN", "Success", ""),
					tuple("SIGN_IN", "Failure", "wrong login or password"));
		assertThat(Console.auditRows(page)).allSatisfy(row -> {
			assertThat(row.ip()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
			assertThat(row.agent()).startsWith("Java-http-client");
		});
	}

	@Test
	void auditLogIsPagedNewestFirst() {
		String subject = People.unique("paged");
		for (int i = 1; i <= AuditController.PAGE_SIZE + 1; i++) {
			this.audit.record(() -> "TEST_EVENT", AuditOutcome.SUCCESS, null, subject, "number " + i);
		}

		Page first = this.admin.get("/admin/audit?user=" + subject);
		Page second = this.admin.get(first.document().selectFirst(".pager a[rel=next]").attr("href"));

		assertThat(Console.auditRows(first)).hasSize(AuditController.PAGE_SIZE)
			.first()
			.extracting(AuditRow::detail)
			.isEqualTo("number " + (AuditController.PAGE_SIZE + 1));
		assertThat(Console.pager(first)).contains("Page 1 of 2");
		assertThat(Console.auditRows(second)).extracting(AuditRow::detail).containsExactly("number 1");
		assertThat(Console.pager(second)).contains("Page 2 of 2");
	}

	@Test
	void hostileLoginsOfFailedSignInsAreRecordedAndShownAsText() {
		String script = "<script>alert(1)</script>";
		String dottedCapitals = "\u0130".repeat(100);

		String nul = People.unique("nul") + "\u0000";

		Page scriptAttempt = new Browser(this.port).signIn(script, "whatever password");
		Page longAttempt = new Browser(this.port).signIn(dottedCapitals, "whatever password");
		Page nulAttempt = new Browser(this.port).signIn(nul, "whatever password");

		assertThat(scriptAttempt.location()).isEqualTo("/login?error");
		assertThat(longAttempt.location()).isEqualTo("/login?error");
		assertThat(nulAttempt.location()).isEqualTo("/login?error");
		Page page = this.admin.get("/admin/audit?event=SIGN_IN");
		assertThat(page.document().select("main script")).isEmpty();
		assertThat(Console.auditRows(page)).extracting(AuditRow::subject)
			.contains(script, dottedCapitals, nul.replace('\u0000', '?'));
		assertThat(Console.auditRows(this.admin.get("/admin/audit?user=" + nul.replace("\u0000", "%00"))))
			.extracting(AuditRow::subject)
			.containsExactly(nul.replace('\u0000', '?'));
		assertThat(this.admin.get("/admin/audit?event=SIGN%00IN").status()).isEqualTo(200);
	}

	@Test
	void userWithoutEventsSeesAnEmptyLogMessage() {
		Page page = this.admin.get("/admin/audit?user=" + People.unique("nobody"));

		assertThat(page.status()).isEqualTo(200);
		assertThat(Console.auditRows(page)).isEmpty();
		assertThat(page.text()).contains("No event matches these filters");
	}

}
