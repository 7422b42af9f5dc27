package org.latchkey.sms;

import org.jspecify.annotations.Nullable;

/**
 * The SMS settings an administrator submits, as typed. A secret left blank keeps the stored one; the fields of
 * the provider not chosen are ignored and its stored values (secrets included) kept; {@code NONE} clears them all.
 *
 * @param provider {@code NONE}, {@code TWILIO}, {@code HTTP} or {@code TWILIO_VERIFY}
 * @param authToken Twilio's auth token, or blank to keep the stored one
 * @param headers the generic provider's headers, {@code Name: value} one per line, or blank to keep the stored
 * ones
 * @param clearHeaders whether to drop the stored headers (when {@code headers} is blank)
 * @param hourlyCap the most SMS the server sends in an hour
 * @param allowedCountryCodes country calling codes separated by commas or spaces; blank for all
 * @param verifyServiceSid Twilio Verify's service SID ({@code VA…}), for {@code TWILIO_VERIFY}
 */
public record SmsProviderChange(@Nullable String provider, @Nullable String accountSid, @Nullable String authToken,
		@Nullable String sender, @Nullable String url, @Nullable String method, @Nullable String headers,
		boolean clearHeaders, @Nullable String bodyTemplate, @Nullable String bodyFormat, @Nullable String hourlyCap,
		@Nullable String allowedCountryCodes, @Nullable String verifyServiceSid) {

	/** The settings of a provider other than Twilio Verify, which has no service SID. */
	public SmsProviderChange(@Nullable String provider, @Nullable String accountSid, @Nullable String authToken,
			@Nullable String sender, @Nullable String url, @Nullable String method, @Nullable String headers,
			boolean clearHeaders, @Nullable String bodyTemplate, @Nullable String bodyFormat,
			@Nullable String hourlyCap, @Nullable String allowedCountryCodes) {
		this(provider, accountSid, authToken, sender, url, method, headers, clearHeaders, bodyTemplate, bodyFormat,
				hourlyCap, allowedCountryCodes, null);
	}

	/** Keeps the secrets out of logs and exception messages. */
	@Override
	public String toString() {
		return "SmsProviderChange[" + this.provider + ", secrets not shown]";
	}

}
