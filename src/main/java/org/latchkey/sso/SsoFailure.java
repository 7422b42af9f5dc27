package org.latchkey.sso;

/**
 * Why a sign-in through a provider was refused; each has its page text ({@code sso.failure.<name>}) and is
 * audited.
 */
public enum SsoFailure {

	/** The callback's {@code state} is not the one this browser was sent with, or was spent already, or expired. */
	STATE_INVALID,

	/** The provider is disabled or was removed meanwhile. */
	PROVIDER_DISABLED,

	/** The provider did not answer in time, or could not be reached. */
	PROVIDER_UNAVAILABLE,

	/** The provider answered with an error, or with something that is not a token response. */
	PROVIDER_ERROR,

	/** The ID token's signature is not one of the provider's keys. */
	BAD_SIGNATURE,

	/** The ID token was not issued to Latchkey. */
	WRONG_AUDIENCE,

	/** The ID token is not from the provider's issuer, is expired, or does not carry this sign-in's nonce. */
	INVALID_TOKEN,

	/** Linking by email, and the provider did not say the email is verified. */
	EMAIL_NOT_VERIFIED,

	/** No account is linked to the person, and the provider's policy links or creates none. */
	UNKNOWN_PERSON,

	/** The Latchkey account is disabled. */
	ACCOUNT_DISABLED,

	/** The provider's ID token shows no second factor, and its policy requires one. */
	SECOND_FACTOR_MISSING

}
