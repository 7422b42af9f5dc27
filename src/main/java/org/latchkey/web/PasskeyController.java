package org.latchkey.web;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.latchkey.account.InvalidAccountException;
import org.latchkey.factor.Passkey;
import org.latchkey.factor.PasskeyCheck;
import org.latchkey.selfservice.PasskeySetup;
import org.latchkey.session.SignedInWith;
import org.latchkey.signin.PasskeySteps;
import org.latchkey.signin.SignInCompletion;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.stepup.SecondFactorStepUp;
import org.latchkey.web.PasskeyChallenges.Issued;
import org.latchkey.web.PasskeyChallenges.Purpose;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Passkeys in the browser: My account → Passkeys (add one, name it, remove one), the second step with a
 * passkey ({@code /login/verify?method=passkey}), and "Sign in with a passkey" on the sign-in page. Each page
 * that asks for a passkey carries the options for {@code navigator.credentials} (its challenge kept in the
 * session) to {@code /js/passkeys.js}, which posts the browser's answer back in the form's {@code credential}
 * field; without JavaScript the page says a passkey needs it and offers the other methods.
 */
@Controller
class PasskeyController {

	static final String ACCOUNT_PAGE = "/account/passkeys";

	/** Where a person with no method registers a first passkey at sign-in, when passkeys are allowed. */
	static final String ENROL = "/login/verify/passkey-setup";

	private static final String PAGE = "account/passkeys";

	private static final String VERIFY_PASSKEY = "signin/verify-passkey";

	private final PasskeySetup setup;

	private final PasskeySteps steps;

	private final PasskeyChallenges challenges;

	private final SessionSignIn signIn;

	private final SecondFactorStepUp stepUp;

	private final BrowserBinding binding;

	private final SavedRequests requests;

	private final DeviceCookies devices;

	PasskeyController(PasskeySetup setup, PasskeySteps steps, PasskeyChallenges challenges, SessionSignIn signIn,
			SecondFactorStepUp stepUp, BrowserBinding binding, SavedRequests requests, DeviceCookies devices) {
		this.setup = setup;
		this.steps = steps;
		this.challenges = challenges;
		this.signIn = signIn;
		this.stepUp = stepUp;
		this.binding = binding;
		this.requests = requests;
		this.devices = devices;
	}

	// My account → Passkeys

	@GetMapping(ACCOUNT_PAGE)
	String showPasskeys(@AuthenticationPrincipal SignInPrincipal principal, Authentication authentication,
			HttpSession session, Model model) {
		model.addAttribute("passkeys", this.setup.of(principal));
		model.addAttribute("allowed", this.setup.allowed());
		boolean fresh = !needsFreshFactor(principal, authentication);
		model.addAttribute("fresh", fresh);
		if (this.setup.allowed() && fresh) {
			model.addAttribute("options", PasskeyChallenges
				.json(this.setup.creationOptions(principal, this.challenges.issue(session, Purpose.REGISTER))));
		}
		return PAGE;
	}

	@PostMapping(ACCOUNT_PAGE)
	String addPasskey(@RequestParam(required = false) String name, @RequestParam(required = false) String credential,
			@AuthenticationPrincipal SignInPrincipal principal, Authentication authentication, HttpSession session,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		Issued issued = this.challenges.take(session, Purpose.REGISTER);
		try {
			Passkey added = this.setup.add(principal, !needsFreshFactor(principal, authentication), name,
					(issued != null) ? issued.challenge() : new byte[0],
					(issued != null) ? issued.issuedAt() : null, credential);
			redirect.addFlashAttribute("added", added.name());
			return "redirect:" + ACCOUNT_PAGE;
		}
		catch (InvalidAccountException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("error", ex.messageKey());
			model.addAttribute("name", (name != null && name.length() <= 64) ? name : "");
			return showPasskeys(principal, authentication, session, model);
		}
	}

	@PostMapping(ACCOUNT_PAGE + "/remove")
	String removePasskey(@RequestParam(required = false) Long id, @AuthenticationPrincipal SignInPrincipal principal,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model,
			RedirectAttributes redirect) {
		if (needsFreshFactor(principal, authentication)) {
			return confirmItIsYou(authentication, request, response);
		}
		try {
			String name = this.setup.remove(principal, true, (id != null) ? id : -1,
					RequestContextUtils.getLocale(request));
			redirect.addFlashAttribute("removed", name);
			return "redirect:" + ACCOUNT_PAGE;
		}
		catch (InvalidAccountException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("error", ex.messageKey());
			return showPasskeys(principal, authentication, request.getSession(), model);
		}
	}

	/** "Confirm it's you": the sign-in's second step again, then back to My account → Passkeys. */
	@PostMapping(ACCOUNT_PAGE + "/confirm")
	String confirm(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
		return confirmItIsYou(authentication, request, response);
	}

	// the second step

	/** The passkey page of step 2; called by {@link SecondStepController} when the passkey is the method shown. */
	String secondStepPage(SignInPrincipal principal, HttpSession session, Model model) {
		model.addAttribute("options", PasskeyChallenges
			.json(this.steps.secondStepOptions(principal, this.challenges.issue(session, Purpose.SECOND_STEP))));
		return VERIFY_PASSKEY;
	}

	@PostMapping("/login/verify/passkey")
	String verifyPasskey(@RequestParam(required = false) String credential, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		if (!(authentication != null && authentication.getPrincipal() instanceof SignInPrincipal principal
				&& principal.isSecondFactorPending())) {
			return "redirect:/";
		}
		Issued issued = this.challenges.take(request.getSession(), Purpose.SECOND_STEP);
		PasskeyCheck check = this.steps.checkSecondStep(principal, this.devices.attemptOf(request),
				(issued != null) ? issued.challenge() : new byte[0], (issued != null) ? issued.issuedAt() : null,
				credential);
		if (!check.accepted()) {
			redirect.addFlashAttribute("passkeyError", (credential == null || credential.isBlank())
					? "passkeys.verify.no-answer" : "passkeys.verify.refused");
			return "redirect:/login/verify?method=passkey";
		}
		String next = this.signIn.complete(request, response, authentication, SignedInWith.PASSKEY,
				SignInCompletion.passkeyFactors(check.synced(), check.userVerified()));
		return (next != null) ? "redirect:" + next : "redirect:/login?disabled";
	}

	/** Whether the person signing in may register a first passkey; for {@link SecondStepController}. */
	boolean mayEnrolAtSignIn(SignInPrincipal principal) {
		return this.steps.mayEnrolAtSignIn(principal);
	}

	@GetMapping(ENROL)
	String showEnrolment(Authentication authentication, HttpSession session, Model model) {
		SignInPrincipal principal = pending(authentication);
		if (principal == null || !this.steps.mayEnrolAtSignIn(principal)) {
			return "redirect:/login/verify";
		}
		model.addAttribute("options", PasskeyChallenges
			.json(this.steps.enrolmentOptions(principal, this.challenges.issue(session, Purpose.REGISTER))));
		return "signin/enrol-passkey";
	}

	@PostMapping(ENROL)
	String enrol(@RequestParam(required = false) String name, @RequestParam(required = false) String credential,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model) {
		SignInPrincipal principal = pending(authentication);
		if (principal == null) {
			return "redirect:/";
		}
		Issued issued = this.challenges.take(request.getSession(), Purpose.REGISTER);
		Passkey added;
		try {
			added = this.steps.enrolAtSignIn(principal, name, (issued != null) ? issued.challenge() : new byte[0],
					(issued != null) ? issued.issuedAt() : null, credential);
		}
		catch (InvalidAccountException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("error", ex.messageKey());
			model.addAttribute("name", (name != null && name.length() <= 64) ? name : "");
			return showEnrolment(authentication, request.getSession(), model);
		}
		String next = this.signIn.complete(request, response, authentication, SignedInWith.PASSKEY,
				SignInCompletion.passkeyFactors(added.synced(), false));
		return (next != null) ? "redirect:" + next : "redirect:/login?disabled";
	}

	private static SignInPrincipal pending(Authentication authentication) {
		return (authentication != null && authentication.getPrincipal() instanceof SignInPrincipal principal
				&& principal.isSecondFactorPending()) ? principal : null;
	}

	// without a password

	/** Adds "Sign in with a passkey" to the sign-in page while the administrator allows it. */
	void offerSignIn(HttpSession session, Model model) {
		if (this.steps.withoutPasswordOpen()) {
			model.addAttribute("passkeyOptions", PasskeyChallenges
				.json(this.steps.withoutPasswordOptions(this.challenges.issue(session, Purpose.WITHOUT_PASSWORD))));
		}
	}

	@PostMapping("/login/passkey")
	String signInWithPasskey(@RequestParam(required = false) String credential, HttpServletRequest request,
			HttpServletResponse response) {
		Issued issued = this.challenges.take(request.getSession(), Purpose.WITHOUT_PASSWORD);
		Optional<Authentication> signedIn = this.steps.signInWithoutPassword(this.devices.attemptOf(request),
				(issued != null) ? issued.challenge() : new byte[0], (issued != null) ? issued.issuedAt() : null,
				credential);
		if (signedIn.isEmpty()) {
			return "redirect:/login?passkey";
		}
		return "redirect:" + this.signIn.startWithPasskey(request, response, signedIn.get());
	}

	private boolean needsFreshFactor(SignInPrincipal principal, Authentication authentication) {
		Instant at = SecondFactorStepUp.secondFactorOf(authentication)
			.map(FactorGrantedAuthority::getIssuedAt)
			.orElse(null);
		return this.setup.needsFreshFactor(principal, at, this.stepUp.isPossible());
	}

	private String confirmItIsYou(Authentication authentication, HttpServletRequest request,
			HttpServletResponse response) {
		if (!this.stepUp.isPossible()) {
			return "redirect:" + ACCOUNT_PAGE;
		}
		Locale locale = RequestContextUtils.getLocale(request);
		this.requests.saveLocal(request, ACCOUNT_PAGE);
		this.signIn.save(request, response,
				this.stepUp.demand(authentication, this.binding.of(request.getSession()), locale));
		return "redirect:" + SecondFactorStepUp.PAGE;
	}

}
