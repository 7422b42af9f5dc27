package org.latchkey.web;

import java.io.Serializable;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.latchkey.lockout.SignInAttempt;
import org.latchkey.secret.RandomTokens;
import org.latchkey.selfservice.BrowserSession;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A random secret kept in the browser's session that one-time codes are bound to: a code asked for in one
 * browser does not work in another. It survives session-id renewal, which a session id itself does not. It
 * also hands the use cases the session as a {@link BrowserSession}, which keeps each value as an attribute of its own.
 */
@Component
public class BrowserBinding {

	private static final String ATTRIBUTE = "latchkey.binding";

	private final RandomTokens tokens;

	private final DeviceCookies devices;

	BrowserBinding(RandomTokens tokens, DeviceCookies devices) {
		this.tokens = tokens;
		this.devices = devices;
	}

	/** The session's binding, made the first time it is asked for. */
	public String of(HttpSession session) {
		if (session.getAttribute(ATTRIBUTE) instanceof String binding) {
			return binding;
		}
		String binding = fresh();
		bind(session, binding);
		return binding;
	}

	/** A new binding, for a session about to be made. */
	String fresh() {
		return this.tokens.next();
	}

	/** Gives the session a binding made for it beforehand. */
	void bind(HttpSession session, String binding) {
		session.setAttribute(ATTRIBUTE, binding);
	}

	/** The session as the use cases of My account take it, with the request it comes with. */
	BrowserSession browser(HttpSession session) {
		HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
			.getRequest();
		return new HttpBrowserSession(session, of(session), this.devices.attemptOf(request));
	}

	private record HttpBrowserSession(HttpSession session, String binding, SignInAttempt attempt)
			implements BrowserSession {

		@Override
		public String id() {
			return this.session.getId();
		}

		@Override
		public <T extends Serializable> Optional<T> get(String name, Class<T> type) {
			return Optional.ofNullable(this.session.getAttribute(name))
				.filter(type::isInstance)
				.map(type::cast);
		}

		@Override
		public void put(String name, Serializable value) {
			this.session.setAttribute(name, value);
		}

		@Override
		public void remove(String name) {
			this.session.removeAttribute(name);
		}

	}

}
