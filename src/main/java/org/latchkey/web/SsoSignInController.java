package org.latchkey.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.latchkey.sso.SsoFailure;
import org.latchkey.sso.SsoOutcome;
import org.latchkey.sso.SsoProvider;
import org.latchkey.sso.SsoProviders;
import org.latchkey.sso.SsoRequest;
import org.latchkey.sso.SsoSignIn;
import org.latchkey.system.PublicUrl;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Sign-in through an identity provider ({@code /login/sso/{provider}}): sends the browser to the provider with
 * the request {@link SsoSignIn} made, keeping it in the session, and at the callback signs the person in, or leaves
 * them half signed in owing Latchkey's second factor, or shows why the sign-in was refused. Every rule is in
 * {@link SsoSignIn}.
 */
@Controller
class SsoSignInController {

	/** Where every provider sends the browser back; the address to register at the provider. */
	static final String CALLBACK = "/login/sso/callback";

	private static final String PENDING = "latchkey.ssoRequest";

	private static final Logger log = LoggerFactory.getLogger(SsoSignInController.class);

	private final SsoSignIn signIn;

	private final SessionSignIn sessions;

	private final PublicUrl publicUrl;

	SsoSignInController(SsoSignIn signIn, SessionSignIn sessions, PublicUrl publicUrl) {
		this.signIn = signIn;
		this.sessions = sessions;
		this.publicUrl = publicUrl;
	}

	@GetMapping("/login/sso/{id}")
	String start(@PathVariable("id") String provider, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		if (!provider.matches("[0-9]{1,18}")) {
			return refused(SsoFailure.PROVIDER_DISABLED, null, response, model);
		}
		SsoRequest pending = this.signIn.start(Long.parseLong(provider), this.publicUrl.to(CALLBACK).toUriString())
			.orElse(null);
		if (pending == null) {
			return refused(SsoFailure.PROVIDER_DISABLED, null, response, model);
		}
		request.getSession().setAttribute(PENDING, pending);
		return "redirect:" + pending.authorizationUrl();
	}

	@GetMapping(CALLBACK)
	String callback(@RequestParam(required = false) String state, @RequestParam(required = false) String code,
			@RequestParam(required = false) String error, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		HttpSession session = request.getSession(false);
		SsoRequest pending = null;
		if (session != null && session.getAttribute(PENDING) instanceof SsoRequest kept) {
			// one callback per request: a second one finds nothing to finish
			session.removeAttribute(PENDING);
			pending = kept;
		}
		SsoOutcome outcome;
		try {
			outcome = this.signIn.finish(pending, state, code, error);
		}
		catch (RuntimeException ex) {
			log.warn("Sign-in through an identity provider failed: {}", ex.getClass().getSimpleName());
			return refused(SsoFailure.PROVIDER_ERROR, null, response, model);
		}
		if (outcome instanceof SsoOutcome.Refused refused) {
			return refused(refused.reason(), refused.providerName(), response, model);
		}
		SsoOutcome.Accepted accepted = (SsoOutcome.Accepted) outcome;
		if (accepted.secondFactorOwed()) {
			String binding = this.sessions.startFederatedPending(request, response, accepted.authentication());
			this.signIn.secondFactorOwed(accepted.authentication(), binding, RequestContextUtils.getLocale(request));
			return "redirect:/login/verify";
		}
		return "redirect:" + this.sessions.completeFederated(request, response, accepted.authentication());
	}

	private static String refused(SsoFailure reason, String providerName, HttpServletResponse response, Model model) {
		response.setStatus(switch (reason) {
			case PROVIDER_UNAVAILABLE -> HttpStatus.BAD_GATEWAY.value();
			case PROVIDER_DISABLED -> HttpStatus.NOT_FOUND.value();
			case UNKNOWN_PERSON, ACCOUNT_DISABLED, SECOND_FACTOR_MISSING, EMAIL_NOT_VERIFIED -> HttpStatus.FORBIDDEN
				.value();
			default -> HttpStatus.BAD_REQUEST.value();
		});
		model.addAttribute("reason", reason);
		model.addAttribute("providerName", providerName);
		return "signin/sso-refused";
	}

	/** The sign-in page's buttons, one per enabled provider, and the offer to sign out at a provider too. */
	@ControllerAdvice(assignableTypes = SignInController.class)
	static class SignInPageProviders {

		private final SsoProviders providers;

		SignInPageProviders(SsoProviders providers) {
			this.providers = providers;
		}

		@ModelAttribute("ssoProviders")
		List<SsoProvider> ssoProviders() {
			return this.providers.enabled();
		}

		@ModelAttribute("ssoSignOut")
		SsoProvider ssoSignOut(@RequestParam(name = "sso", required = false) String provider) {
			if (provider == null || !provider.matches("[0-9]{1,18}")) {
				return null;
			}
			return this.providers.find(Long.parseLong(provider))
				.filter(found -> found.discovery().endSessionEndpoint() != null)
				.orElse(null);
		}

	}

}
