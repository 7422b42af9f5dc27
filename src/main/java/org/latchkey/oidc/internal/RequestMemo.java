package org.latchkey.oidc.internal;

import java.util.Objects;
import java.util.function.Supplier;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What one request to the authorization server reads more than once, kept among that request's attributes for
 * the rest of it and never beyond: a code exchange asks for its code twice (the PKCE check, the grant), and for
 * the person twice (the access token, the ID token). Each name keeps one key and its value. Outside a request,
 * nothing is kept.
 */
final class RequestMemo {

	private RequestMemo() {
	}

	/** The value kept under {@code name} for {@code key}, or what {@code read} gives, then kept. */
	@SuppressWarnings("unchecked")
	static <T> T get(String name, Object key, Supplier<T> read) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null) {
			return read.get();
		}
		if (request.getAttribute(name, RequestAttributes.SCOPE_REQUEST) instanceof Kept kept
				&& kept.key().equals(key)) {
			return (T) kept.value();
		}
		T value = read.get();
		request.setAttribute(name, new Kept(key, value), RequestAttributes.SCOPE_REQUEST);
		return value;
	}

	/** Forgets what is kept under {@code name}, once what it read may have changed. */
	static void forget(String name) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			request.removeAttribute(name, RequestAttributes.SCOPE_REQUEST);
		}
	}

	private record Kept(Object key, Object value) {

		Kept {
			Objects.requireNonNull(key);
		}

	}

}
