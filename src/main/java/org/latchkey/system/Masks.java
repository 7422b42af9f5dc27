package org.latchkey.system;

/**
 * Masks personal data before it reaches a log line or a page that only needs to hint at it:
 * {@code alice@example.com} becomes {@code a***@example.com}.
 */
public final class Masks {

	private Masks() {
	}

	public static String email(String address) {
		if (address == null) {
			return null;
		}
		int at = address.lastIndexOf('@');
		if (at <= 0) {
			return "***";
		}
		return address.substring(0, address.offsetByCodePoints(0, 1)) + "***" + address.substring(at);
	}

	/**
	 * What a person typed to name an account, a login or an email address: an address is masked as
	 * {@link #email} masks it, since it may belong to nobody; a login is kept.
	 */
	public static String loginOrEmail(String text) {
		return (text != null && text.contains("@")) ? email(text) : text;
	}

}
