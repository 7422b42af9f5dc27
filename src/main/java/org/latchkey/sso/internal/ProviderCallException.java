package org.latchkey.sso.internal;

import org.latchkey.sso.SsoFailure;

/** A sign-in step through a provider that failed, with the reason the person is shown. */
public class ProviderCallException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final SsoFailure reason;

	public ProviderCallException(SsoFailure reason, String detail) {
		super(detail);
		this.reason = reason;
	}

	public ProviderCallException(SsoFailure reason, String detail, Throwable cause) {
		super(detail, cause);
		this.reason = reason;
	}

	public SsoFailure reason() {
		return this.reason;
	}

}
