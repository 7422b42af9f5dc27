package org.latchkey.sms;

import org.latchkey.outbox.Outbox;
import org.latchkey.sms.internal.SmsChannel;
import org.latchkey.sms.internal.SmsQuota;
import org.latchkey.sms.internal.SmsSettingsStore;
import org.latchkey.sms.internal.SmsTexts;
import org.latchkey.sms.internal.StoredSmsSettings;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The way in for every SMS Latchkey sends: puts an SMS in the outbox, in the caller's transaction, once it
 * passes what SMS are subject to: a provider must be configured, the number's country allowed, and the caps not
 * reached.
 */
@Service
public class SmsQueue {

	private final SmsSettingsStore settings;

	private final SmsTexts texts;

	private final SmsQuota quota;

	private final Outbox outbox;

	SmsQueue(SmsSettingsStore settings, SmsTexts texts, SmsQuota quota, Outbox outbox) {
		this.settings = settings;
		this.texts = texts;
		this.quota = quota;
		this.outbox = outbox;
	}

	/**
	 * Writes an SMS's text and stores it for sending once the caller's transaction commits. It counts against
	 * the caps from then on; a refusal leaves nothing behind once the caller's transaction rolls back.
	 * @return the message's id in the outbox
	 * @throws SmsUnavailableException when no provider is configured or the number's country is not allowed
	 * @throws SmsLimitReachedException when a cap is reached: per account, per number, or the hourly cap
	 * @throws org.springframework.transaction.IllegalTransactionStateException when no transaction is open
	 * @throws RuntimeException when the text or one of its variables is missing
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long enqueue(Sms sms) {
		StoredSmsSettings current = this.settings.current();
		if (current.provider() == SmsProviderKind.NONE) {
			throw new SmsUnavailableException("No SMS provider is configured");
		}
		if (!SmsSettings.allows(current.allowedCountryCodes(), sms.to())) {
			throw new SmsUnavailableException("SMS to this number's country are not allowed");
		}
		String text = this.texts.render(sms);
		this.quota.take(sms.accountId(), sms.to(), current.hourlyCap());
		return this.outbox.enqueue(SmsChannel.NAME, sms.to(), sms.template(), text);
	}

}
