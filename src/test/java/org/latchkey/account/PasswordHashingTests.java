package org.latchkey.account;

import java.text.Normalizer;

import org.junit.jupiter.api.Test;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.StorageInvariants;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** Passwords are stored as Argon2id at OWASP's minimum cost, and weaker hashes are upgraded at sign-in. */
@LatchkeyTest
@StorageInvariants
class PasswordHashingTests extends ApplicationScenarios {

	@Test
	void passwordIsStoredAsArgon2idWithOwaspMinimumCostAndItsOwnSalt() {
		Account alice = People.alice(this.accounts);
		Account bob = People.alice(this.accounts);

		assertThat(hashOf(alice)).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(hashOf(bob));
	}

	@Test
	void weakerHashIsUpgradedAtTheNextSignIn() {
		Account alice = People.alice(this.accounts);
		String weak = "{argon2}" + new Argon2PasswordEncoder(16, 32, 1, 16384, 2).encode(People.PASSWORD);
		this.jdbc.sql("UPDATE account SET password_hash = :hash WHERE id = :id")
			.param("hash", weak)
			.param("id", alice.id())
			.update();

		assertThat(new Browser(this.port).signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/");

		assertThat(hashOf(alice)).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
	}

	@Test
	void wholePasswordIsCheckedAndNormalisedTheSameWayAtChoiceAndSignIn() {
		String composed = "p\u00e4ssw\u00f6rd of several unrelated words";
		Account alice = this.accounts.createActive(
				new NewAccount(People.unique("alice"), "Alice", "alice@example.com", Role.USER), composed);
		String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);

		assertThat(new Browser(this.port).signIn(alice.login(), decomposed).location()).isEqualTo("/");
		assertThat(new Browser(this.port).signIn(alice.login(), composed.substring(0, composed.length() - 1) + "X")
			.location()).isEqualTo("/login?error");
	}

	private String hashOf(Account account) {
		return this.jdbc.sql("SELECT password_hash FROM account WHERE id = :id")
			.param("id", account.id())
			.query(String.class)
			.single();
	}

}
