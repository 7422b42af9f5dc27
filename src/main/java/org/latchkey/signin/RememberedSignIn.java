package org.latchkey.signin;

import java.util.Optional;

import org.latchkey.audit.AuditLog;
import org.latchkey.factor.RememberedDevices;
import org.latchkey.policy.SignInOptions;

import org.springframework.stereotype.Service;

/**
 * "Don't ask for a code on this device": after a second step, a browser may be remembered for as many days as
 * the administrator set (0 switches it off); at the next sign-in on it, once the password is right, the
 * remembered device stands in for the second factor. It never stands in for the password, nor for a fresh
 * second factor that a sensitive change or an application ({@code acr_values=mfa}, {@code max_age}) asks for:
 * the sign-in it completes records {@link SignInCompletion#REMEMBERED_DEVICE_FACTOR}, which is not a second
 * factor.
 */
@Service
public class RememberedSignIn {

	private final RememberedDevices devices;

	private final SignInOptions options;

	private final AuditLog audit;

	RememberedSignIn(RememberedDevices devices, SignInOptions options, AuditLog audit) {
		this.devices = devices;
		this.options = options;
		this.audit = audit;
	}

	/** How many days a device may be remembered; 0 when the administrator switched it off. */
	public int days() {
		return this.options.current().rememberDeviceDays();
	}

	/**
	 * Remembers the browser the user just completed a second step in, while the administrator allows it.
	 * @param userAgent the browser's {@code User-Agent}, which names the device on My account
	 * @return the secret for the browser's cookie; empty when devices are not remembered
	 */
	public Optional<String> remember(SignInPrincipal principal, String userAgent) {
		int days = days();
		if (days <= 0) {
			return Optional.empty();
		}
		return Optional.of(this.devices.remember(principal.accountId(), RememberedDevices.deviceName(userAgent), days));
	}

	/**
	 * Whether the browser's secret is a device this user remembers, for a sign-in whose password was just
	 * accepted; a device that stands in is audited.
	 */
	public boolean recognised(SignInPrincipal principal, String secret) {
		boolean recognised = principal.isSecondFactorPending()
				&& this.devices.recognises(principal.accountId(), secret, days());
		if (recognised) {
			this.audit.success(SignInEvent.REMEMBERED_DEVICE_USED, principal.accountId(), principal.getUsername());
		}
		return recognised;
	}

}
