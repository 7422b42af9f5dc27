package org.latchkey.admin;

import org.junit.jupiter.api.BeforeEach;
import org.latchkey.account.Account;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.People;

/** A base for scenarios of the console: an administrator, Ada, is signed in before each test. */
abstract class ConsoleScenarios extends ApplicationScenarios {

	Account ada;

	Browser admin;

	@BeforeEach
	void signInAsAdministrator() {
		this.ada = People.ada(this.accounts);
		this.admin = Console.signedIn(this.port, this.ada);
	}

}
