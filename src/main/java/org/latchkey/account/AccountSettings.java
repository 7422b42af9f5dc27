package org.latchkey.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the account module.
 *
 * @param passwordMinLength the shortest password accepted, in code points
 * @param argon2 the cost of the password hash
 * @param setupLinkLifetime how long the first-administrator link printed at start stays valid
 * @param bootstrap an administrator to create at start instead of printing the setup link
 */
@ConfigurationProperties("latchkey.account")
record AccountSettings(@DefaultValue("15") int passwordMinLength, @DefaultValue Argon2 argon2,
		@DefaultValue("1h") Duration setupLinkLifetime, @DefaultValue Bootstrap bootstrap) {

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
