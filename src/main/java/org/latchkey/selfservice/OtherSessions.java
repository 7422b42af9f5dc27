package org.latchkey.selfservice;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.latchkey.account.InvalidAccountException;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.factor.RememberedDevices;
import org.latchkey.secret.TokenHasher;
import org.latchkey.selfservice.internal.StepUpPermits;
import org.latchkey.session.EndReason;
import org.latchkey.session.SignedInSession;
import org.latchkey.session.SignedInSessions;
import org.latchkey.session.SignedInWith;
import org.latchkey.signin.AllowedSecondFactors;
import org.latchkey.signin.SignInPrincipal;
import org.latchkey.stepup.StepUpProofs;

import org.springframework.stereotype.Service;

/**
 * A signed-in user's view of their open sessions, and signing out one or all of the others from My account.
 * Ending sessions is sensitive: it needs a permit that a fresh code proved ({@link MethodChange} with
 * {@link MethodChange.Action#END_SESSIONS}), or the password from a user who has no second factor. A session
 * is named in forms by a keyed hash of its id and of its account, which names nothing in another account and
 * from which the id cannot be found.
 */
@Service
public class OtherSessions {

	private static final SelfServiceEvent EVENT = SelfServiceEvent.SESSIONS_SIGNED_OUT;

	/** How much of a User-Agent the list shows: enough to tell browsers apart. */
	private static final int BROWSER_LENGTH = 80;

	private final SignedInSessions sessions;

	private final AllowedSecondFactors methods;

	private final MethodChange change;

	private final StepUpPermits permits;

	private final TokenHasher hasher;

	private final AuditLog audit;

	private final StepUpProofs proofs;

	private final RememberedDevices rememberedDevices;

	OtherSessions(SignedInSessions sessions, AllowedSecondFactors methods, MethodChange change, StepUpPermits permits,
			TokenHasher hasher, AuditLog audit, StepUpProofs proofs, RememberedDevices rememberedDevices) {
		this.rememberedDevices = rememberedDevices;
		this.sessions = sessions;
		this.methods = methods;
		this.change = change;
		this.permits = permits;
		this.hasher = hasher;
		this.audit = audit;
		this.proofs = proofs;
	}

	/**
	 * One open session as its owner sees it.
	 *
	 * @param reference what forms name it by
	 * @param browser the User-Agent, shortened; may be null
	 * @param current whether it is the session that asks
	 */
	public record Listed(String reference, SignedInWith method, Instant signedInAt, String clientIp, String browser,
			boolean current) {
	}

	/** What an attempt to end sessions did. */
	public enum Outcome {
		/** The sessions were ended. */
		ENDED,
		/** No other session of the user goes by that reference (any more). */
		NOT_FOUND,
		/** A fresh code must prove it first: a change waits for it on the confirmation page. */
		FRESH_CODE_NEEDED,
		/** The user has no second factor and the password given was not theirs. */
		WRONG_PASSWORD,
		/** Too many failed proofs locked the account for this browser: no password is read until it ends. */
		LOCKED
	}

	/** The user's open sessions, the most recent first. */
	public List<Listed> of(SignInPrincipal principal, BrowserSession current) {
		return this.sessions.listOf(principal.accountId())
			.stream()
			.map(session -> new Listed(reference(principal, session), session.method(), session.signedInAt(),
					session.clientIp(), shorten(session.userAgent()), session.id().equals(current.id())))
			.toList();
	}

	/** Whether ending sessions asks for the password here, the user having no second factor to prove it with. */
	public boolean asksForPassword(SignInPrincipal principal) {
		return !this.methods.of(principal.accountId()).any();
	}

	/** Ends the user's other session that {@code reference} names, once the user proved it is them. */
	public Outcome endOne(SignInPrincipal principal, BrowserSession current, String reference, String password) {
		Optional<SignedInSession> named = (reference == null) ? Optional.empty()
				: this.sessions.listOf(principal.accountId())
					.stream()
					.filter(session -> !session.id().equals(current.id()))
					.filter(session -> this.hasher.matches(token(principal, session), reference))
					.findFirst();
		if (named.isEmpty()) {
			return Outcome.NOT_FOUND;
		}
		Optional<Outcome> refused = prove(principal, current, password);
		if (refused.isPresent()) {
			return refused.get();
		}
		int ended = this.sessions.endOneOf(principal.accountId(), named.get().id(), EndReason.SIGNED_OUT_ELSEWHERE);
		this.audit.record(EVENT, AuditOutcome.SUCCESS, principal.accountId(), principal.getUsername(),
				"one other session (" + ended + " ended)");
		return (ended > 0) ? Outcome.ENDED : Outcome.NOT_FOUND;
	}

	/** Ends every session of the user but the one that asks, once the user proved it is them. */
	public Outcome endAllOthers(SignInPrincipal principal, BrowserSession current, String password) {
		Optional<Outcome> refused = prove(principal, current, password);
		if (refused.isPresent()) {
			return refused.get();
		}
		int ended = this.sessions.endAllOfExcept(principal.accountId(), current.id(),
				EndReason.SIGNED_OUT_ELSEWHERE);
		// "sign out everywhere" also means "ask for a code everywhere again"
		this.rememberedDevices.forgetAll(principal.accountId());
		this.audit.record(EVENT, AuditOutcome.SUCCESS, principal.accountId(), principal.getUsername(),
				"all other sessions (" + ended + " ended)");
		return Outcome.ENDED;
	}

	/**
	 * Spends the permit a fresh code gave, or checks the password of a user with no second factor; otherwise
	 * starts the change that a fresh code confirms. Empty when the user proved it.
	 */
	private Optional<Outcome> prove(SignInPrincipal principal, BrowserSession current, String password) {
		if (asksForPassword(principal)) {
			try {
				return this.proofs.password(principal, current.attempt(), password, "password", EVENT)
						? Optional.empty() : Optional.of(Outcome.WRONG_PASSWORD);
			}
			catch (InvalidAccountException locked) {
				return Optional.of(Outcome.LOCKED);
			}
		}
		if (this.permits.holds(current, principal.accountId(), MethodChange.Action.END_SESSIONS)) {
			this.permits.spend(current);
			return Optional.empty();
		}
		this.change.start(principal, current, MethodChange.Action.END_SESSIONS, null);
		return Optional.of(Outcome.FRESH_CODE_NEEDED);
	}

	private String reference(SignInPrincipal principal, SignedInSession session) {
		return this.hasher.hash(token(principal, session));
	}

	/** What a reference hashes: bound to the account, so that it names nothing in another one. */
	private static String token(SignInPrincipal principal, SignedInSession session) {
		return "signed-in-session/" + principal.accountId() + "/" + session.id();
	}

	private static String shorten(String userAgent) {
		return (userAgent == null || userAgent.length() <= BROWSER_LENGTH) ? userAgent
				: userAgent.substring(0, BROWSER_LENGTH - 1) + "\u2026";
	}

}
