package org.latchkey.delivery;

import java.time.Clock;

import org.latchkey.secret.SecretCipher;

import org.springframework.stereotype.Component;

/**
 * Puts an SMS in the outbox, in the caller's transaction, once it passes what SMS are subject to: a provider
 * must be configured, the number's country allowed, and the caps not reached.
 */
@Component
class SmsQueue {

	private final SmsSettingsStore settings;

	private final SmsTexts texts;

	private final SmsQuota quota;

	private final OutboxMessages messages;

	private final SecretCipher cipher;

	private final Clock clock;

	SmsQueue(SmsSettingsStore settings, SmsTexts texts, SmsQuota quota, OutboxMessages messages, SecretCipher cipher,
			Clock clock) {
		this.settings = settings;
		this.texts = texts;
		this.quota = quota;
		this.messages = messages;
		this.cipher = cipher;
		this.clock = clock;
	}

	long enqueue(Sms sms) {
		StoredSmsSettings current = this.settings.current();
		if (current.provider() == SmsProviderKind.NONE) {
			throw new SmsUnavailableException("No SMS provider is configured");
		}
		if (!SmsSettings.allows(current.allowedCountryCodes(), sms.to())) {
			throw new SmsUnavailableException("SMS to this number's country are not allowed");
		}
		String text = this.texts.render(sms);
		this.quota.take(sms.accountId(), sms.to(), current.hourlyCap());
		return this.messages.insert(OutboxMessages.SMS, sms.to(), sms.template(), this.cipher.seal(text),
				this.clock.instant());
	}

}
