package org.latchkey.admin;

import org.latchkey.account.Account;
import org.latchkey.account.AccountDetails;
import org.latchkey.account.Role;

/** The form that edits a user's name, email and role; checked by the account module, not here. */
record UserDetailsForm(String displayName, String businessEmail, String role) {

	static UserDetailsForm of(Account account) {
		return new UserDetailsForm(account.displayName(), account.businessEmail(), account.role().name());
	}

	/** An unknown role becomes none, which the account module refuses on the role field. */
	AccountDetails toDetails() {
		return new AccountDetails(this.displayName, this.businessEmail, Role.named(this.role).orElse(null));
	}

	boolean keepsAdministratorRole() {
		return Role.ADMINISTRATOR.name().equals(this.role);
	}

}
