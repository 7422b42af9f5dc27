package org.latchkey.browser;

import org.junit.jupiter.api.Test;
import org.latchkey.account.FirstAdministrator;
import org.latchkey.testing.People;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The very first page of an installation, in Chromium: on an empty database, the setup link's form. */
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class FirstAdministratorBrowserTests extends BrowserScenarios {

	@Autowired
	FirstAdministrator firstAdministrator;

	@Test
	void setupLinkCreatesTheAdministratorWhoThenOpensTheConsole() {
		String token = this.firstAdministrator.openSetup();
		String login = People.unique("grace");
		Window window = window().open("/setup?token=" + token);

		assertThat(window.text()).contains("Create the first administrator");
		window.type("Login", login).type("Name", "Grace Hopper").type("Business email", login + "@example.com");
		window.type("Password", People.PASSWORD).press("Create the administrator");
		assertThat(window.text()).contains("The administrator account is ready");
		window.type("Login", login).type("Password", People.PASSWORD).press("Sign in");
		window.press("Administration");
		assertThat(window.path()).isEqualTo("/admin");
		assertThat(window.text()).contains("Dashboard").contains("Second factors of the active users");
		window.press("Users");

		assertThat(window.path()).isEqualTo("/admin/users");
		assertThat(window.text()).contains("Users").contains("Grace Hopper");
	}

}
