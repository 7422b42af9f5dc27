package org.latchkey.admin;

import java.util.List;

import org.jsoup.nodes.Element;
import org.latchkey.account.Account;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.People;

/** Reading the console's pages in tests: who is signed in, and what the users and audit tables show. */
final class Console {

	private Console() {
	}

	/** A browser signed in as the given administrator. */
	static Browser signedIn(int port, Account administrator) {
		Browser browser = new Browser(port);
		Page answer = browser.signIn(administrator.login(), People.PASSWORD);
		if (!"/".equals(answer.location())) {
			throw new AssertionError("Sign-in failed: " + answer.location());
		}
		return browser;
	}

	/** The logins in the users table, in the order shown. */
	static List<String> logins(Page page) {
		return column(page, 1);
	}

	static List<String> names(Page page) {
		return column(page, 2);
	}

	private static List<String> column(Page page, int column) {
		return page.document().select("main table tbody tr td:nth-child(" + column + ")").stream()
			.map(Element::text)
			.toList();
	}

	static String pager(Page page) {
		Element pager = page.document().selectFirst("main .pager");
		return (pager != null) ? pager.text() : "";
	}

	/** The rows of the audit table, in the order shown. */
	static List<AuditRow> auditRows(Page page) {
		return page.document().select("table.audit tbody tr").stream().map(AuditRow::of).toList();
	}

	/** One row of the audit table, as text. */
	record AuditRow(String time, String event, String outcome, String actor, String subject, String ip,
			String agent, String detail) {

		static AuditRow of(Element row) {
			// not eachText(): it leaves out empty cells
			List<String> cells = row.select("td").stream().map(Element::text).toList();
			return new AuditRow(cells.get(0), cells.get(1), cells.get(2), cells.get(3), cells.get(4), cells.get(5),
					cells.get(6), cells.get(7));
		}

	}

}
