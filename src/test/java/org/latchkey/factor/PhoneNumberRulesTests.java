package org.latchkey.factor;

import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.latchkey.account.InvalidAccountException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Phone numbers as people type them, read in E.164: valid for their country, at most 40 characters typed, and of
 * an allowed country calling code when the administrator set a list.
 */
class PhoneNumberRulesTests {

	private static final Set<Integer> EVERY_COUNTRY = Set.of();

	private static final String FRENCH_MOBILE = "+33612345678";

	@Test
	void anInternationalNumberIsReadWithSpacesDotsOrDashesInAnyRegion() {
		assertThat(PhoneNumberRules.e164("+33 6 12 34 56 78", Locale.US, EVERY_COUNTRY)).isEqualTo(FRENCH_MOBILE);
		assertThat(PhoneNumberRules.e164("+33.6.12.34.56.78", Locale.ROOT, EVERY_COUNTRY)).isEqualTo(FRENCH_MOBILE);
		assertThat(PhoneNumberRules.e164("  +33-6-12-34-56-78 ", Locale.FRANCE, EVERY_COUNTRY))
			.isEqualTo(FRENCH_MOBILE);
	}

	@Test
	void aNationalNumberIsReadInTheBrowsersCountry() {
		assertThat(PhoneNumberRules.e164("06 12 34 56 78", Locale.FRANCE, EVERY_COUNTRY)).isEqualTo(FRENCH_MOBILE);
		assertThat(PhoneNumberRules.e164("(201) 555-0123", Locale.US, EVERY_COUNTRY)).isEqualTo("+12015550123");
	}

	@Test
	void aNationalNumberIsRefusedWhenTheBrowserNamesNoCountry() {
		assertRefused("06 12 34 56 78", Locale.ENGLISH, EVERY_COUNTRY, "phone.invalid");
	}

	@Test
	void missingBlankOrMalformedNumbersAreRefused() {
		assertRefused(null, Locale.FRANCE, EVERY_COUNTRY, "phone.invalid");
		assertRefused("", Locale.FRANCE, EVERY_COUNTRY, "phone.invalid");
		assertRefused("   ", Locale.FRANCE, EVERY_COUNTRY, "phone.invalid");
		assertRefused("call me", Locale.FRANCE, EVERY_COUNTRY, "phone.invalid");
		assertRefused("+", Locale.FRANCE, EVERY_COUNTRY, "phone.invalid");
	}

	@Test
	void aNumberTooShortOrTooLongForItsCountryIsRefused() {
		assertRefused("+33 6 12 34 56 7", Locale.FRANCE, EVERY_COUNTRY, "phone.invalid");
		assertRefused("+33 6 12 34 56 78 9", Locale.FRANCE, EVERY_COUNTRY, "phone.invalid");
		assertRefused("+33 1", Locale.FRANCE, EVERY_COUNTRY, "phone.invalid");
	}

	@Test
	void fortyTypedCharactersAreReadAndFortyOneAreNot() {
		String number = "+33 6 12 34 56 78";
		String forty = number + " ".repeat(40 - number.length());

		assertThat(PhoneNumberRules.e164(forty, Locale.FRANCE, EVERY_COUNTRY)).isEqualTo(FRENCH_MOBILE);
		assertRefused(forty + " ", Locale.FRANCE, EVERY_COUNTRY, "phone.invalid");
	}

	@Test
	void aNumberOfACountryNotAllowedIsRefusedWithItsOwnReason() {
		Set<Integer> franceOnly = Set.of(33);

		assertThat(PhoneNumberRules.e164("+33 6 12 34 56 78", Locale.FRANCE, franceOnly)).isEqualTo(FRENCH_MOBILE);
		assertRefused("+44 7400 123456", Locale.FRANCE, franceOnly, "phone.country-not-allowed");
		assertRefused("(201) 555-0123", Locale.US, franceOnly, "phone.country-not-allowed");
	}

	@Test
	void anEmptyListOfCountriesAllowsEveryCountry() {
		assertThat(PhoneNumberRules.e164("+44 7400 123456", Locale.FRANCE, EVERY_COUNTRY)).isEqualTo("+447400123456");
	}

	@Test
	void anInvalidNumberIsRefusedAsInvalidEvenFromACountryNotAllowed() {
		assertRefused("+44 1", Locale.FRANCE, Set.of(33), "phone.invalid");
	}

	@Test
	void refusalNamesThePhoneField() {
		assertThatThrownBy(() -> PhoneNumberRules.e164("nope", Locale.FRANCE, EVERY_COUNTRY))
			.isInstanceOf(InvalidAccountException.class)
			.extracting(ex -> ((InvalidAccountException) ex).field())
			.isEqualTo("phone");
	}

	private static void assertRefused(String typed, Locale region, Set<Integer> allowed, String messageKey) {
		assertThatThrownBy(() -> PhoneNumberRules.e164(typed, region, allowed))
			.as("%s read in %s", typed, region)
			.isInstanceOf(InvalidAccountException.class)
			.hasMessage(messageKey);
	}

}
