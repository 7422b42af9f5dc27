package org.latchkey.account;

import java.text.Normalizer;

import org.springframework.stereotype.Component;

/**
 * Which passwords may be chosen, after NIST SP 800-63B-4 §3.1.1.2: length counted in code points after NFKC
 * normalisation, at least 15 by default, up to 1,000 so that long passphrases fit but a password cannot be a
 * denial of service; no composition rules, and never the login itself.
 */
@Component
public class PasswordRules {

	static final int MAX_LENGTH = 1000;

	private final AccountSettings settings;

	PasswordRules(AccountSettings settings) {
		this.settings = settings;
	}

	/** Throws {@link InvalidAccountException} on the field {@code password} when the password may not be used. */
	public void check(String password, String login) {
		if (password == null || password.isEmpty()) {
			throw new InvalidAccountException("password", "account.field.required");
		}
		String normalised = Normalizer.normalize(password, Normalizer.Form.NFKC);
		int length = normalised.codePointCount(0, normalised.length());
		if (length < this.settings.passwordMinLength()) {
			throw new InvalidAccountException("password", "account.password.too-short");
		}
		if (length > MAX_LENGTH) {
			throw new InvalidAccountException("password", "account.password.too-long");
		}
		if (Logins.key(normalised).equals(Logins.key(login))) {
			throw new InvalidAccountException("password", "account.password.is-login");
		}
	}

	public int minLength() {
		return this.settings.passwordMinLength();
	}

}
