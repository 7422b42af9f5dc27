package org.latchkey.sms;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.latchkey.outbox.OutboxStatus;

/**
 * The SMS settings as the console shows them: never a secret, only the last 4 characters of each (when it is
 * long enough for that to give nothing away).
 *
 * @param authTokenHint {@code ••••abcd} when an auth token is stored, else {@code null}
 * @param headerHints each stored header as {@code Name: ••••abcd}
 * @param allowedCountryCodes the allowed country calling codes, separated by commas; blank for all
 * @param sentLastHour how many SMS were queued during the last hour
 * @param capReachedAt when the hourly cap was reached, while it is (SMS are refused meanwhile)
 * @param lastError the last error of the most recent SMS that had one, as the provider gave it
 * @param verifyServiceSid Twilio Verify's service SID (not a secret), when one is stored
 */
public record SmsProviderView(SmsProviderKind provider, @Nullable String accountSid, @Nullable String authTokenHint,
		@Nullable String sender, @Nullable String url, String method, List<String> headerHints,
		@Nullable String bodyTemplate, SmsBodyFormat bodyFormat, int hourlyCap, String allowedCountryCodes,
		long sentLastHour, @Nullable Instant capReachedAt, @Nullable LastSmsError lastError,
		@Nullable String verifyServiceSid) {

	/** Whether the hourly cap is reached: SMS are refused until the count of the last hour falls. */
	public boolean capReached() {
		return this.capReachedAt != null;
	}

	/** The last error of an SMS, for the administrator only. */
	public record LastSmsError(long messageId, OutboxStatus status, String error) {
	}

}
