package org.latchkey.sms;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.jspecify.annotations.Nullable;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.outbox.InvalidRecipientException;
import org.latchkey.outbox.Outbox;
import org.latchkey.secret.SecretCipher;
import org.latchkey.sms.internal.ProviderHeader;
import org.latchkey.sms.internal.SmsAuditEvent;
import org.latchkey.sms.internal.SmsChannel;
import org.latchkey.sms.internal.SmsProviderRules;
import org.latchkey.sms.internal.SmsQuota;
import org.latchkey.sms.internal.SmsSettingsStore;
import org.latchkey.sms.internal.StoredSmsSettings;
import org.latchkey.system.Masks;
import org.latchkey.system.PublicUrl;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * System → Advanced Settings → 2FA, for the console: the SMS provider (none, Twilio, or a generic HTTP API),
 * the hourly cap and the allowed countries; what the page may show of them (never a secret); and a test SMS.
 * Every change is audited, without its secrets.
 */
@Service
public class SmsAdministration {

	static final String TEST_MESSAGE = "test-message";

	private final SmsSettingsStore store;

	private final SmsProviderRules rules;

	private final SecretCipher cipher;

	private final SmsQuota quota;

	private final Outbox outbox;

	private final SmsQueue queue;

	private final PublicUrl publicUrl;

	private final AuditLog audit;

	private final Clock clock;

	SmsAdministration(SmsSettingsStore store, SecretCipher cipher, SmsQuota quota, Outbox outbox, SmsQueue queue,
			PublicUrl publicUrl, AuditLog audit, Clock clock) {
		this.store = store;
		this.rules = new SmsProviderRules(cipher);
		this.cipher = cipher;
		this.quota = quota;
		this.outbox = outbox;
		this.queue = queue;
		this.publicUrl = publicUrl;
		this.audit = audit;
		this.clock = clock;
	}

	/** The SMS of the last hour against the cap, for the metrics: one count and the settings row, no secret opened. */
	public SmsHourlyUsage hourlyUsage() {
		return new SmsHourlyUsage(this.quota.countLastHour(), this.store.current().hourlyCap());
	}

	/** The settings as the page shows them: secrets only as their last 4 characters. */
	public SmsProviderView view() {
		StoredSmsSettings current = this.store.current();
		long lastHour = this.quota.countLastHour();
		Instant capReachedAt = (lastHour < current.hourlyCap()) ? null
				: Objects.requireNonNullElse(current.capReachedAt(), this.clock.instant());
		return new SmsProviderView(current.provider(), current.accountSid(),
				(current.sealedAuthToken() != null) ? SmsProviderRules.hint(this.cipher.open(current.sealedAuthToken()))
						: null,
				current.sender(), current.url(), Objects.requireNonNullElse(current.method(), "POST"),
				headers(current).stream()
					.map(header -> header.name() + ": " + SmsProviderRules.hint(header.value()))
					.toList(),
				current.bodyTemplate(), Objects.requireNonNullElse(current.bodyFormat(), SmsBodyFormat.JSON),
				current.hourlyCap(), SmsProviderRules.countries(current.allowedCountryCodes()),
				lastHour, capReachedAt,
				this.outbox.lastError(SmsChannel.NAME)
					.map(last -> new SmsProviderView.LastSmsError(last.messageId(), last.status(), last.error()))
					.orElse(null),
				current.verifyServiceSid());
	}

	/**
	 * Saves the settings; the row is locked meanwhile, so two administrators saving at once save one after the
	 * other.
	 * @throws InvalidSmsSettingsException naming the first field at fault; nothing is saved
	 */
	@Transactional
	public void change(SmsProviderChange change) {
		StoredSmsSettings before = this.store.lockCurrent();
		StoredSmsSettings after = this.rules.apply(change, before);
		List<String> changes = changes(before, after);
		if (changes.isEmpty()) {
			return;
		}
		this.store.save(after, this.clock.instant());
		this.audit.record(SmsAuditEvent.SMS_SETTINGS_CHANGED, AuditOutcome.SUCCESS, null, null, String.join("; ", changes));
		long lastHour = this.quota.countLastHour();
		if (after.provider() != SmsProviderKind.NONE && lastHour >= after.hourlyCap()) {
			this.quota.noteCapReached(lastHour, after.hourlyCap());
		}
	}

	/**
	 * Queues a test SMS to a number an administrator typed, in international form.
	 * @return the message's id in the outbox
	 * @throws InvalidRecipientException when the number is not a valid phone number
	 * @throws SmsUnavailableException when no provider is configured or the number's country is not allowed
	 * @throws SmsLimitReachedException when a cap is reached
	 */
	@Transactional
	public long sendTestSms(String number, Locale locale) {
		Sms sms = new Sms(null, e164(number), TEST_MESSAGE, locale,
				Map.of("url", this.publicUrl.to("/").toUriString()));
		long id = this.queue.enqueue(sms);
		this.audit.record(SmsAuditEvent.TEST_SMS_QUEUED, AuditOutcome.SUCCESS, null, null,
				"message " + id + " to " + Masks.phone(sms.to()));
		return id;
	}

	/** A number typed with its country code (+33 6 12 34 56 78), as E.164, when it is a valid number. */
	private static String e164(@Nullable String typed) {
		String text = (typed != null) ? typed.strip() : "";
		PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
		try {
			if (text.startsWith("+") && text.length() <= 30) {
				PhoneNumber number = phones.parse(text, null);
				if (phones.isValidNumber(number)) {
					return phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
				}
			}
		}
		catch (NumberParseException ex) {
			// refused below, as a number that parses but is not valid is
		}
		throw new InvalidRecipientException("delivery.phone.invalid");
	}

	private List<ProviderHeader> headers(StoredSmsSettings settings) {
		return (settings.sealedHeaders() != null) ? ProviderHeader.parse(this.cipher.open(settings.sealedHeaders()))
				: List.of();
	}

	/** What changed, for the audit log: names and plain values, never a secret. */
	private List<String> changes(StoredSmsSettings before, StoredSmsSettings after) {
		List<String> changes = new ArrayList<>();
		if (before.provider() != after.provider()) {
			changes.add("provider " + before.provider() + " -> " + after.provider());
		}
		changed(changes, "account SID", before.accountSid(), after.accountSid());
		if (!Objects.equals(before.sealedAuthToken(), after.sealedAuthToken())) {
			changes.add((after.sealedAuthToken() != null) ? "auth token replaced" : "auth token removed");
		}
		changed(changes, "sender", before.sender(), after.sender());
		changed(changes, "Verify service SID", before.verifyServiceSid(), after.verifyServiceSid());
		if (!Objects.equals(before.url(), after.url())) {
			// a URL may carry a key in its query: say only that it changed
			changes.add("URL changed");
		}
		changed(changes, "method", before.method(), after.method());
		if (!Objects.equals(before.sealedHeaders(), after.sealedHeaders())) {
			changes.add("headers " + ((after.sealedHeaders() != null) ? "replaced: "
					+ String.join(", ", headers(after).stream().map(ProviderHeader::name).toList()) : "removed"));
		}
		if (!Objects.equals(before.bodyTemplate(), after.bodyTemplate())) {
			changes.add("body template changed");
		}
		changed(changes, "body format", before.bodyFormat(), after.bodyFormat());
		changed(changes, "hourly cap", before.hourlyCap(), after.hourlyCap());
		if (!before.allowedCountryCodes().equals(after.allowedCountryCodes())) {
			changes.add("countries " + countries(before) + " -> " + countries(after));
		}
		return changes;
	}

	private static void changed(List<String> changes, String name, @Nullable Object before, @Nullable Object after) {
		if (!Objects.equals(before, after)) {
			changes.add(name + " " + before + " -> " + after);
		}
	}

	private static String countries(StoredSmsSettings settings) {
		return settings.allowedCountryCodes().isEmpty() ? "all"
				: SmsProviderRules.countries(settings.allowedCountryCodes());
	}

}
