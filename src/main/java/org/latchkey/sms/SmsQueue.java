package org.latchkey.sms;

import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.outbox.Outbox;
import org.latchkey.outbox.PermanentDeliveryException;
import org.latchkey.sms.internal.SmsAuditEvent;
import org.latchkey.sms.internal.SmsChannel;
import org.latchkey.sms.internal.SmsQuota;
import org.latchkey.sms.internal.SmsSettingsStore;
import org.latchkey.sms.internal.SmsTexts;
import org.latchkey.sms.internal.StoredSmsSettings;
import org.latchkey.system.Masks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The way in for every SMS Latchkey sends: puts an SMS in the outbox, in the caller's transaction, once it
 * passes what SMS are subject to: a provider must be configured, the number's country allowed, and the caps not
 * reached. With Twilio Verify as the provider, the provider writes the code: the outbox keeps only the SMS's
 * language, and {@link #providerApproves} asks the provider whether a code is right.
 */
@Service
public class SmsQueue {

	private static final Logger log = LoggerFactory.getLogger(SmsQueue.class);

	private final SmsSettingsStore settings;

	private final SmsTexts texts;

	private final SmsQuota quota;

	private final Outbox outbox;

	private final SmsChannel channel;

	private final AuditLog audit;

	private final TransactionTemplate ownTransaction;

	SmsQueue(SmsSettingsStore settings, SmsTexts texts, SmsQuota quota, Outbox outbox, SmsChannel channel,
			AuditLog audit, PlatformTransactionManager transactions) {
		this.settings = settings;
		this.texts = texts;
		this.quota = quota;
		this.outbox = outbox;
		this.channel = channel;
		this.audit = audit;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Whether the provider writes and checks the codes itself (Twilio Verify): a code SMS then carries no
	 * variable {@code code}, and the code is checked with {@link #providerApproves}.
	 */
	public boolean providerVerifies() {
		return this.settings.current().provider() == SmsProviderKind.TWILIO_VERIFY;
	}

	/**
	 * Asks the provider that checks codes itself whether this code is the one it sent to this number. A failure
	 * is audited (the administrator sees it in the audit log) and logged without the code.
	 * @throws SmsProviderFailedException when the provider cannot say now, or refuses the request for good
	 */
	public boolean providerApproves(String number, String code) {
		try {
			return this.channel.approves(number, code);
		}
		catch (Exception ex) {
			boolean permanent = ex instanceof PermanentDeliveryException || ex instanceof IllegalStateException;
			String error = (ex.getCause() != null && ex instanceof PermanentDeliveryException)
					? ex.getCause().getMessage() : ex.getClass().getSimpleName() + ": " + ex.getMessage();
			log.warn("Twilio Verify could not check a code sent to {}: {}", Masks.phone(number), error);
			// the caller's transaction rolls back with the failure: the administrator must still see it
			this.ownTransaction.executeWithoutResult(status -> this.audit.record(
					SmsAuditEvent.SMS_PROVIDER_CHECK_FAILED, AuditOutcome.FAILURE, null, null,
					"code sent to " + Masks.phone(number) + ": " + error));
			throw new SmsProviderFailedException("The SMS provider could not check the code", permanent);
		}
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
		// Twilio Verify writes the text and the code itself; the provider needs only the language
		String text = (current.provider() == SmsProviderKind.TWILIO_VERIFY) ? sms.locale().toLanguageTag()
				: this.texts.render(sms);
		this.quota.take(sms.accountId(), sms.to(), current.hourlyCap());
		return this.outbox.enqueue(SmsChannel.NAME, sms.to(), sms.template(), text);
	}

}
