package org.latchkey.account;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.latchkey.account.internal.AccountSettings;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The password rules of NIST SP 800-63B-4: length in code points after NFKC, no composition rules, and the
 * whole password refused when it is common or belongs to the person or the product, each with its reason.
 */
class PasswordRulesTests {

	private static final PasswordContext GRACE = new PasswordContext("grace.hopper.navy",
			List.of("grace.hopper.1906@example.com"));

	private final PasswordRules rules = new PasswordRules(settings(Map.of()));

	@Test
	void defaultMinimumIsFifteenCodePoints() {
		assertThat(this.rules.minLength()).isEqualTo(15);
	}

	@Test
	void fourteenCodePointsAreRefusedAndFifteenAccepted() {
		assertRefused("tangerine wave", "account.password.too-short");
		assertAccepted("tangerine waves");
	}

	@Test
	void configuredMinimumBelowEightIsRefusedAtStart() {
		assertThatThrownBy(() -> settings(Map.of("latchkey.account.password-min-length", "7")))
			.isInstanceOf(BindException.class)
			.rootCause()
			.hasMessageContaining("latchkey.account.password-min-length is 7")
			.hasMessageContaining("between 8");
		assertThat(settings(Map.of("latchkey.account.password-min-length", "8")).passwordMinLength()).isEqualTo(8);
	}

	@Test
	void sevenCodePointsAreRefusedAndEightAcceptedWhereTheMinimumIsEight() {
		PasswordRules eight = new PasswordRules(settings(Map.of("latchkey.account.password-min-length", "8")));

		assertThat(eight.minLength()).isEqualTo(8);
		assertThatThrownBy(() -> eight.check("tq7#vmz", GRACE)).isInstanceOf(InvalidAccountException.class)
			.hasMessage("account.password.too-short");
		assertThatCode(() -> eight.check("tq7#vmz2", GRACE)).doesNotThrowAnyException();
	}

	@Test
	void aMissingPasswordIsRefusedAsRequired() {
		assertRefused(null, "account.field.required");
	}

	@Test
	void controlCharactersAreRefusedWhereverTheyStand() {
		assertRefused("tangerine\twaves roll", "account.password.control");
		assertRefused("tangerine waves roll\n", "account.password.control");
		assertRefused("\u0000tangerine waves roll", "account.password.control");
		assertRefused("tangerine waves\u007f roll", "account.password.control");
	}

	@Test
	void longPassphrasesAreAcceptedUpToAThousandCodePoints() {
		String passphrase = "tangerine waves roll over the quiet harbour while seven gulls argue about a biscuit near "
				+ "a wet jetty";
		assertThat(passphrase).hasSize(100);

		assertAccepted(passphrase);
		assertAccepted(passphrase.substring(0, 64));
		assertAccepted((passphrase + " ").repeat(10).substring(0, PasswordRules.MAX_LENGTH));
		assertRefused("z".repeat(PasswordRules.MAX_LENGTH + 1), "account.password.too-long");
	}

	@Test
	void composedAndDecomposedFormsOfAPasswordCountTheSameLength() {
		String fourteen = "crème brûlée x";
		String fifteen = "crème brûlée xy";
		String decomposed = Normalizer.normalize(fourteen, Normalizer.Form.NFD);
		assertThat(decomposed.codePointCount(0, decomposed.length())).isEqualTo(17);

		assertRefused(Normalizer.normalize(fourteen, Normalizer.Form.NFC), "account.password.too-short");
		assertRefused(decomposed, "account.password.too-short");
		assertAccepted(Normalizer.normalize(fifteen, Normalizer.Form.NFC));
		assertAccepted(Normalizer.normalize(fifteen, Normalizer.Form.NFD));
	}

	@Test
	void emojiAndIdeographsCountOneCharacterEachEvenOutsideTheBasicPlane() {
		// U+1F511 and U+2000B take two UTF-16 units each: counting units would accept 14 of them.
		assertRefused("\uD83D\uDD11".repeat(14), "account.password.too-short");
		assertAccepted("\uD83D\uDD11".repeat(15));
		assertRefused("鍵\uD840\uDC0B".repeat(7), "account.password.too-short");
		assertAccepted("鍵\uD840\uDC0B".repeat(7) + "鍵");
	}

	@Test
	void commonPasswordIsRefusedWhateverItsCaseOrWidth() {
		assertRefused("qwertyuiop12345", "account.password.common");
		assertRefused("QwertyUIOP12345", "account.password.common");
		assertRefused("  qwertyuiop12345 ", "account.password.common");
		// NFKC turns full-width letters and digits into ASCII, so this is the same password.
		assertRefused("ｑｗｅｒｔｙｕｉｏｐ１２３４５", "account.password.common");
	}

	@Test
	void commonPasswordsOfEightCharactersAreRefusedWhenTheMinimumIsEight() {
		PasswordRules eight = new PasswordRules(settings(Map.of("latchkey.account.password-min-length", "8")));

		for (String common : List.of("password", "iloveyou", "12345678")) {
			assertThatThrownBy(() -> eight.check(common, GRACE)).isInstanceOf(InvalidAccountException.class)
				.hasMessage("account.password.common");
		}
	}

	@Test
	void onlyTheWholePasswordIsComparedWithTheCommonList() {
		assertAccepted("qwertyuiop12345 was my old password");
	}

	@Test
	void loginIsRefusedInAnyCaseAndWithSpacesAround() {
		assertRefused("grace.hopper.navy", "account.password.is-login");
		assertRefused("  Grace.Hopper.NAVY ", "account.password.is-login");
	}

	@Test
	void emailAndItsLocalPartAreRefusedForEveryEmailOfTheAccount() {
		PasswordContext twoEmails = new PasswordContext("grace",
				List.of("g@example.com", "grace.personal.mail@example.org"));

		assertRefused("grace.hopper.1906@example.com", "account.password.is-email");
		assertRefused("GRACE.HOPPER.1906", "account.password.is-email");
		assertThatThrownBy(() -> this.rules.check(" Grace.Personal.Mail ", twoEmails))
			.isInstanceOf(InvalidAccountException.class)
			.hasMessage("account.password.is-email");
	}

	@Test
	void productNameIsRefusedInAnyCaseAndWithSpacesAround() {
		PasswordRules eight = new PasswordRules(settings(Map.of("latchkey.account.password-min-length", "8")));

		assertRefused("   LATCHKEY    ", "account.password.is-product");
		// NFKC turns a no-break space into a space before the ends are stripped.
		assertThatThrownBy(() -> eight.check("\u00a0Latchkey\u00a0", GRACE)).isInstanceOf(InvalidAccountException.class)
			.hasMessage("account.password.is-product");
	}

	@Test
	void refusalNamesThePasswordField() {
		assertThatThrownBy(() -> this.rules.check("", GRACE)).isInstanceOf(InvalidAccountException.class)
			.hasMessage("account.field.required")
			.extracting(ex -> ((InvalidAccountException) ex).field())
			.isEqualTo("password");
	}

	@Test
	void noCompositionRuleIsImposed() {
		assertAccepted("all lowercase words without any digits");
		assertAccepted("   leading and trailing spaces   ");
		assertAccepted("7302 9915 4486 21");
	}

	@Test
	void repeatedOrSequentialCharactersAreRefusedAsGuessable() {
		assertRefused("aaaaaaaaaaaaaaa", "account.password.guessable");
		assertRefused("               ", "account.password.guessable");
		assertRefused("abcdefghijklmnop", "account.password.guessable");
	}

	@Test
	void repetitionIsNotEstimatedBeyondAHundredCodePoints() {
		assertRefused("ab".repeat(50), "account.password.guessable");
		assertAccepted("ab".repeat(50) + "a");
	}

	@Test
	void guidanceGivesALowScoreAndHintsForAWeakPassword() {
		PasswordGuidance weak = this.rules.guidance("qwertyuiop12345", GRACE, Locale.ENGLISH);
		PasswordGuidance strong = this.rules.guidance("tangerine waves over quiet harbours", GRACE, Locale.ENGLISH);

		assertThat(weak.score()).isLessThanOrEqualTo(1);
		assertThat(weak.hints()).contains("This is similar to a commonly used password.",
				"Add another word or two. Uncommon words are better.");
		assertThat(strong.score()).isEqualTo(4);
		assertThat(strong.hints()).isEmpty();
	}

	@Test
	void guidanceCountsTheLoginAndEmailsAsGuessableWords() {
		PasswordContext stranger = new PasswordContext("someone.else", List.of("someone@example.org"));

		assertThat(this.rules.guidance("grace.hopper.navy1", stranger, Locale.ENGLISH).score()).isEqualTo(4);
		assertThat(this.rules.guidance("grace.hopper.navy1", GRACE, Locale.ENGLISH).score()).isLessThanOrEqualTo(1);
		assertThat(this.rules.guidance("Grace.Hopper.1906!", GRACE, Locale.ENGLISH).score()).isLessThanOrEqualTo(2);
	}

	@Test
	void guidanceIsInFrenchForFrenchAndInEnglishForOtherLanguages() {
		assertThat(this.rules.guidance("qwertyuiop12345", GRACE, Locale.FRANCE).hints())
			.contains("Ajoutez un ou deux autres mots. Les mots inhabituels sont meilleurs.");
		assertThat(this.rules.guidance("qwertyuiop12345", GRACE, Locale.GERMAN).hints())
			.contains("Add another word or two. Uncommon words are better.");
	}

	@Test
	void guidanceTrustsLengthAloneBeyondAHundredCodePoints() {
		assertThat(this.rules.guidance("ab".repeat(51), GRACE, Locale.ENGLISH))
			.isEqualTo(new PasswordGuidance(4, List.of()));
		assertThat(this.rules.guidance("ab".repeat(50), GRACE, Locale.ENGLISH).score()).isLessThan(4);
	}

	private void assertAccepted(String password) {
		assertThatCode(() -> this.rules.check(password, GRACE)).doesNotThrowAnyException();
	}

	private void assertRefused(String password, String messageKey) {
		assertThatThrownBy(() -> this.rules.check(password, GRACE)).isInstanceOf(InvalidAccountException.class)
			.hasMessage(messageKey);
	}

	private static AccountSettings settings(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("latchkey.account",
				AccountSettings.class);
	}

}
