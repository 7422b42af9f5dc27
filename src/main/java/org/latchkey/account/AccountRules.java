package org.latchkey.account;

import java.util.regex.Pattern;

/**
 * What a login, a display name and an email address must look like. Each check throws
 * {@link InvalidAccountException} naming the field, so a form can show the message beside it.
 */
public final class AccountRules {

	static final int LOGIN_MAX = 100;

	static final int NAME_MAX = 200;

	static final int EMAIL_MAX = 254;

	private static final Pattern LOGIN = Pattern.compile("[\\p{L}\\p{N}._@+-]+");

	// \uFFFD is what undecodable bytes become: an address holding one was not what the person typed. The
	// characters that delimit addresses in a mail header are refused too, as the outbox refuses them: an
	// address accepted here can always be written to.
	private static final String EMAIL_PART = "[^@\\s\\p{C}\\uFFFD<>()\\[\\]\\\\,;:\"]+";

	private static final Pattern EMAIL = Pattern.compile(EMAIL_PART + "@" + EMAIL_PART + "\\." + EMAIL_PART);

	private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{C}\\uFFFD]");

	private AccountRules() {
	}

	static NewAccount check(NewAccount account) {
		return new NewAccount(login(account.login()), displayName(account.displayName()),
				email("businessEmail", account.businessEmail()), required("role", account.role()));
	}

	static AccountDetails check(AccountDetails details) {
		return new AccountDetails(displayName(details.displayName()),
				email("businessEmail", details.businessEmail()), required("role", details.role()));
	}

	static String login(String login) {
		String value = stripped("login", login);
		if (value.codePointCount(0, value.length()) > LOGIN_MAX) {
			throw new InvalidAccountException("login", "account.login.too-long");
		}
		if (!LOGIN.matcher(value).matches()) {
			throw new InvalidAccountException("login", "account.login.invalid");
		}
		return value;
	}

	static String displayName(String name) {
		String value = stripped("displayName", name);
		if (value.codePointCount(0, value.length()) > NAME_MAX) {
			throw new InvalidAccountException("displayName", "account.name.too-long");
		}
		if (UNPRINTABLE.matcher(value).find()) {
			throw new InvalidAccountException("displayName", "account.name.invalid");
		}
		return value;
	}

	public static String email(String field, String email) {
		String value = stripped(field, email);
		if (value.length() > EMAIL_MAX || !EMAIL.matcher(value).matches()) {
			throw new InvalidAccountException(field, "account.email.invalid");
		}
		return value;
	}

	/**
	 * A login or a business email typed by someone looking for their account: required, no longer than an
	 * email may be, printable.
	 */
	public static String identifier(String field, String value) {
		String text = stripped(field, value);
		if (text.length() > EMAIL_MAX) {
			throw new InvalidAccountException(field, "account.identifier.too-long");
		}
		if (!printable(text)) {
			throw new InvalidAccountException(field, "account.identifier.invalid");
		}
		return text;
	}

	/** Whether the text could be part of a valid login, name or email: none holds an unprintable character. */
	public static boolean printable(String text) {
		return !UNPRINTABLE.matcher(text).find();
	}

	private static String stripped(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidAccountException(field, "account.field.required");
		}
		return value.strip();
	}

	private static <T> T required(String field, T value) {
		if (value == null) {
			throw new InvalidAccountException(field, "account.field.required");
		}
		return value;
	}

}
