package org.latchkey.admin;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import org.latchkey.account.AccountStatus;
import org.latchkey.account.Role;

/**
 * The filters of the console's list of users, as the query names them; a value a filter does not know leaves it
 * off rather than failing, as a search box would.
 *
 * @param twoFactor {@code none} for the users without a second factor yet, else empty
 * @param role a {@link Role}'s name, or empty for any
 * @param status an {@link AccountStatus}'s name, or empty for any
 */
record UsersFilter(String twoFactor, String role, String status) {

	static final String NONE = "none";

	static UsersFilter of(String twoFactor, String role, String status) {
		return new UsersFilter(NONE.equals(twoFactor) ? NONE : "", Role.named(role).map(Role::name).orElse(""),
				Arrays.stream(AccountStatus.values()).map(Enum::name).filter(status::equals).findFirst().orElse(""));
	}

	public boolean withoutTwoFactor() {
		return NONE.equals(this.twoFactor);
	}

	@Nullable Role chosenRole() {
		return this.role.isEmpty() ? null : Role.valueOf(this.role);
	}

	@Nullable AccountStatus chosenStatus() {
		return this.status.isEmpty() ? null : AccountStatus.valueOf(this.status);
	}

	public boolean any() {
		return withoutTwoFactor() || !this.role.isEmpty() || !this.status.isEmpty();
	}

}
