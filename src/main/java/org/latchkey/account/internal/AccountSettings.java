package org.latchkey.account.internal;

import java.time.Duration;

import org.latchkey.account.PasswordRules;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the account module.
 *
 * @param passwordMinLength the shortest password accepted, in code points: 15 by default, as NIST SP 800-63B-4
 * requires of a password used alone; never below 8, its floor for a password used with a second factor
 * @param argon2 the cost of the password hash
 * @param setupLinkLifetime how long the first-administrator link printed at start stays valid
 * @param bootstrap an administrator to create at start instead of printing the setup link
 */
@ConfigurationProperties("latchkey.account")
public record AccountSettings(@DefaultValue("15") int passwordMinLength, @DefaultValue Argon2 argon2,
		@DefaultValue("1h") Duration setupLinkLifetime, @DefaultValue Bootstrap bootstrap) {

	// Refused at start rather than at the first password: a minimum that weak or that high is a typo.
	public AccountSettings {
		if (passwordMinLength < PasswordRules.LOWEST_MIN_LENGTH || passwordMinLength > PasswordRules.MAX_LENGTH) {
			throw new IllegalArgumentException("latchkey.account.password-min-length is " + passwordMinLength
					+ "; it must be between " + PasswordRules.LOWEST_MIN_LENGTH + " (the lowest NIST SP 800-63B-4 allows, "
					+ "and only with a second factor) and " + PasswordRules.MAX_LENGTH + "; the default is 15");
		}
	}

	/** Argon2id parameters; the defaults are OWASP's minimum (19 MiB, 2 iterations, parallelism 1). */
	record Argon2(@DefaultValue("19456") int memoryKib, @DefaultValue("2") int iterations,
			@DefaultValue("1") int parallelism) {
	}

	/** The first administrator for unattended installs; nothing is created while {@code login} is empty. */
	record Bootstrap(String login, String email, String password, @DefaultValue("Administrator") String name) {

		boolean requested() {
			return this.login != null && !this.login.isBlank();
		}

	}

}
