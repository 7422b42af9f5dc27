package org.latchkey.web;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.latchkey.policy.SecondFactorKind;

/** The short names second factors go by in URLs and forms ({@code app}, {@code sms}, {@code email}). */
final class MethodNames {

	private MethodNames() {
	}

	static String of(SecondFactorKind method) {
		return switch (method) {
			case AUTHENTICATOR_APP -> "app";
			case SMS_CODE -> "sms";
			case EMAIL_CODE -> "email";
			case PASSKEY -> "passkey";
		};
	}

	/** Every method's short name by the method's name, for pages that post one. */
	static Map<String, String> all() {
		Map<String, String> names = new HashMap<>();
		for (SecondFactorKind method : SecondFactorKind.values()) {
			names.put(method.name(), of(method));
		}
		return names;
	}

	/** The method a name stands for; empty for anything else, which a page then treats as no choice. */
	static Optional<SecondFactorKind> parse(String name) {
		if (name == null) {
			return Optional.empty();
		}
		return switch (name.toLowerCase(Locale.ROOT)) {
			case "app" -> Optional.of(SecondFactorKind.AUTHENTICATOR_APP);
			case "sms" -> Optional.of(SecondFactorKind.SMS_CODE);
			case "email" -> Optional.of(SecondFactorKind.EMAIL_CODE);
			case "passkey" -> Optional.of(SecondFactorKind.PASSKEY);
			default -> Optional.empty();
		};
	}

}
