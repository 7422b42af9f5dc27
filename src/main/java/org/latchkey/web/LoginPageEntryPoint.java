package org.latchkey.web;

import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * Sends a signed-out person to the sign-in page with a relative {@code Location}: Spring Security's default
 * builds an absolute one from the request's {@code Host} header, which the client chooses
 * ({@code Host: evil.example} would send the browser to {@code http://evil.example/login}).
 */
public class LoginPageEntryPoint extends LoginUrlAuthenticationEntryPoint {

	public LoginPageEntryPoint() {
		super("/login");
		setFavorRelativeUris(true);
	}

}
