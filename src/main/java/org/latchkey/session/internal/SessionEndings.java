package org.latchkey.session.internal;

import org.latchkey.account.AccountDeleting;
import org.latchkey.account.AccountDisabled;
import org.latchkey.account.AccountRoleChanged;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.policy.TwoFactorModeChanged;
import org.latchkey.session.EndReason;
import org.latchkey.session.SignedInWith;
import org.latchkey.session.SignedInSessions;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Ends the sessions that a change elsewhere (an account, the policy) leaves with more than they may hold. */
@Component
class SessionEndings {

	private final SignedInSessions sessions;

	SessionEndings(SignedInSessions sessions) {
		this.sessions = sessions;
	}

	@EventListener
	void on(AccountDisabled event) {
		this.sessions.endAllOf(event.accountId(), EndReason.ACCOUNT_DISABLED);
	}

	/** A deleted account's sessions end with it, on every node, and what applications were granted in them. */
	@EventListener
	void on(AccountDeleting event) {
		this.sessions.endAllOf(event.accountId(), EndReason.ADMINISTRATOR);
	}

	/** Switching two-factor authentication on ends every session but those opened through SSO. */
	@EventListener
	void on(TwoFactorModeChanged event) {
		if (event.to() == TwoFactorMode.REQUIRED) {
			this.sessions.endAllExcept(SignedInWith.SSO, EndReason.TWO_FACTOR_ENABLED);
		}
	}

	/** A session keeps the authorities it was signed in with: after a change of role it must not go on. */
	@EventListener
	void on(AccountRoleChanged event) {
		this.sessions.endAllOf(event.accountId(), EndReason.ROLE_CHANGED);
	}

}
