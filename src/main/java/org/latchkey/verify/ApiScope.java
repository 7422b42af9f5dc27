package org.latchkey.verify;

/** What an API key may do: send and check codes, or manage and check its users' authenticator apps. */
public enum ApiScope {
	VERIFICATIONS, TOTP
}
