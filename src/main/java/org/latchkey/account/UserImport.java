package org.latchkey.account;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.latchkey.account.internal.Logins;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating many users at once from CSV text, one user a line: {@code login,name,email,role} (role {@code USER} or
 * {@code ADMINISTRATOR}, {@code USER} when left empty; a first line naming the columns is skipped; a field may be
 * quoted, {@code ""} standing for a quote inside it). A dry run checks every line as the creation form would and
 * reports each line's problems; the import itself creates nothing unless every line passes, then invites each
 * user and sends their invitation email ({@link Invitations#inviteAndSend}), all in one transaction.
 */
@Service
public class UserImport {

	/** More lines than this are refused: an import is a day-one tool, not a directory synchronisation. */
	public static final int LINES_MAX = 1000;

	private static final String HEADER = "login";

	private final Invitations invitations;

	private final AccountManagement accounts;

	UserImport(Invitations invitations, AccountManagement accounts) {
		this.invitations = invitations;
		this.accounts = accounts;
	}

	/**
	 * One line of the text, as the report shows it.
	 *
	 * @param number its line number in the text, from 1
	 * @param login the login it names, as typed (may be empty)
	 * @param errorKeys the message keys of its problems; empty when it can be imported
	 */
	public record Line(int number, String login, List<String> errorKeys) {

		public boolean valid() {
			return this.errorKeys.isEmpty();
		}

	}

	/**
	 * What a dry run or an import found.
	 *
	 * @param lines the lines that name a user (blank lines and the header are left out)
	 * @param tooLong whether the text had more than {@link #LINES_MAX} lines, in which case nothing is checked
	 * @param imported whether the users were created and invited
	 */
	public record Report(List<Line> lines, boolean tooLong, boolean imported) {

		public boolean valid() {
			return !this.tooLong && !this.lines.isEmpty() && this.lines.stream().allMatch(Line::valid);
		}

		public long errors() {
			return this.lines.stream().filter(line -> !line.valid()).count();
		}

	}

	/** Checks every line, changing nothing. */
	public Report check(String csv) {
		List<Row> rows = rows(csv);
		if (rows == null) {
			return new Report(List.of(), true, false);
		}
		return new Report(rows.stream().map(Row::line).toList(), false, false);
	}

	/**
	 * Creates and invites every user of the text when each line passes; otherwise creates nothing and reports
	 * the problems as {@link #check} does.
	 */
	@Transactional
	public Report run(String csv, Locale locale) {
		List<Row> rows = rows(csv);
		if (rows == null) {
			return new Report(List.of(), true, false);
		}
		Report checked = new Report(rows.stream().map(Row::line).toList(), false, false);
		if (!checked.valid()) {
			return checked;
		}
		for (Row row : rows) {
			this.invitations.inviteAndSend(row.account(), locale);
		}
		return new Report(checked.lines(), false, true);
	}

	/** A checked line and, when it passed, the account it asks for. */
	private record Row(Line line, NewAccount account) {
	}

	private List<Row> rows(String csv) {
		String[] texts = ((csv == null) ? "" : csv).split("\r\n|\r|\n", -1);
		if (texts.length > LINES_MAX + 1) {
			return null;
		}
		List<Row> rows = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < texts.length; i++) {
			String text = texts[i];
			if (text.isBlank() || (i == 0 && text.strip().toLowerCase(Locale.ROOT).startsWith(HEADER))) {
				continue;
			}
			rows.add(row(i + 1, text, seen));
		}
		return rows;
	}

	private Row row(int number, String text, Set<String> seen) {
		List<String> fields = fields(text);
		List<String> errors = new ArrayList<>();
		String login = fields.isEmpty() ? "" : fields.get(0).strip();
		if (fields.size() < 3 || fields.size() > 4) {
			errors.add("console.import.columns");
			return new Row(new Line(number, login, errors), null);
		}
		String roleText = (fields.size() == 4) ? fields.get(3).strip().toUpperCase(Locale.ROOT) : "";
		Role role = roleText.isEmpty() ? Role.USER : Role.named(roleText).orElse(null);
		if (role == null) {
			errors.add("console.import.role");
		}
		NewAccount account = new NewAccount(login, fields.get(1), fields.get(2), (role != null) ? role : Role.USER);
		NewAccount checked = null;
		for (Runnable check : List.<Runnable>of(() -> AccountRules.login(account.login()),
				() -> AccountRules.displayName(account.displayName()),
				() -> AccountRules.email("businessEmail", account.businessEmail()))) {
			try {
				check.run();
			}
			catch (InvalidAccountException ex) {
				errors.add(ex.messageKey());
			}
		}
		if (errors.isEmpty()) {
			checked = AccountRules.check(account);
			if (!seen.add(Logins.key(checked.login()))) {
				errors.add("console.import.duplicate");
			}
			else if (this.accounts.findByLogin(checked.login()).isPresent()) {
				errors.add("account.login.taken");
			}
		}
		return new Row(new Line(number, login, errors), errors.isEmpty() ? checked : null);
	}

	/** The fields of one CSV line: separated by commas, each possibly quoted. */
	static List<String> fields(String line) {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					field.append(c);
				}
			}
			else if (c == '"' && field.toString().isBlank()) {
				field.setLength(0);
				quoted = true;
			}
			else if (c == ',') {
				fields.add(field.toString());
				field.setLength(0);
			}
			else {
				field.append(c);
			}
		}
		fields.add(field.toString());
		return fields;
	}

}
