package org.latchkey.admin;

import org.latchkey.account.NewAccount;
import org.latchkey.account.Role;

/**
 * The form that creates a user; its fields are checked by the account module, not here. An unticked box sends
 * no value, so {@code sendInvitation} is then {@code null}.
 */
record NewUserForm(String login, String displayName, String businessEmail, String role, Boolean sendInvitation) {

	static NewUserForm empty() {
		return new NewUserForm("", "", "", Role.USER.name(), true);
	}

	/** An unknown role becomes none, which the account module refuses on the role field. */
	NewAccount toNewAccount() {
		return new NewAccount(this.login, this.displayName, this.businessEmail, Role.named(this.role).orElse(null));
	}

	boolean sendsInvitation() {
		return Boolean.TRUE.equals(this.sendInvitation);
	}

}
