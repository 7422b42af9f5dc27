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
 */
public final class SignInPrincipal implements UserDetails, CredentialsContainer {

	private static final long serialVersionUID = 1L;

	private final long accountId;

	private final String login;

	private final Role role;

	private final AccountStatus status;

	private String passwordHash;

	SignInPrincipal(Credentials credentials) {
		this.accountId = credentials.accountId();
		this.login = credentials.login();
		this.role = credentials.role();
		this.status = credentials.status();
		this.passwordHash = credentials.passwordHash();
	}

	public long accountId() {
		return this.accountId;
	}

	public boolean isAdministrator() {
		return this.role == Role.ADMINISTRATOR;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
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
