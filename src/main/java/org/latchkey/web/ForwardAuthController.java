package org.latchkey.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.latchkey.forwardauth.ForwardAuthorization;
import org.latchkey.forwardauth.ForwardDecision;
import org.latchkey.forwardauth.ProtectedSites;
import org.latchkey.forwardauth.RemoteIdentity;
import org.latchkey.forwardauth.Visitor;
import org.latchkey.session.SessionSettings;
import org.latchkey.signin.SignInCompletion;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.stepup.SecondFactorStepUp;
import org.latchkey.system.PublicUrl;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Forward authentication for reverse proxies. {@code GET /auth/forward} is what nginx's {@code auth_request},
 * Traefik's {@code ForwardAuth} and Caddy's {@code forward_auth} ask before letting a request through: 200 with
 * {@code Remote-User}, {@code Remote-Email}, {@code Remote-Name} and {@code Remote-Groups} when the browser's
 * session may enter the site; when it must sign in (or present a second factor) first, a 302 to
 * {@code /auth/forward/sign-in} with the original address, or, with {@code ?status=401} (nginx, whose
 * {@code auth_request} takes no redirect), a 401 carrying that address as {@code Location}; 403 when the person
 * may not enter, the site is not listed, or the request did not come from a trusted proxy (only a proxy in
 * {@code latchkey.trusted-proxies} may name a site with {@code X-Forwarded-Host}, {@code X-Forwarded-Uri} and
 * {@code X-Forwarded-Proto}). {@code GET /auth/forward/sign-in?rd=…} is the page a browser is sent to: once
 * signed in, and given a fresh second factor when the site asks for one, it goes back to the address, which
 * must be one of a listed site.
 */
@Controller
class ForwardAuthController {

	static final String ENDPOINT = "/auth/forward";

	static final String SIGN_IN = "/auth/forward/sign-in";

	private final ForwardAuthorization authorization;

	private final ProtectedSites sites;

	private final ClientAddresses addresses;

	private final SecureTransport transport;

	private final PublicUrl publicUrl;

	private final SessionSettings sessionSettings;

	private final SecondFactorStepUp stepUp;

	private final SessionSignIn signIn;

	private final BrowserBinding binding;

	private final SavedRequests requests;

	private final Clock clock;

	ForwardAuthController(ForwardAuthorization authorization, ProtectedSites sites, ClientAddresses addresses,
			SecureTransport transport, PublicUrl publicUrl, SessionSettings sessionSettings, SecondFactorStepUp stepUp,
			SessionSignIn signIn, BrowserBinding binding, SavedRequests requests, Clock clock) {
		this.authorization = authorization;
		this.sites = sites;
		this.addresses = addresses;
		this.transport = transport;
		this.publicUrl = publicUrl;
		this.sessionSettings = sessionSettings;
		this.stepUp = stepUp;
		this.signIn = signIn;
		this.binding = binding;
		this.requests = requests;
		this.clock = clock;
	}

	@GetMapping(ENDPOINT)
	void check(@RequestParam(defaultValue = "302") String status, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		response.setHeader("Cache-Control", "no-store");
		Optional<String> host = single(request, "X-Forwarded-Host").filter(value -> !value.contains(","));
		Optional<String> uri = single(request, "X-Forwarded-Uri");
		Optional<String> proto = single(request, "X-Forwarded-Proto");
		if (!this.addresses.isFromTrustedProxy(request) || host.isEmpty() || uri.isEmpty() || proto.isEmpty()
				|| !(proto.get().equalsIgnoreCase("https") || proto.get().equalsIgnoreCase("http"))) {
			// whoever is not a trusted proxy could name any site: what it says is not read at all
			response.setStatus(HttpStatus.FORBIDDEN.value());
			return;
		}
		ForwardDecision decision = this.authorization.decide(visitor(request), host.get(), uri.get());
		switch (decision.verdict()) {
			case ENTER -> {
				response.setStatus(HttpStatus.OK.value());
				identify(response, decision.identity());
			}
			case SIGN_IN, SECOND_FACTOR -> {
				String original = proto.get().toLowerCase(Locale.ROOT) + "://" + host.get() + uri.get();
				String location = this.publicUrl.to(SIGN_IN).build().toUriString() + "?rd="
						+ URLEncoder.encode(original, StandardCharsets.UTF_8);
				response.setHeader("Location", location);
				response.setStatus("401".equals(status) ? HttpStatus.UNAUTHORIZED.value() : HttpStatus.FOUND.value());
			}
			case FORBIDDEN, NOT_LISTED -> response.setStatus(HttpStatus.FORBIDDEN.value());
		}
	}

	@GetMapping(SIGN_IN)
	ModelAndView signIn(@RequestParam(defaultValue = "") String rd, HttpServletRequest request,
			HttpServletResponse response) {
		Optional<URI> target = this.sites.returnAddress(rd, this.transport.required());
		if (target.isEmpty()) {
			return refused("forward-auth.refused.address", HttpStatus.BAD_REQUEST);
		}
		URI address = target.get();
		String path = (address.getRawPath() == null || address.getRawPath().isEmpty()) ? "/" : address.getRawPath();
		String query = (address.getRawQuery() != null) ? "?" + address.getRawQuery() : "";
		ForwardDecision decision = this.authorization.decide(visitor(request), address.getRawAuthority(), path + query);
		return switch (decision.verdict()) {
			case ENTER -> new ModelAndView("redirect:" + address);
			case SECOND_FACTOR -> {
				Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
				this.requests.saveRequest(request, response);
				this.signIn.save(request, response, this.stepUp.demand(signedIn, this.binding.of(request.getSession()),
						RequestContextUtils.getLocale(request)));
				yield new ModelAndView("redirect:" + SecondFactorStepUp.PAGE);
			}
			case SIGN_IN -> {
				// back here once signed in, whichever step of the sign-in this session is at
				this.requests.saveRequest(request, response);
				yield new ModelAndView("redirect:" + owedStep());
			}
			case FORBIDDEN -> refused("forward-auth.refused.forbidden", HttpStatus.FORBIDDEN);
			case NOT_LISTED -> refused("forward-auth.refused.address", HttpStatus.BAD_REQUEST);
		};
	}

	/** The sign-in step this session is to go through: step 1, or the one a half-signed-in session owes. */
	private static String owedStep() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof SignInPrincipal principal) {
			if (principal.isSecondFactorPending()) {
				return SecondFactorStepUp.PAGE;
			}
			if (principal.isPasswordChangeRequired()) {
				return SignInCompletion.NEW_PASSWORD_PATH;
			}
		}
		return "/login";
	}

	private static ModelAndView refused(String messageKey, HttpStatus status) {
		return new ModelAndView("forwardauth/refused", Map.of("messageKey", messageKey), status);
	}

	/** The session's person, unless the session is past its absolute lifetime (ended at its next page). */
	private Visitor visitor(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof SignInPrincipal principal)
				|| principal.isSecondFactorPending() || principal.isPasswordChangeRequired()) {
			return Visitor.NOBODY;
		}
		HttpSession session = request.getSession(false);
		if (session == null || (session.getAttribute(SessionLifetimeFilter.SIGNED_IN_AT) instanceof Instant at
				&& this.clock.instant().isAfter(at.plus(this.sessionSettings.absoluteTimeout())))) {
			return Visitor.NOBODY;
		}
		return Visitor.signedIn(principal.accountId(),
				SecondFactorStepUp.secondFactorOf(authentication).map(FactorGrantedAuthority::getIssuedAt).orElse(null));
	}

	/** A header sent once: a proxy that adds a line to a client's own must not be read as either. */
	private static Optional<String> single(HttpServletRequest request, String name) {
		List<String> values = Collections.list(request.getHeaders(name));
		if (values.size() != 1 || values.get(0).isBlank() || values.get(0).length() > 8000) {
			return Optional.empty();
		}
		return Optional.of(values.get(0).strip());
	}

	/** The person's headers, UTF-8 on the wire as the applications behind proxies read them. */
	private static void identify(HttpServletResponse response, RemoteIdentity identity) {
		response.setHeader("Remote-User", header(identity.login()));
		response.setHeader("Remote-Email", header(identity.email()));
		response.setHeader("Remote-Name", header(identity.name()));
		response.setHeader("Remote-Groups", String.join(",", identity.groups()));
	}

	private static String header(String value) {
		String plain = value.replaceAll("[\\p{Cntrl}]", "");
		return new String(plain.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
	}

}
