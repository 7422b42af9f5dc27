package org.latchkey.factor;

import java.util.Locale;
import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import org.latchkey.account.InvalidAccountException;

/**
 * Reads a phone number as a person types it ("+33 6 12 34 56 78", "06 12 34 56 78" from France) and writes it
 * in E.164 ({@code +33612345678}), the only form stored and sent to a provider. A number must be valid for its
 * country (libphonenumber's metadata), and its country calling code among those allowed when a list is set.
 */
public final class PhoneNumberRules {

	private static final int TYPED_MAX = 40;

	private PhoneNumberRules() {
	}

	/**
	 * @param region the country a number without "+" is read in (the browser's), or an empty string
	 * @param allowedCallingCodes the country calling codes numbers may have; empty allows every code
	 * @throws InvalidAccountException on the field {@code phone} when the number is malformed, not valid, or
	 * of a country not allowed
	 */
	public static String e164(String typed, Locale region, Set<Integer> allowedCallingCodes) {
		if (typed == null || typed.isBlank() || typed.length() > TYPED_MAX) {
			throw new InvalidAccountException("phone", "phone.invalid");
		}
		PhoneNumberUtil util = PhoneNumberUtil.getInstance();
		PhoneNumber number;
		try {
			number = util.parse(typed.strip(), region.getCountry().isEmpty() ? "ZZ" : region.getCountry());
		}
		catch (NumberParseException ex) {
			throw new InvalidAccountException("phone", "phone.invalid");
		}
		if (!util.isValidNumber(number)) {
			throw new InvalidAccountException("phone", "phone.invalid");
		}
		if (!allowedCallingCodes.isEmpty() && !allowedCallingCodes.contains(number.getCountryCode())) {
			throw new InvalidAccountException("phone", "phone.country-not-allowed");
		}
		return util.format(number, PhoneNumberFormat.E164);
	}

}
