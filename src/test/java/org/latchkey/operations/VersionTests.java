package org.latchkey.operations;

import org.junit.jupiter.api.Test;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.People;
import org.latchkey.testing.SignIns;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The version the server runs is in the footer of the console's pages for administrators, and nowhere for anyone
 * else (it would tell which fixes the server lacks).
 */
@LatchkeyTest
class VersionTests extends MailScenarios {

	@Autowired
	RunningVersion version;

	@Test
	void administratorsSeeTheVersionInTheFooterAndNobodyElseDoes() {
		String shown = "Version " + this.version.version();
		var administrator = SignIns.signedIn(this.port, People.ada(this.accounts), People.PASSWORD, this.mailbox);
		var user = SignIns.signedIn(this.port, People.alice(this.accounts), People.PASSWORD, this.mailbox);

		assertThat(this.version.version()).matches("\\d+\\.\\d+\\.\\d+.*");
		assertThat(administrator.get("/admin/audit").document().selectFirst("footer").text()).contains(shown);
		assertThat(user.get("/account").document().selectFirst("footer").text()).doesNotContain("Version");
		assertThat(new org.latchkey.testing.Browser(this.port).get("/login").body()).doesNotContain(shown);
	}

}
