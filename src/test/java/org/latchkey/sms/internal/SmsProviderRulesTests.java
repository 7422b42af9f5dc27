package org.latchkey.sms.internal;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.junit.jupiter.api.Test;
import org.latchkey.sms.InvalidSmsSettingsException;
import org.latchkey.sms.SmsBodyFormat;
import org.latchkey.sms.SmsProviderChange;
import org.latchkey.sms.SmsProviderKind;
import org.latchkey.secret.Ciphers;
import org.latchkey.secret.SecretCipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SMS settings an administrator may save: each field's limits, secrets sealed and kept when left blank, the
 * values of the provider not chosen kept, and every value dropped when no provider is chosen.
 */
class SmsProviderRulesTests {

	private static final String ACCOUNT_SID = "AC" + "0123456789abcdef".repeat(2);

	private static final String AUTH_TOKEN = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

	private static final String BODY = "{\"to\": \"{to}\", \"text\": \"{message}\"}";

	private static final Instant CAP_REACHED = Instant.parse("2026-11-20T10:00:00Z");

	private static final StoredSmsSettings NOTHING = new StoredSmsSettings(SmsProviderKind.NONE, null, null, null,
			null, null, null, null, null, 200, Set.of(), null);

	private static final StoredSmsSettings STORED_TWILIO = new StoredSmsSettings(SmsProviderKind.TWILIO, ACCOUNT_SID,
			"k1:sealed-token", "Latchkey", null, null, null, null, null, 50, Set.of(33), CAP_REACHED);

	private static final StoredSmsSettings STORED_HTTP = new StoredSmsSettings(SmsProviderKind.HTTP, null, null, null,
			"https://sms.example.com/send", "POST", "k1:sealed-headers", BODY, SmsBodyFormat.JSON, 200, Set.of(),
			CAP_REACHED);

	private final SecretCipher cipher = Ciphers.underANewMasterKey();

	private final SmsProviderRules rules = new SmsProviderRules(this.cipher);

	@Test
	void theProviderIsOneOfTheThreeKindsNamedInCapitals() {
		assertThat(this.rules.apply(none(" NONE ", "200", ""), NOTHING).provider()).isEqualTo(SmsProviderKind.NONE);
		for (String provider : new String[] { null, "", "twilio", "SMS", "NONE,HTTP" }) {
			assertRefused(none(provider, "200", ""), NOTHING, "provider", "sms.settings.provider.invalid");
		}
	}

	@Test
	void choosingNoProviderDropsEveryProviderValueButKeepsTheCapsAndWhenTheCapWasLastReached() {
		StoredSmsSettings saved = this.rules.apply(none("NONE", "10", "33"), STORED_TWILIO);

		assertThat(saved).isEqualTo(new StoredSmsSettings(SmsProviderKind.NONE, null, null, null, null, null, null,
				null, null, 10, Set.of(33), CAP_REACHED));
	}

	@Test
	void theHourlyCapIsAWholeNumberFromOneToOneHundredThousand() {
		assertThat(this.rules.apply(none("NONE", "1", ""), NOTHING).hourlyCap()).isEqualTo(1);
		assertThat(this.rules.apply(none("NONE", " 100000 ", ""), NOTHING).hourlyCap()).isEqualTo(100_000);
		for (String cap : new String[] { "0", "-1", "100001", "2.5", "ten", "", null, "99999999999" }) {
			assertRefused(none("NONE", cap, ""), NOTHING, "hourlyCap", "sms.settings.hourlyCap.invalid");
		}
	}

	@Test
	void countryCodesAreReadWithOrWithoutPlusSeparatedByCommasSemicolonsOrSpaces() {
		assertThat(this.rules.apply(none("NONE", "200", " +33, 44;1  49 "), NOTHING).allowedCountryCodes())
			.containsExactlyInAnyOrder(1, 33, 44, 49);
		assertThat(this.rules.apply(none("NONE", "200", "  "), NOTHING).allowedCountryCodes()).isEmpty();
		assertThat(this.rules.apply(none("NONE", "200", null), NOTHING).allowedCountryCodes()).isEmpty();
	}

	@Test
	void aCountryCodeNoCountryHasOrThatIsNoNumberIsRefused() {
		for (String codes : new String[] { "999", "0", "33, France", "+-33", "33-44", "3 3 0" }) {
			assertRefused(none("NONE", "200", codes), NOTHING, "allowedCountryCodes",
					"sms.settings.allowedCountryCodes.invalid");
		}
	}

	@Test
	void fiftyCountryCodesAreAcceptedAndFiftyOneAreNot() {
		Set<Integer> known = new TreeSet<>(PhoneNumberUtil.getInstance().getSupportedCallingCodes());
		String fifty = known.stream().limit(50).map(String::valueOf).collect(Collectors.joining(","));
		String fiftyOne = known.stream().limit(51).map(String::valueOf).collect(Collectors.joining(","));

		assertThat(this.rules.apply(none("NONE", "200", fifty), NOTHING).allowedCountryCodes()).hasSize(50);
		assertRefused(none("NONE", "200", fiftyOne), NOTHING, "allowedCountryCodes",
				"sms.settings.allowedCountryCodes.invalid");
	}

	@Test
	void twilioNeedsAnAccountSidOfThirtyTwoHexadecimalDigitsAfterAC() {
		assertRefused(twilio(" ", AUTH_TOKEN, "Latchkey"), NOTHING, "accountSid", "sms.settings.accountSid.required");
		assertRefused(twilio(null, AUTH_TOKEN, "Latchkey"), NOTHING, "accountSid", "sms.settings.accountSid.required");
		for (String sid : new String[] { ACCOUNT_SID.substring(1), ACCOUNT_SID + "0", "AC" + "g".repeat(32),
				"SK" + ACCOUNT_SID.substring(2) }) {
			assertRefused(twilio(sid, AUTH_TOKEN, "Latchkey"), NOTHING, "accountSid", "sms.settings.accountSid.invalid");
		}
		assertThat(this.rules.apply(twilio(" " + ACCOUNT_SID + " ", AUTH_TOKEN, "Latchkey"), NOTHING).accountSid())
			.isEqualTo(ACCOUNT_SID);
	}

	@Test
	void twilioSendsFromAnE164NumberOrAnAlphanumericIdOfElevenCharactersAtMost() {
		for (String sender : new String[] { "+33612345678", "+1201555012", "Latchkey", "Latchkey 12", "A" }) {
			assertThat(this.rules.apply(twilio(ACCOUNT_SID, AUTH_TOKEN, sender), NOTHING).sender()).isEqualTo(sender);
		}
		for (String sender : new String[] { "Latchkey 123", "+0612345678", "+12345", "+1234567890123456", " x y!",
				"Latch-key" }) {
			assertRefused(twilio(ACCOUNT_SID, AUTH_TOKEN, sender), NOTHING, "sender", "sms.settings.sender.invalid");
		}
		assertRefused(twilio(ACCOUNT_SID, AUTH_TOKEN, ""), NOTHING, "sender", "sms.settings.sender.required");
	}

	@Test
	void aNewTwilioAuthTokenIsStoredSealed() {
		StoredSmsSettings saved = this.rules.apply(twilio(ACCOUNT_SID, AUTH_TOKEN, "Latchkey"), NOTHING);

		assertThat(saved.sealedAuthToken()).doesNotContain(AUTH_TOKEN);
		assertThat(this.cipher.open(saved.sealedAuthToken())).isEqualTo(AUTH_TOKEN);
	}

	@Test
	void aTwilioAuthTokenLeftBlankKeepsTheStoredOne() {
		assertThat(this.rules.apply(twilio(ACCOUNT_SID, "", "Latchkey"), STORED_TWILIO).sealedAuthToken())
			.isEqualTo("k1:sealed-token");
		assertThat(this.rules.apply(twilio(ACCOUNT_SID, null, "Latchkey"), STORED_TWILIO).sealedAuthToken())
			.isEqualTo("k1:sealed-token");
	}

	@Test
	void aTwilioAuthTokenIsRequiredWhenNoneIsStoredForTwilio() {
		assertRefused(twilio(ACCOUNT_SID, " ", "Latchkey"), NOTHING, "authToken", "sms.settings.authToken.required");
		assertRefused(twilio(ACCOUNT_SID, "", "Latchkey"), STORED_HTTP, "authToken", "sms.settings.authToken.required");
	}

	@Test
	void aTwilioAuthTokenIsEightToFiveHundredVisibleCharacters() {
		assertThat(this.rules.apply(twilio(ACCOUNT_SID, "12345678", "Latchkey"), NOTHING).sealedAuthToken()).isNotNull();
		assertThat(this.rules.apply(twilio(ACCOUNT_SID, "x".repeat(500), "Latchkey"), NOTHING).sealedAuthToken())
			.isNotNull();
		for (String token : new String[] { "1234567", "x".repeat(501), "with space inside", "tab\there!" }) {
			assertRefused(twilio(ACCOUNT_SID, token, "Latchkey"), NOTHING, "authToken", "sms.settings.authToken.invalid");
		}
	}

	@Test
	void choosingTwilioKeepsTheHttpProvidersValuesAndItsHeaders() {
		StoredSmsSettings saved = this.rules.apply(twilio(ACCOUNT_SID, AUTH_TOKEN, "Latchkey"), STORED_HTTP);

		assertThat(saved.url()).isEqualTo(STORED_HTTP.url());
		assertThat(saved.method()).isEqualTo(STORED_HTTP.method());
		assertThat(saved.sealedHeaders()).isEqualTo(STORED_HTTP.sealedHeaders());
		assertThat(saved.bodyTemplate()).isEqualTo(STORED_HTTP.bodyTemplate());
		assertThat(saved.bodyFormat()).isEqualTo(STORED_HTTP.bodyFormat());
		assertThat(saved.capReachedAt()).isEqualTo(CAP_REACHED);
	}

	@Test
	void theHttpProviderIsReachedOverHttpsOrPlainHttpOnThisMachineOnly() {
		for (String url : new String[] { "https://sms.example.com/send", "HTTPS://sms.example.com", "http://localhost:8080/sms",
				"http://127.0.0.1:9000/", "http://[::1]/sms" }) {
			assertThat(this.rules.apply(http(url, "POST", "", false, BODY, "JSON"), NOTHING).url()).isEqualTo(url);
		}
		for (String url : new String[] { "http://sms.example.com/send", "ftp://sms.example.com", "https:///send",
				"https://user:secret@sms.example.com/", "https://sms.example.com/send#part", "sms.example.com/send",
				"https://sms.example.com/ send", "https://sms.example.com/" + "x".repeat(1977) }) {
			assertRefused(http(url, "POST", "", false, BODY, "JSON"), NOTHING, "url", "sms.settings.url.invalid");
		}
		assertRefused(http("  ", "POST", "", false, BODY, "JSON"), NOTHING, "url", "sms.settings.url.required");
	}

	@Test
	void theHttpProviderUrlMayBeTwoThousandCharactersLong() {
		String url = "https://sms.example.com/" + "x".repeat(1976);
		assertThat(url).hasSize(2000);

		assertThat(this.rules.apply(http(url, "POST", "", false, BODY, "JSON"), NOTHING).url()).isEqualTo(url);
	}

	@Test
	void theHttpProviderIsCalledWithPostOrPutInAnyCase() {
		assertThat(this.rules.apply(http("https://sms.example.com", " put ", "", false, BODY, "JSON"), NOTHING).method())
			.isEqualTo("PUT");
		for (String method : new String[] { "GET", "DELETE", "", null }) {
			assertRefused(http("https://sms.example.com", method, "", false, BODY, "JSON"), NOTHING, "method",
					"sms.settings.method.invalid");
		}
	}

	@Test
	void theBodyTemplateCarriesTheNumberAndTheMessageWithinFourThousandCharacters() {
		String longest = BODY + " ".repeat(4000 - BODY.length() - 1) + "x";
		assertThat(this.rules.apply(http("https://sms.example.com", "POST", "", false, longest, "JSON"), NOTHING)
			.bodyTemplate()).hasSize(4000);
		for (String body : new String[] { "{\"to\": \"{to}\"}", "{\"text\": \"{message}\"}", longest + "x" }) {
			assertRefused(http("https://sms.example.com", "POST", "", false, body, "JSON"), NOTHING, "bodyTemplate",
					"sms.settings.bodyTemplate.invalid");
		}
		assertRefused(http("https://sms.example.com", "POST", "", false, " ", "JSON"), NOTHING, "bodyTemplate",
				"sms.settings.bodyTemplate.required");
	}

	@Test
	void theBodyIsSentAsJsonOrAsAForm() {
		assertThat(this.rules.apply(http("https://sms.example.com", "POST", "", false, BODY, "FORM"), NOTHING)
			.bodyFormat()).isEqualTo(SmsBodyFormat.FORM);
		for (String format : new String[] { "json", "XML", null }) {
			assertRefused(http("https://sms.example.com", "POST", "", false, BODY, format), NOTHING, "bodyFormat",
					"sms.settings.bodyFormat.invalid");
		}
	}

	@Test
	void newHeadersAreStoredSealedOnePerLine() {
		StoredSmsSettings saved = this.rules.apply(
				http("https://sms.example.com", "POST", "X-Api-Key: s3cr3t-key\n\nAccept: application/json", false, BODY,
						"JSON"),
				STORED_HTTP);

		assertThat(saved.sealedHeaders()).doesNotContain("s3cr3t-key");
		assertThat(this.cipher.open(saved.sealedHeaders())).isEqualTo("X-Api-Key: s3cr3t-key\nAccept: application/json\n");
	}

	@Test
	void headersLeftBlankKeepTheStoredOnesUnlessTheyAreCleared() {
		assertThat(this.rules.apply(http("https://sms.example.com", "POST", " ", false, BODY, "JSON"), STORED_HTTP)
			.sealedHeaders()).isEqualTo("k1:sealed-headers");
		assertThat(this.rules.apply(http("https://sms.example.com", "POST", "", true, BODY, "JSON"), STORED_HTTP)
			.sealedHeaders()).isNull();
		assertThat(this.rules.apply(http("https://sms.example.com", "POST", "", false, BODY, "JSON"), STORED_TWILIO)
			.sealedHeaders()).as("nothing stored for the HTTP provider").isNull();
	}

	@Test
	void aHeaderThatIsNotNameColonValueOrThatTheClientSetsItselfIsRefused() {
		for (String headers : new String[] { "X-Api-Key s3cr3t", "X Api: s3cr3t", "X-Api-Key:", "Host: evil.example.com",
				"content-length: 0", "X-Api-Key: a\u0001b", "X-A: 1\n".repeat(21) }) {
			assertRefused(http("https://sms.example.com", "POST", headers, false, BODY, "JSON"), NOTHING, "headers",
					"sms.settings.headers.invalid");
		}
	}

	@Test
	void choosingTheHttpProviderKeepsTwiliosValuesAndItsToken() {
		StoredSmsSettings saved = this.rules.apply(http("https://sms.example.com", "POST", "", false, BODY, "JSON"),
				STORED_TWILIO);

		assertThat(saved.accountSid()).isEqualTo(STORED_TWILIO.accountSid());
		assertThat(saved.sealedAuthToken()).isEqualTo(STORED_TWILIO.sealedAuthToken());
		assertThat(saved.sender()).isEqualTo(STORED_TWILIO.sender());
	}

	@Test
	void aSecretShowsItsLastFourCharactersOnlyWhenItHasTwelveOrMore() {
		assertThat(SmsProviderRules.hint("abcdefghijk")).isEqualTo("\u2022\u2022\u2022\u2022");
		assertThat(SmsProviderRules.hint("abcdefghijkl")).isEqualTo("\u2022\u2022\u2022\u2022ijkl");
	}

	@Test
	void countryCodesAreShownInOrderSeparatedByCommas() {
		assertThat(SmsProviderRules.countries(Set.of(44, 1, 33))).isEqualTo("1, 33, 44");
		assertThat(SmsProviderRules.countries(Set.of())).isEmpty();
	}

	private void assertRefused(SmsProviderChange change, StoredSmsSettings stored, String field, String messageKey) {
		assertThatThrownBy(() -> this.rules.apply(change, stored)).as(change.toString())
			.isInstanceOfSatisfying(InvalidSmsSettingsException.class, ex -> {
				assertThat(ex.field()).isEqualTo(field);
				assertThat(ex.messageKey()).isEqualTo(messageKey);
			});
	}

	private static SmsProviderChange none(String provider, String hourlyCap, String countries) {
		return new SmsProviderChange(provider, null, null, null, null, null, null, false, null, null, hourlyCap,
				countries);
	}

	private static SmsProviderChange twilio(String accountSid, String authToken, String sender) {
		return new SmsProviderChange("TWILIO", accountSid, authToken, sender, null, null, null, false, null, null,
				"200", "");
	}

	private static SmsProviderChange http(String url, String method, String headers, boolean clearHeaders,
			String body, String format) {
		return new SmsProviderChange("HTTP", null, null, null, url, method, headers, clearHeaders, body, format, "200",
				"");
	}

}
