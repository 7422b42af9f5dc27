package org.latchkey.signin;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.latchkey.account.InvalidAccountException;

/**
 * One-time codes as people enter them, whichever step asks: pasted with spaces or typed with a separator. A
 * code of the wrong shape is a typing mistake, never a wrong try: every step refuses it the same way, before
 * any code is checked or counted.
 */
public final class TypedCodes {

	private static final Pattern WELL_FORMED = Pattern.compile("[0-9]{6}");

	private TypedCodes() {
	}

	/**
	 * The six digits of a typed code.
	 * @throws InvalidAccountException on the field {@code code} when it is not six digits once normalised
	 */
	public static String digits(@Nullable String code) {
		String digits = normalise(code);
		if (digits == null || !WELL_FORMED.matcher(digits).matches()) {
			throw new InvalidAccountException("code", "verify.code.malformed");
		}
		return digits;
	}

	/** The code with its spaces and hyphens removed: only the digits count. */
	public static @Nullable String normalise(@Nullable String code) {
		return (code == null) ? null : code.replaceAll("[\\s-]", "");
	}

}
