package org.latchkey.signin;

import java.util.Collection;
import java.util.List;

import org.latchkey.account.AccountStatus;
import org.latchkey.account.Credentials;
import org.latchkey.account.Role;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in person as Spring Security holds them in the session. Its name is the login; it carries the
 * account id so that nothing needs to look the login up again. The password hash is erased after sign-in.
 * Until the second factor is accepted, and after a sign-in with a temporary password until a new password is
 * chosen, it holds no role.
 */
public final class SignInPrincipal implements UserDetails, CredentialsContainer {

	private static final long serialVersionUID = 1L;

	private final long accountId;

	private final String login;

	private final Role role;

	private final AccountStatus status;

	private final boolean secondFactorPending;

	private final boolean passwordChangeRequired;

	private String passwordHash;

	/**
	 * @param credentials the account, with the hash to check: its temporary password's when one stands in
	 * for its password
	 * @param passwordChangeRequired whether that hash is a temporary password's
	 */
	public SignInPrincipal(Credentials credentials, boolean secondFactorPending, boolean passwordChangeRequired) {
		this.accountId = credentials.accountId();
		this.login = credentials.login();
		this.role = credentials.role();
		this.status = credentials.status();
		this.secondFactorPending = secondFactorPending;
		this.passwordChangeRequired = passwordChangeRequired;
		this.passwordHash = credentials.passwordHash();
	}

	private SignInPrincipal(SignInPrincipal before, boolean secondFactorPending, boolean passwordChangeRequired) {
		this.accountId = before.accountId;
		this.login = before.login;
		this.role = before.role;
		this.status = before.status;
		this.secondFactorPending = secondFactorPending;
		this.passwordChangeRequired = passwordChangeRequired;
	}

	/** The same person once their second factor was accepted. */
	SignInPrincipal completed() {
		return new SignInPrincipal(this, false, this.passwordChangeRequired);
	}

	/** The same person asked for a fresh second factor (step-up) by an application they sign in to. */
	public SignInPrincipal secondFactorAgain() {
		return new SignInPrincipal(this, true, false);
	}

	/** The same person once they chose a new password in place of their temporary one. */
	SignInPrincipal passwordChosen() {
		return new SignInPrincipal(this, this.secondFactorPending, false);
	}

	public long accountId() {
		return this.accountId;
	}

	/**
	 * Whether the password was right but a second factor is still owed. Such a principal holds no role: it
	 * reaches the code page and sign-out, nothing else.
	 */
	public boolean isSecondFactorPending() {
		return this.secondFactorPending;
	}

	/**
	 * Whether the person signed in with a temporary password and must choose a new one before anything else.
	 * Such a principal holds no role: it reaches the new-password page and sign-out, nothing else.
	 */
	public boolean isPasswordChangeRequired() {
		return this.passwordChangeRequired;
	}

	public boolean isAdministrator() {
		return this.role == Role.ADMINISTRATOR;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		if (this.secondFactorPending || this.passwordChangeRequired) {
			return List.of();
		}
		return isAdministrator()
				? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMINISTRATOR"))
				: List.of(new SimpleGrantedAuthority("ROLE_USER"));
	}

	@Override
	public String getPassword() {
		return this.passwordHash;
	}

	@Override
	public String getUsername() {
		return this.login;
	}

	@Override
	public boolean isEnabled() {
		return this.status == AccountStatus.ACTIVE;
	}

	@Override
	public void eraseCredentials() {
		this.passwordHash = null;
	}

}
