package org.latchkey.web;

import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.latchkey.account.Account;
import org.latchkey.forwardauth.NewProtectedSite;
import org.latchkey.forwardauth.ProtectedSites;
import org.latchkey.forwardauth.RequiredFactor;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Attackers;
import org.latchkey.testing.Browser;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.People;
import org.latchkey.testing.SignIns;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * What the forward-authentication tests share: one application context in which 127.0.0.1 is a trusted proxy
 * (the test's nginx, or the test playing Traefik or Caddy) and ::1 is not, sites listed under prefixes of their
 * own so that tests sharing a host never meet, and people signed in with or without a second factor.
 */
@LatchkeyTest
@TestPropertySource(properties = Attackers.TRUSTED_LOOPBACK)
abstract class ForwardAuthScenarios extends MailScenarios {

	@Autowired
	protected ProtectedSites sites;

	@BeforeEach
	void twoFactorOptional() {
		this.policy.changeTwoFactorMode(TwoFactorMode.OPTIONAL);
	}

	/** A new path prefix no other test lists. */
	static String newPrefix() {
		return "/" + People.unique("site");
	}

	/** Lists {@code host}{@code prefix} for everyone signed in, with {@code factor}. */
	void list(String host, String prefix, RequiredFactor factor) {
		boolean listed = this.sites.list().stream().anyMatch(site -> site.host().equals(host) && site.pathPrefix().equals(prefix));
		if (!listed) {
			this.sites.add(new NewProtectedSite(host, prefix, true, Set.of(), "", factor.name(), "5"));
		}
	}

	/** Lists {@code host}{@code prefix} for administrators and the named logins only, with the password alone. */
	void listFor(String host, String prefix, String... logins) {
		this.sites.add(new NewProtectedSite(host, prefix, false, Set.of("ADMINISTRATOR"), String.join("\n", logins),
				RequiredFactor.PASSWORD.name(), ""));
	}

	/** A browser signed in with the password alone (2FA optional, not turned on). */
	Browser signedInWithPassword(Account account) {
		Browser browser = new Browser(this.port);
		browser.signIn(account.login(), People.PASSWORD);
		return browser;
	}

	/** A browser signed in with a password and an emailed code. */
	Browser signedInWithSecondFactor(Account account) {
		SignIns.turnedOn(this.optIns, SignIns.withTwoFactorEmail(this.emailFactors, account));
		return SignIns.signedIn(this.port, account, People.PASSWORD, this.mailbox);
	}

}
