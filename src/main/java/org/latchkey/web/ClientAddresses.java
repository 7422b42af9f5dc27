package org.latchkey.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The address of the client behind a request. {@code X-Forwarded-For} is read only when the request comes
 * from a configured trusted proxy, and then from its right end: each trusted proxy appends the address it
 * saw, so the first address from the right that is not a trusted proxy is the client. Whatever a client
 * writes itself into the header stays to the left of that and is never believed.
 */
@Component
public class ClientAddresses {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

	private final List<IpAddressMatcher> trustedProxies;

	ClientAddresses(ClientAddressSettings settings) {
		this.trustedProxies = settings.trustedProxies()
			.stream()
			.map(String::strip)
			.filter(proxy -> !proxy.isEmpty())
			.map(IpAddressMatcher::new)
			.toList();
	}

	/** The client's address, in the canonical form {@link InetAddress#getHostAddress()} writes. */
	public String of(HttpServletRequest request) {
		String remote = canonical(request.getRemoteAddr());
		if (remote == null) {
			return request.getRemoteAddr();
		}
		if (!isTrustedProxy(remote)) {
			return remote;
		}
		List<String> hops = new ArrayList<>();
		for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
			for (String hop : header.split(",")) {
				hops.add(hop.strip());
			}
		}
		String client = remote;
		for (int i = hops.size() - 1; i >= 0; i--) {
			String hop = canonical(hops.get(i));
			if (hop == null) {
				// a hop that is not an address was not written by a proxy we trust: the last good one stands
				return client;
			}
			client = hop;
			if (!isTrustedProxy(hop)) {
				return hop;
			}
		}
		return client;
	}

	/** Whether the request comes straight from a configured trusted proxy, whose forwarding headers may be believed. */
	public boolean isFromTrustedProxy(HttpServletRequest request) {
		String remote = canonical(request.getRemoteAddr());
		return remote != null && isTrustedProxy(remote);
	}

	private boolean isTrustedProxy(String address) {
		return this.trustedProxies.stream().anyMatch(proxy -> proxy.matches(address));
	}

	/** The address in canonical form, or null when the text is not an IP literal (never a DNS lookup). */
	static @Nullable String canonical(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String literal = (text.startsWith("[") && text.endsWith("]")) ? text.substring(1, text.length() - 1) : text;
		boolean v4 = IPV4.matcher(literal).matches()
				&& Arrays.stream(literal.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
		if (!v4 && !IPV6.matcher(literal).matches()) {
			return null;
		}
		try {
			// brackets make an IPv6 text that is not an address fail here instead of going to DNS
			return InetAddress.getByName(v4 ? literal : "[" + literal + "]").getHostAddress();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
