package org.latchkey.admin;

import org.latchkey.account.NewAccount;
import org.latchkey.account.Role;

/** The form that creates a user; its fields are checked by the account module, not here. */
record NewUserForm(String login, String displayName, String businessEmail, String role) {

	static NewUserForm empty() {
		return new NewUserForm("", "", "", Role.USER.name());
	}

	/** An unknown role becomes none, which the account module refuses on the role field. */
	NewAccount toNewAccount() {
		return new NewAccount(this.login, this.displayName, this.businessEmail, Role.named(this.role).orElse(null));
	}

}
