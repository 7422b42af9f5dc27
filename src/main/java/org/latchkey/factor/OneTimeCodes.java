package org.latchkey.factor;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.MeterRegistry;

import org.latchkey.account.AccountManagement;
import org.latchkey.factor.CodeCheck.Result;
import org.latchkey.factor.internal.CodeChallenges;
import org.latchkey.factor.internal.CodeChallenges.Challenge;
import org.latchkey.factor.internal.FactorSettings;
import org.latchkey.mail.Email;
import org.latchkey.mail.MailQueue;
import org.latchkey.policy.SecondFactorKind;
import org.latchkey.secret.TokenHasher;
import org.latchkey.sms.Sms;
import org.latchkey.sms.SmsQueue;
import org.latchkey.system.Masks;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Six-digit one-time codes sent by email or SMS: issued from {@link SecureRandom}, stored only as a keyed hash,
 * bound to an account, a purpose and the browser that asked, valid ten minutes, spent once, dead after five
 * wrong tries, replaced by the next code of the same purpose, and sent no more often than the settings allow.
 * The message is written to the outbox in the same transaction as the code.
 */
@Service
public class OneTimeCodes {

	static final String EMAIL = "EMAIL";

	static final String SMS = "SMS";

	private final CodeChallenges challenges;

	private final AccountManagement accounts;

	private final MailQueue mail;

	private final SmsQueue sms;

	private final TokenHasher hasher;

	private final FactorSettings settings;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final MeterRegistry meters;

	OneTimeCodes(CodeChallenges challenges, AccountManagement accounts, MailQueue mail, SmsQueue sms,
			TokenHasher hasher, FactorSettings settings, Clock clock, MeterRegistry meters) {
		this.meters = meters;
		this.challenges = challenges;
		this.accounts = accounts;
		this.mail = mail;
		this.sms = sms;
		this.hasher = hasher;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Sends a new code for a purpose to an address, unless this browser's last one went out too recently or
	 * the account reached its sending limit by email (across all browsers and purposes, so no one can flood a
	 * mailbox; SMS codes count apart).
	 * @param binding the secret value that identifies the asking browser
	 */
	@Transactional
	public CodeSent sendByEmail(long accountId, CodePurpose purpose, String binding, String address, Locale locale) {
		return send(accountId, purpose, binding, EMAIL, address, Masks.email(address),
				code -> this.mail.enqueue(new Email(address, "code", locale, Map.of("code", code, "purpose",
						purpose.name(), "minutes", this.settings.codeLifetime().toMinutes()))));
	}

	/**
	 * Sends a new code by SMS to a number in E.164, under the same limits as {@link #sendByEmail}, counted apart
	 * from the codes sent by email.
	 * @throws org.latchkey.sms.SmsUnavailableException when no SMS provider is configured
	 * @throws org.latchkey.sms.SmsLimitReachedException when an SMS cap is reached; nothing is stored
	 */
	@Transactional
	public CodeSent sendBySms(long accountId, CodePurpose purpose, String binding, String number, Locale locale) {
		return send(accountId, purpose, binding, SMS, number, Masks.phone(number), code -> this.sms
			.enqueue(new Sms(accountId, number, "code", locale, Map.of("code", code))));
	}

	private CodeSent send(long accountId, CodePurpose purpose, String binding, String channel, String destination,
			String masked, ToLongFunction<String> enqueue) {
		Instant now = this.clock.instant();
		String bindingHash = this.hasher.hash(binding);
		this.accounts.lock(accountId);
		Optional<CodeSent> refused = refusal(accountId, purpose, binding, channel, masked, now);
		if (refused.isPresent()) {
			return refused.get();
		}
		String code = "%06d".formatted(this.random.nextInt(1_000_000));
		Instant expiresAt = now.plus(this.settings.codeLifetime());
		long messageId = enqueue.applyAsLong(code);
		this.challenges.supersedeOpen(accountId, purpose, now);
		this.challenges.insert(accountId, purpose, bindingHash, this.hasher.hash(code), channel, destination, now,
				expiresAt, messageId);
		// latchkey_codes_sent_total{channel="email|sms", purpose="sign_in|..."}: see docs/metrics.md
		this.meters.counter("latchkey.codes.sent", "channel", channel.toLowerCase(Locale.ROOT), "purpose",
				purpose.name().toLowerCase(Locale.ROOT)).increment();
		return new CodeSent(CodeSent.Status.SENT, masked, expiresAt, now.plus(this.settings.resendInterval()));
	}

	/**
	 * Whether the account sent as many codes by {@code via} (email or SMS) as the window allows, so that the next
	 * one would be refused: a page then offers no way to ask for one.
	 */
	public boolean limitReached(long accountId, SecondFactorKind via) {
		return sentRecently(accountId, channelOf(via), this.clock.instant()).size() >= this.settings.maxSends();
	}

	/**
	 * Why a code for this purpose sent by {@code via} would be refused to this browser now, if it would: so that a
	 * page that finds no code waiting (the one sent at the password was refused) can say why, and until when.
	 */
	public Optional<CodeSent> refusal(long accountId, CodePurpose purpose, String binding, SecondFactorKind via) {
		return refusal(accountId, purpose, binding, channelOf(via), null, this.clock.instant());
	}

	private Optional<CodeSent> refusal(long accountId, CodePurpose purpose, String binding, String channel,
			String masked, Instant now) {
		Optional<Instant> tooSoon = this.challenges.lastSent(accountId, purpose, this.hasher.hashes(binding))
			.map(last -> last.plus(this.settings.resendInterval()))
			.filter(next -> next.isAfter(now));
		if (tooSoon.isPresent()) {
			return Optional.of(new CodeSent(CodeSent.Status.TOO_SOON, masked, null, tooSoon.get()));
		}
		List<Instant> recent = sentRecently(accountId, channel, now);
		if (recent.size() >= this.settings.maxSends()) {
			return Optional.of(new CodeSent(CodeSent.Status.TOO_MANY, masked, null,
					recent.get(0).plus(this.settings.sendWindow())));
		}
		return Optional.empty();
	}

	private static String channelOf(SecondFactorKind via) {
		return (via == SecondFactorKind.SMS_CODE) ? SMS : EMAIL;
	}

	/** The codes sent by {@code channel} within the window, oldest first: the limit counts each channel apart. */
	private List<Instant> sentRecently(long accountId, String channel, Instant now) {
		return this.challenges.sentSince(accountId, channel, now.minus(this.settings.sendWindow()));
	}

	/** The code this browser is waiting for, for this purpose, if one is still live. */
	public Optional<PendingCode> pending(long accountId, CodePurpose purpose, String binding) {
		Instant now = this.clock.instant();
		return latestOf(this.challenges.find(accountId, purpose), binding)
			.filter(challenge -> isLive(challenge, now))
			.map(challenge -> new PendingCode(challenge.destination(), challenge.expiresAt(),
					challenge.outboxMessageId()));
	}

	/**
	 * Checks a submitted code against the latest code sent to this browser for this purpose. A right one is
	 * spent. Anything else counts as a wrong try on that code, and the answer says what the submitted code
	 * was, if it was ever sent to this account for this purpose: spent, replaced, or sent to another browser.
	 */
	@Transactional
	public CodeCheck check(long accountId, CodePurpose purpose, String binding, String code) {
		Instant now = this.clock.instant();
		List<Challenge> all = this.challenges.find(accountId, purpose);
		Optional<Challenge> latest = latestOf(all, binding);
		if (latest.isEmpty() || !isLive(latest.get(), now)) {
			return refused(latest.map(challenge -> whyNotLive(challenge, now)).orElse(Result.NONE));
		}
		Challenge challenge = latest.get();
		if (code != null && this.hasher.matches(code, challenge.codeHash())) {
			return this.challenges.spend(challenge.id(), this.settings.maxAttempts(), now)
					? new CodeCheck(Result.ACCEPTED, challenge.destination(), 0) : refused(Result.USED);
		}
		int attempts = this.challenges.countWrongTry(challenge.id(), this.settings.maxAttempts());
		if (attempts < 0 || attempts >= this.settings.maxAttempts()) {
			return refused(Result.DEAD);
		}
		return new CodeCheck(whatElse(all, binding, code), null, this.settings.maxAttempts() - attempts);
	}

	private boolean isLive(Challenge challenge, Instant now) {
		return challenge.usedAt() == null && challenge.supersededAt() == null
				&& challenge.attempts() < this.settings.maxAttempts() && challenge.expiresAt().isAfter(now);
	}

	private Result whyNotLive(Challenge challenge, Instant now) {
		if (challenge.usedAt() != null) {
			return Result.USED;
		}
		if (challenge.supersededAt() != null) {
			return Result.REPLACED;
		}
		return (challenge.attempts() >= this.settings.maxAttempts()) ? Result.DEAD : Result.EXPIRED;
	}

	/** What a code that is not the live one was: a spent one, another browser's, an older one, or none. */
	private Result whatElse(List<Challenge> all, String binding, String code) {
		return all.stream()
			.filter(challenge -> code != null && this.hasher.matches(code, challenge.codeHash()))
			.findFirst()
			.map(challenge -> (challenge.usedAt() != null) ? Result.USED
					: !this.hasher.matches(binding, challenge.bindingHash()) ? Result.FOREIGN : Result.REPLACED)
			.orElse(Result.WRONG);
	}

	private Optional<Challenge> latestOf(List<Challenge> all, String binding) {
		return all.stream().filter(challenge -> this.hasher.matches(binding, challenge.bindingHash())).findFirst();
	}

	private static CodeCheck refused(Result result) {
		return new CodeCheck(result, null, 0);
	}

}
