package org.latchkey.account;

import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.StandardDictionaries;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

import org.latchkey.account.internal.AccountSettings;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.Policy;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which passwords may be chosen, after NIST SP 800-63B-4 §3.1.1.2: length counted in code points after NFKC
 * normalisation, at least 15 by default, up to 1,000 so that long passphrases fit but a password cannot be a
 * denial of service; no composition rules. The whole password is refused when it is one of the 30,000 most
 * common passwords, or the login, an email address or its local part, or the product name, or when the
 * estimator finds it guessable in under a thousand tries (repetitions, sequences), each with its own reason.
 * Control characters are refused too. Strength guidance comes from the zxcvbn estimator.
 */
@Component
public class PasswordRules {

	public static final int MAX_LENGTH = 1000;

	/**
	 * The longest text that may still be an allowed password once normalised (two UTF-16 chars per code point,
	 * and NFKC may fold a longer sequence into one): anything longer is refused without being hashed.
	 */
	static final int MAX_INPUT_CHARS = 4 * MAX_LENGTH;

	// tabs, line breaks, NUL...: no one types them in a password field, and they hide in what was pasted
	private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

	/** NIST's floor, allowed only where a second factor is required; 15 is the floor for a password alone. */
	public static final int LOWEST_MIN_LENGTH = 8;

	/** The estimator's time grows steeply with length; a password longer than this is strong by length alone. */
	static final int MAX_ESTIMATED_LENGTH = 100;

	private static final String PRODUCT_NAME = "latchkey";

	private final IntSupplier minLength;

	/**
	 * The configured minimum, lowered to the organisation's own while 2FA is required (never raised: a longer
	 * configured minimum stands).
	 */
	@Autowired
	PasswordRules(AccountSettings settings, OrganisationPolicy policy) {
		this(() -> {
			Policy current = policy.current();
			return current.twoFactorRequired()
					? Math.min(settings.passwordMinLength(), current.passwordMinLengthWithTwoFactor())
					: settings.passwordMinLength();
		});
	}

	/** Rules with the configured minimum only, whatever the policy. */
	PasswordRules(AccountSettings settings) {
		this(settings::passwordMinLength);
	}

	private PasswordRules(IntSupplier minLength) {
		this.minLength = minLength;
	}

	/**
	 * Throws {@link InvalidAccountException} on the field {@code password}, with a message key that says why,
	 * when the password may not be used by the account described by {@code context}.
	 */
	public void check(String password, PasswordContext context) {
		if (password == null || password.isEmpty()) {
			throw new InvalidAccountException("password", "account.field.required");
		}
		String normalised = normalise(password);
		int length = normalised.codePointCount(0, normalised.length());
		if (length < minLength()) {
			throw new InvalidAccountException("password", "account.password.too-short");
		}
		if (length > MAX_LENGTH) {
			throw new InvalidAccountException("password", "account.password.too-long");
		}
		if (CONTROL.matcher(normalised).find()) {
			throw new InvalidAccountException("password", "account.password.control");
		}
		String whole = comparable(normalised);
		if (Dictionaries.COMMON_PASSWORDS.contains(whole)) {
			throw new InvalidAccountException("password", "account.password.common");
		}
		if (whole.equals(comparable(context.login()))) {
			throw new InvalidAccountException("password", "account.password.is-login");
		}
		for (String email : context.emails()) {
			if (whole.equals(comparable(email)) || whole.equals(comparable(localPart(email)))) {
				throw new InvalidAccountException("password", "account.password.is-email");
			}
		}
		if (whole.equals(PRODUCT_NAME)) {
			throw new InvalidAccountException("password", "account.password.is-product");
		}
		// repeated or sequential characters, keyboard walks: guessed in under a thousand tries (NIST rev 3)
		if (length <= MAX_ESTIMATED_LENGTH && Dictionaries.ESTIMATOR.measure(normalised, personalWords(context)).getScore() == 0) {
			throw new InvalidAccountException("password", "account.password.guessable");
		}
	}

	/** The shortest password accepted, in code points. */
	public int minLength() {
		return this.minLength.getAsInt();
	}

	/**
	 * How strong the password looks to an attacker who knows the person's login and emails, with hints in
	 * French when {@code locale} is French and in English otherwise (the languages of Latchkey's pages).
	 */
	public PasswordGuidance guidance(String password, PasswordContext context, Locale locale) {
		String normalised = normalise((password != null) ? password : "");
		if (normalised.codePointCount(0, normalised.length()) > MAX_ESTIMATED_LENGTH) {
			return new PasswordGuidance(4, List.of());
		}
		Strength strength = Dictionaries.ESTIMATOR.measure(normalised, personalWords(context));
		Feedback feedback = strength.getFeedback();
		Locale language = Locale.FRENCH.getLanguage().equals(locale.getLanguage()) ? Locale.FRENCH
				: Locale.ENGLISH;
		List<String> hints = new ArrayList<>();
		String warning = feedback.getWarning(language);
		if (warning != null && !warning.isBlank()) {
			hints.add(warning);
		}
		hints.addAll(feedback.getSuggestions(language));
		return new PasswordGuidance(strength.getScore(), hints);
	}

	private static List<String> personalWords(PasswordContext context) {
		List<String> words = new ArrayList<>();
		words.add(context.login().strip());
		for (String email : context.emails()) {
			words.add(email.strip());
			words.add(localPart(email).strip());
		}
		words.add(PRODUCT_NAME);
		return words;
	}

	private static String normalise(String password) {
		return Normalizer.normalize(password, Normalizer.Form.NFKC);
	}

	/**
	 * How whole values are compared: NFKC first, so that a no-break space becomes a space before the ends are
	 * stripped, then lower-cased.
	 */
	private static String comparable(String value) {
		return normalise(value).strip().toLowerCase(Locale.ROOT);
	}

	private static String localPart(String email) {
		int at = email.lastIndexOf('@');
		return (at >= 0) ? email.substring(0, at) : email;
	}

	/**
	 * zxcvbn's dictionaries (about 12 MB of heap, a tenth of a second to read): read-only and the same for every
	 * application context (a test run starts many), so loaded once per JVM, and only when a password is first
	 * chosen, since signing in never needs them.
	 */
	private static final class Dictionaries {

		static final Set<String> COMMON_PASSWORDS = loadCommonPasswords();

		static final Zxcvbn ESTIMATOR = new Zxcvbn();

		private static Set<String> loadCommonPasswords() {
			try {
				return StandardDictionaries.PASSWORDS_LOADER.load()
					.getFrequencies()
					.stream()
					.map(PasswordRules::comparable)
					.collect(Collectors.toUnmodifiableSet());
			}
			catch (IOException ex) {
				throw new IllegalStateException("The common-password list of zxcvbn could not be read", ex);
			}
		}

	}

}
