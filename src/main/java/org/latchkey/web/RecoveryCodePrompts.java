package org.latchkey.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.latchkey.selfservice.RecoveryCodeSetup;
import org.latchkey.session.SignedInWith;
import org.latchkey.signin.SignInPrincipal;

import org.springframework.stereotype.Component;

/**
 * Where a completed sign-in goes when recovery codes have a say: after a recovery code, to My account with a
 * banner asking to review the methods; when a first set is owed, to the page that makes it, and from there
 * where the sign-in was heading.
 */
@Component
class RecoveryCodePrompts {

	/** Where the sign-in was heading before the first set of recovery codes was shown. */
	static final String HEADING = "latchkey.afterRecoveryCodes";

	/** Set after a sign-in with a recovery code: My account asks to review the methods. */
	static final String REVIEW = "latchkey.reviewMethods";

	static final String NEW_SET_PAGE = "/account/recovery-codes/new";

	private final RecoveryCodeSetup setup;

	RecoveryCodePrompts(RecoveryCodeSetup setup) {
		this.setup = setup;
	}

	/** Where to send the browser after a sign-in with {@code method} completed, instead of {@code next}. */
	String nextAfterSignIn(HttpServletRequest request, SignInPrincipal principal, SignedInWith method, String next) {
		HttpSession session = request.getSession();
		if (method == SignedInWith.RECOVERY_CODE) {
			session.setAttribute(REVIEW, Boolean.TRUE);
			return "/account";
		}
		if (method != SignedInWith.REMEMBERED_DEVICE && this.setup.owed(principal.accountId())) {
			session.setAttribute(HEADING, next);
			return NEW_SET_PAGE;
		}
		return next;
	}

	/** Where the sign-in was heading before the first set was shown, once; My account otherwise. */
	String heading(HttpSession session) {
		Object heading = session.getAttribute(HEADING);
		session.removeAttribute(HEADING);
		return (heading instanceof String next) ? next : "/account";
	}

}
