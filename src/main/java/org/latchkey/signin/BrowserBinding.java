package org.latchkey.signin;

import jakarta.servlet.http.HttpSession;

import org.latchkey.secret.RandomTokens;

import org.springframework.stereotype.Component;

/**
 * A random secret kept in the browser's session that one-time codes are bound to: a code asked for in one
 * browser does not work in another. It survives session-id renewal, which a session id itself does not.
 */
@Component
public class BrowserBinding {

	private static final String ATTRIBUTE = "latchkey.binding";

	private final RandomTokens tokens;

	BrowserBinding(RandomTokens tokens) {
		this.tokens = tokens;
	}

	public String of(HttpSession session) {
		if (session.getAttribute(ATTRIBUTE) instanceof String binding) {
			return binding;
		}
		String binding = this.tokens.next();
		session.setAttribute(ATTRIBUTE, binding);
		return binding;
	}

}
