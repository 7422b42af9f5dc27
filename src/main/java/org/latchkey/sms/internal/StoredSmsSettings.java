package org.latchkey.sms.internal;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.latchkey.sms.SmsBodyFormat;
import org.latchkey.sms.SmsProviderKind;

/**
 * The row of {@code sms_settings} as stored: the secrets still sealed, so this value may be passed around
 * without exposing them.
 *
 * @param sealedAuthToken the Twilio auth token, sealed
 * @param sealedHeaders the generic provider's headers ({@code Name: value} lines), sealed
 * @param allowedCountryCodes the country calling codes numbers may have; empty for all
 * @param capReachedAt when the hourly cap last refused an SMS
 * @param verifyServiceSid Twilio Verify's service SID, with Twilio's account SID and auth token
 */
public record StoredSmsSettings(SmsProviderKind provider, @Nullable String accountSid,
		@Nullable String sealedAuthToken, @Nullable String sender, @Nullable String url, @Nullable String method,
		@Nullable String sealedHeaders, @Nullable String bodyTemplate, @Nullable SmsBodyFormat bodyFormat,
		int hourlyCap, Set<Integer> allowedCountryCodes, @Nullable Instant capReachedAt,
		@Nullable String verifyServiceSid) {

	/** Settings without Twilio Verify's service SID. */
	public StoredSmsSettings(SmsProviderKind provider, @Nullable String accountSid, @Nullable String sealedAuthToken,
			@Nullable String sender, @Nullable String url, @Nullable String method, @Nullable String sealedHeaders,
			@Nullable String bodyTemplate, @Nullable SmsBodyFormat bodyFormat, int hourlyCap,
			Set<Integer> allowedCountryCodes, @Nullable Instant capReachedAt) {
		this(provider, accountSid, sealedAuthToken, sender, url, method, sealedHeaders, bodyTemplate, bodyFormat,
				hourlyCap, allowedCountryCodes, capReachedAt, null);
	}

	public StoredSmsSettings {
		allowedCountryCodes = Set.copyOf(allowedCountryCodes);
	}

}
