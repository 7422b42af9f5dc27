package org.latchkey.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.latchkey.session.EndReason;
import org.latchkey.session.SignedInWith;
import org.latchkey.session.SignedInSessions;
import org.latchkey.signin.SignInCompletion;
import org.latchkey.signin.SignInOutcomes;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

/**
 * Puts the sign-in's authentications into the browser's session: a half-signed-in one that owes a step, or a
 * completed one under a renewed session id, recorded, with its device cookie, and the browser sent where it
 * was heading before the sign-in.
 */
@Component
public class SessionSignIn {

	/** The session attribute naming how the session was signed in. */
	static final String METHOD = "latchkey.signInMethod";

	private final SignInCompletion completion;

	private final SignInOutcomes outcomes;

	private final SessionRenewal renewal;

	private final SignedInSessions sessions;

	private final DeviceCookies devices;

	private final RequestActors actors;

	private final BrowserBinding binding;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	private final RequestCache requests;

	private final RememberedDeviceCookies rememberedDevices;

	private final RecoveryCodePrompts recoveryCodes;

	SessionSignIn(SignInCompletion completion, SignInOutcomes outcomes, SessionRenewal renewal,
			SignedInSessions sessions, DeviceCookies devices, RequestActors actors, BrowserBinding binding,
			SavedRequests requests, RememberedDeviceCookies rememberedDevices,
			RecoveryCodePrompts recoveryCodes) {
		this.rememberedDevices = rememberedDevices;
		this.recoveryCodes = recoveryCodes;
		this.requests = requests;
		this.completion = completion;
		this.outcomes = outcomes;
		this.renewal = renewal;
		this.sessions = sessions;
		this.devices = devices;
		this.actors = actors;
		this.binding = binding;
	}

	/**
	 * Completes the sign-in once its second factor was accepted and returns where to send the browser; returns
	 * {@code null} when the account was disabled since step 1, in which case nobody is signed in. After a
	 * temporary password the browser goes to the new-password page.
	 */
	String complete(HttpServletRequest request, HttpServletResponse response, Authentication pending,
			SignedInWith method, String factorAuthority) {
		return complete(request, response, pending, method, List.of(factorAuthority));
	}

	/** As {@link #complete(HttpServletRequest, HttpServletResponse, Authentication, SignedInWith, String)}, for a
	 * factor that counts as several authorities (a passkey, and the user verification it did). */
	String complete(HttpServletRequest request, HttpServletResponse response, Authentication pending,
			SignedInWith method, List<String> factorAuthorities) {
		Authentication completed = this.completion.complete(pending, factorAuthorities).orElse(null);
		if (completed == null) {
			signOut(request);
			return null;
		}
		if (((SignInPrincipal) completed.getPrincipal()).isPasswordChangeRequired()) {
			establish(request, response, completed);
			return SignInCompletion.NEW_PASSWORD_PATH;
		}
		if (method != SignedInWith.REMEMBERED_DEVICE) {
			this.rememberedDevices.rememberIfAsked(request, response, (SignInPrincipal) completed.getPrincipal());
		}
		// a second factor Latchkey asked after single sign-on: the session is still one opened through SSO
		SignedInWith recorded = SignInCompletion.federatedOf(completed).isPresent() ? SignedInWith.SSO : method;
		String next = signIn(request, response, completed, recorded);
		return this.recoveryCodes.nextAfterSignIn(request, (SignInPrincipal) completed.getPrincipal(), method, next);
	}

	/**
	 * Signs in a person an upstream identity provider vouched for, owing nothing more: whatever session the
	 * browser was signed in with ends, and a renewed one (keeping where the browser was heading) is signed in
	 * through SSO.
	 * @return where to send the browser
	 */
	String completeFederated(HttpServletRequest request, HttpServletResponse response, Authentication completed) {
		endSignedInSession(request);
		return signIn(request, response, completed, SignedInWith.SSO);
	}

	/**
	 * Leaves a renewed session half signed in by an upstream identity provider, owing Latchkey's own second
	 * factor; whatever session the browser was signed in with ends.
	 * @return the secret the browser's codes are bound to
	 */
	String startFederatedPending(HttpServletRequest request, HttpServletResponse response, Authentication pending) {
		endSignedInSession(request);
		this.renewal.renew(request);
		save(request, response, pending);
		String fresh = this.binding.fresh();
		this.binding.bind(request.getSession(), fresh);
		return fresh;
	}

	private void endSignedInSession(HttpServletRequest request) {
		HttpSession previous = request.getSession(false);
		if (previous != null) {
			endIfSignedIn(previous);
		}
	}

	/**
	 * Ends the session's signed-in record, if it has one. A session that was never signed in has none: the request
	 * that records a sign-in gives the session its time, and every renewal copies it ({@link SessionRenewal}), so
	 * the sign-in page's session costs no transaction at the password step.
	 */
	private void endIfSignedIn(HttpSession session) {
		if (session.getAttribute(SessionLifetimeFilter.SIGNED_IN_AT) != null) {
			this.sessions.ended(session.getId(), EndReason.SIGNED_OUT);
		}
	}

	/** Completes the sign-in of a person whose new password took the place of their temporary one. */
	String completeWithNewPassword(HttpServletRequest request, HttpServletResponse response, Authentication waiting) {
		return signIn(request, response, this.completion.withNewPassword(waiting),
				SignInCompletion.methodOf(waiting));
	}

	/**
	 * Ends whatever session the browser had (a sign-in to another account included) and leaves a new one half
	 * signed in, its codes bound to {@code binding}.
	 */
	void startPending(HttpServletRequest request, HttpServletResponse response, Authentication pending,
			String binding) {
		HttpSession previous = request.getSession(false);
		if (previous != null) {
			endIfSignedIn(previous);
			previous.invalidate();
		}
		this.binding.bind(request.getSession(true), binding);
		save(request, response, pending);
	}

	/**
	 * Signs in with the password alone a first login that left its optional 2FA email for later: the browser's
	 * session ends, as at every sign-in step, and a new one is signed in.
	 * @return where to send the browser
	 */
	String startWithPasswordAlone(HttpServletRequest request, HttpServletResponse response,
			Authentication completed, String binding) {
		startPending(request, response, completed, binding);
		return signIn(request, response, completed, SignedInWith.PASSWORD);
	}

	/**
	 * Signs in with a passkey alone (no password): the browser's session ends, as at every sign-in step, and a
	 * new one is signed in; the page it was heading for before (an application's authorization request) is
	 * kept across the change.
	 * @return where to send the browser
	 */
	String startWithPasskey(HttpServletRequest request, HttpServletResponse response, Authentication completed) {
		SavedRequest saved = this.requests.getRequest(request, response);
		startPending(request, response, completed, this.binding.fresh());
		boolean signedIn = establish(request, response, completed);
		signedIn(request, response, (SignInPrincipal) completed.getPrincipal(), SignedInWith.PASSKEY, signedIn);
		return (saved != null) ? saved.getRedirectUrl() : "/";
	}

	/** Records the session as signed in, gives the browser its device cookie, and audits the sign-in. */
	void signedIn(HttpServletRequest request, HttpServletResponse response, SignInPrincipal principal,
			SignedInWith method, boolean alreadyRecorded) {
		signedIn(request, response, principal, method, null, alreadyRecorded);
	}

	private void signedIn(HttpServletRequest request, HttpServletResponse response, SignInPrincipal principal,
			SignedInWith method, Long ssoProviderId, boolean alreadyRecorded) {
		HttpSession session = request.getSession();
		SignInOutcomes.SignedIn done = this.outcomes.signedIn(principal, method, ssoProviderId, session.getId(),
				alreadyRecorded, this.actors.of(request), this.devices.attemptOf(request));
		if (done.startedAt() != null) {
			session.setAttribute(SessionLifetimeFilter.SIGNED_IN_AT, done.startedAt());
			session.setAttribute(METHOD, method);
		}
		if (done.deviceToken() != null) {
			this.devices.issue(request, response, done.deviceToken());
		}
	}

	/** Forgets the browser's sign-in: the account was disabled or its temporary password replaced meanwhile. */
	void signOut(HttpServletRequest request) {
		SecurityContextHolder.clearContext();
		request.getSession().invalidate();
	}

	private String signIn(HttpServletRequest request, HttpServletResponse response, Authentication completed,
			SignedInWith method) {
		boolean signedIn = establish(request, response, completed);
		signedIn(request, response, (SignInPrincipal) completed.getPrincipal(), method,
				SignInCompletion.federatedOf(completed).map(federated -> federated.providerId()).orElse(null),
				signedIn);
		SavedRequest saved = this.requests.getRequest(request, response);
		this.requests.removeRequest(request, response);
		return (saved != null) ? saved.getRedirectUrl() : "/";
	}

	/**
	 * Stores the authentication under a renewed session id.
	 * @return whether the session was signed in already: a step-up, which keeps the session's sign-in time
	 * and the authorizations granted in it
	 */
	private boolean establish(HttpServletRequest request, HttpServletResponse response, Authentication completed) {
		boolean signedIn = this.renewal.renew(request);
		save(request, response, completed);
		return signedIn;
	}

	/** Stores {@code authentication} as the browser's, in its session. */
	public void save(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
	}

}
