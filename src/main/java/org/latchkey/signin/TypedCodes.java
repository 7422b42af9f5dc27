package org.latchkey.signin;

import org.jspecify.annotations.Nullable;

/** One-time codes as people enter them, whichever step asks: pasted with spaces or typed with a separator. */
public final class TypedCodes {

	private TypedCodes() {
	}

	/** The code with its spaces and hyphens removed: only the digits count. */
	public static @Nullable String normalise(@Nullable String code) {
		return (code == null) ? null : code.replaceAll("[\\s-]", "");
	}

}
