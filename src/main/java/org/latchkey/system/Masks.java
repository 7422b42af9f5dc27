package org.latchkey.system;

/**
 * Masks personal data before it reaches a log line or a page that only needs to hint at it:
 * {@code alice@example.com} becomes {@code a***@example.com}, {@code +33612345689} becomes {@code +33*******89}.
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
	 * Masks a phone number: {@code +33612345689} becomes {@code +33*******89}, the country code and the last
	 * two digits kept, so a log line or a page hints at the number without giving it away.
	 */
	public static String phone(String number) {
		if (number == null) {
			return null;
		}
		if (number.length() < 6) {
			return "***";
		}
		return number.substring(0, 3) + "*".repeat(number.length() - 5) + number.substring(number.length() - 2);
	}

	/**
	 * What a person typed to name an account, a login or an email address: an address is masked as
	 * {@link #email} masks it, since it may belong to nobody; a login is kept.
	 */
	public static String loginOrEmail(String text) {
		return (text != null && text.contains("@")) ? email(text) : text;
	}

}
