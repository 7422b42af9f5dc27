package org.latchkey.web;

import jakarta.servlet.http.HttpServletRequest;

import org.latchkey.audit.Actor;
import org.latchkey.audit.CurrentActor;
import org.latchkey.web.ClientAddresses;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Where a request comes from, as the use cases and the audit log take it: the client's address behind a trusted
 * proxy and the browser's User-Agent. It answers for the request the current thread handles, whichever entry
 * point (pages, console, OpenID Connect) received it.
 */
@Component
class RequestActors implements CurrentActor {

	private final ClientAddresses addresses;

	RequestActors(ClientAddresses addresses) {
		this.addresses = addresses;
	}

	@Override
	public Actor current() {
		return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
				? of(attributes.getRequest()) : Actor.UNKNOWN;
	}

	/** Where {@code request} comes from. */
	Actor of(HttpServletRequest request) {
		return new Actor(this.addresses.of(request), request.getHeader("User-Agent"));
	}

}
