package org.latchkey.verify;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.factor.ApplicationAuthenticators;
import org.latchkey.factor.ApplicationAuthenticators.Confirmation;
import org.latchkey.factor.TotpCheck;
import org.latchkey.factor.TotpEnrolment;

import org.springframework.stereotype.Service;

/**
 * Authenticator apps (TOTP) of an application's own users, through the API: created (the {@code otpauth://}
 * URI, for a QR code), confirmed with a first code, checked, deleted. The users are the application's, named by
 * it; a factor belongs to the application of the key. Every call is audited with the key's name, never with a
 * code or a secret.
 */
@Service
public class ApiAuthenticators {

	/** An application's name for its user: letters, digits and {@code . _ - @ +}, at most 200. */
	static final Pattern USER = Pattern.compile("[A-Za-z0-9._@+\\-]{1,200}");

	private final ApplicationAuthenticators factors;

	private final AuditLog audit;

	ApiAuthenticators(ApplicationAuthenticators factors, AuditLog audit) {
		this.factors = factors;
		this.audit = audit;
	}

	/**
	 * Creates a factor waiting for its first code, replacing an unconfirmed one.
	 * @param label what the app shows under the issuer; the user's name when {@code null}
	 * @throws VerifyRefusal with {@code CONFLICT} when the user has a confirmed factor (delete it first)
	 */
	public TotpEnrolment create(ApiCaller caller, String user, @Nullable String label) {
		Verifications.requireScope(caller, ApiScope.TOTP);
		checkUser(user);
		String shown = (label == null || label.isBlank()) ? user : label.strip();
		if (shown.length() > 100 || shown.chars().anyMatch(Character::isISOControl)) {
			throw VerifyRefusal.invalid("label", "label must be at most 100 printable characters");
		}
		TotpEnrolment enrolment = this.factors.create(caller.applicationId(), user, shown)
			.orElseThrow(() -> new VerifyRefusal(VerifyRefusal.Reason.CONFLICT,
					"This user has a confirmed authenticator app; delete it first"));
		this.audit.record(VerifyEvent.API_TOTP_CREATED, AuditOutcome.SUCCESS, null, caller.auditName(),
				"authenticator app of user " + user);
		return enrolment;
	}

	/** Confirms a waiting factor with its first code; true when the code was right. */
	public boolean confirm(ApiCaller caller, String user, @Nullable String code) {
		Verifications.requireScope(caller, ApiScope.TOTP);
		checkUser(user);
		checkCode(code);
		Confirmation confirmation = this.factors.confirm(caller.applicationId(), user, code);
		if (confirmation == Confirmation.NOT_FOUND) {
			throw notFound();
		}
		if (confirmation == Confirmation.ALREADY_CONFIRMED) {
			throw new VerifyRefusal(VerifyRefusal.Reason.CONFLICT, "This authenticator app is confirmed already");
		}
		boolean confirmed = confirmation == Confirmation.CONFIRMED;
		this.audit.record(VerifyEvent.API_TOTP_CONFIRMED, confirmed ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE,
				null, caller.auditName(), "authenticator app of user " + user);
		return confirmed;
	}

	/** Checks a code of a confirmed factor: accepted once per time step. */
	public TotpCheck check(ApiCaller caller, String user, @Nullable String code) {
		Verifications.requireScope(caller, ApiScope.TOTP);
		checkUser(user);
		checkCode(code);
		TotpCheck check = this.factors.check(caller.applicationId(), user, code);
		if (check == TotpCheck.NOT_ENROLLED) {
			throw notFound();
		}
		this.audit.record(VerifyEvent.API_TOTP_CHECKED,
				(check == TotpCheck.ACCEPTED) ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, null, caller.auditName(),
				"authenticator app of user " + user + ": " + check);
		return check;
	}

	/** Deletes the user's factor. */
	public void delete(ApiCaller caller, String user) {
		Verifications.requireScope(caller, ApiScope.TOTP);
		checkUser(user);
		if (!this.factors.delete(caller.applicationId(), user)) {
			throw notFound();
		}
		this.audit.record(VerifyEvent.API_TOTP_DELETED, AuditOutcome.SUCCESS, null, caller.auditName(),
				"authenticator app of user " + user);
	}

	private static void checkUser(@Nullable String user) {
		if (user == null || !USER.matcher(user).matches()) {
			throw VerifyRefusal.invalid("user", "user must be 1 to 200 letters, digits or . _ - @ +");
		}
	}

	private static void checkCode(@Nullable String code) {
		if (code == null || !Verifications.CODE.matcher(code).matches()) {
			throw VerifyRefusal.invalid("code", "code must be six digits");
		}
	}

	private static VerifyRefusal notFound() {
		return new VerifyRefusal(VerifyRefusal.Reason.NOT_FOUND, "No authenticator app for this user");
	}

}
