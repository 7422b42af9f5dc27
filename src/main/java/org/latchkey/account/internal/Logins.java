package org.latchkey.account.internal;

import java.text.Normalizer;
import java.util.Locale;

/** How a login is compared: NFKC-normalised and lower-cased, so that "Alice" and "alice" are one account. */
public final class Logins {

	private Logins() {
	}

	public static String key(String login) {
		return Normalizer.normalize(login.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
	}

}
