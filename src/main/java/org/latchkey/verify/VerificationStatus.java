package org.latchkey.verify;

import java.util.Locale;

/** Where a verification stands, as the API names it ({@link #value()}). */
public enum VerificationStatus {
	PENDING, APPROVED, DENIED, CANCELED, EXPIRED;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}
}
