package org.latchkey.sso;

/** What Latchkey asks of a second factor after a provider vouched for someone. */
public enum SecondFactorAfterSso {

	/** Nothing: the provider is trusted to have asked its own (the default). */
	TRUST_PROVIDER,

	/** The provider's ID token must show one: {@code amr} has {@code mfa}, or the {@code acr} is listed. */
	PROVIDER_MFA,

	/** Latchkey's own second factor, as after a password. */
	LATCHKEY_SECOND_FACTOR

}
