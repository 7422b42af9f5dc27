package org.latchkey.verify;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A request of the Verify API that cannot be served, and why: the HTTP adapter turns each reason into a problem
 * (RFC 9457) with its status. The message never holds a code, a key or a destination.
 *
 * @see Reason
 */
public class VerifyRefusal extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** Why a request is refused. */
	public enum Reason {
		/** A field is missing or malformed ({@link #field()} names it). */
		INVALID_FIELD,
		/** The key may not do this (its scopes). */
		SCOPE,
		/** No such verification or factor for this application. */
		NOT_FOUND,
		/** The verification or factor is not in a state that allows this. */
		CONFLICT,
		/** Too many codes to this destination or for this key; {@link #retryAt()} says until when. */
		TOO_MANY_SENDS,
		/** No SMS provider, or the number's country is not allowed. */
		SMS_UNAVAILABLE,
		/** The SMS provider cannot answer now. */
		PROVIDER_FAILED
	}

	private final Reason reason;

	private final @Nullable String field;

	private final @Nullable Instant retryAt;

	VerifyRefusal(Reason reason, String message) {
		this(reason, message, null, null);
	}

	VerifyRefusal(Reason reason, String message, @Nullable String field, @Nullable Instant retryAt) {
		super(message);
		this.reason = reason;
		this.field = field;
		this.retryAt = retryAt;
	}

	static VerifyRefusal invalid(String field, String message) {
		return new VerifyRefusal(Reason.INVALID_FIELD, message, field, null);
	}

	public Reason reason() {
		return this.reason;
	}

	public @Nullable String field() {
		return this.field;
	}

	public @Nullable Instant retryAt() {
		return this.retryAt;
	}

}
