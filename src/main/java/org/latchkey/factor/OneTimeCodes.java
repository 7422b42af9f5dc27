package org.latchkey.factor;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

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
import org.springframework.transaction.annotation.Propagation;
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
	 * How many codes went out by email and by SMS since an instant, over every account and purpose: keys
	 * {@code EMAIL} and {@code SMS}, each present, 0 when none went.
	 */
	public Map<String, Long> countSentSince(Instant since) {
		Map<String, Long> counts = new TreeMap<>(Map.of(EMAIL, 0L, SMS, 0L));
		counts.putAll(this.challenges.countPerChannelSince(since));
		return counts;
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
			.enqueue(new Sms(accountId, number, "code", locale, (code != null) ? Map.of("code", code) : Map.of())));
	}

	private CodeSent send(long accountId, CodePurpose purpose, String binding, String channel, String destination,
			String masked, Function<@Nullable String, Long> enqueue) {
		Instant now = this.clock.instant();
		String bindingHash = this.hasher.hash(binding);
		this.accounts.lock(accountId);
		Optional<CodeSent> refused = refusal(accountId, purpose, binding, channel, masked, now);
		if (refused.isPresent()) {
			return refused.get();
		}
		String code = newCode(channel);
		Instant expiresAt = now.plus(this.settings.codeLifetime());
		long messageId = enqueue.apply(code);
		this.challenges.supersedeOpen(accountId, purpose, now);
		this.challenges.insert(accountId, null, purpose, bindingHash, hashOf(code), channel, destination, now,
				expiresAt, messageId);
		// latchkey_codes_sent_total{channel="email|sms", purpose="sign_in|..."}: see docs/metrics.md
		this.meters.counter("latchkey.codes.sent", "channel", channel.toLowerCase(Locale.ROOT), "purpose",
				purpose.name().toLowerCase(Locale.ROOT)).increment();
		return new CodeSent(CodeSent.Status.SENT, masked, expiresAt, now.plus(this.settings.resendInterval()));
	}

	/** A new code, or {@code null} when the SMS provider writes and checks it (Latchkey then never knows it). */
	private @Nullable String newCode(String channel) {
		if (SMS.equals(channel) && this.sms.providerVerifies()) {
			return null;
		}
		return "%06d".formatted(this.random.nextInt(1_000_000));
	}

	private @Nullable String hashOf(@Nullable String code) {
		return (code != null) ? this.hasher.hash(code) : null;
	}

	/**
	 * Sends a code to an address or number outside any account, for an application (the Verify API): the same
	 * code, lifetime, tries and single use as a sign-in code, and the same outbox. At most as many codes as a
	 * user may be sent go to one destination in the window, whichever key asks, and at most {@code maxPerKey}
	 * for one key; SMS also count against the SMS caps and allowed countries. The sends are counted one at a
	 * time on every node (one locked row), in the transaction that stores the code.
	 * @param binding the secret that names the verification (its id): only it reaches the code
	 * @param prefix the application's words before the code's text, or {@code null}
	 * @return the challenge's id, or the refusal when a limit is reached
	 * @throws org.latchkey.sms.SmsUnavailableException when no SMS provider is configured or the country is not
	 * allowed
	 * @throws org.latchkey.sms.SmsLimitReachedException when an SMS cap is reached
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public DestinationCode sendToDestination(long apiKeyId, int maxPerKey, String binding, boolean bySms,
			String destination, Locale locale, @Nullable String prefix) {
		Instant now = this.clock.instant();
		this.challenges.lockDestinationSends();
		Instant since = now.minus(this.settings.sendWindow());
		String masked = bySms ? Masks.phone(destination) : Masks.email(destination);
		List<Instant> toDestination = this.challenges.sentToDestinationSince(destination, since);
		if (toDestination.size() >= this.settings.maxSends()) {
			return new DestinationCode(0, new CodeSent(CodeSent.Status.TOO_MANY, masked, null,
					toDestination.get(0).plus(this.settings.sendWindow())));
		}
		List<Instant> byKey = this.challenges.sentForKeySince(apiKeyId, since);
		if (byKey.size() >= maxPerKey) {
			return new DestinationCode(0, new CodeSent(CodeSent.Status.TOO_MANY, masked, null,
					byKey.get(0).plus(this.settings.sendWindow())));
		}
		String channel = bySms ? SMS : EMAIL;
		String code = newCode(channel);
		Instant expiresAt = now.plus(this.settings.codeLifetime());
		String words = (prefix != null) ? prefix : "";
		long messageId = bySms
				? this.sms.enqueue(new Sms(null, destination, "code", locale,
						(code != null) ? Map.of("code", code, "prefix", words) : Map.of()))
				: this.mail.enqueue(new Email(destination, "verification-code", locale, Map.of("code", code, "prefix",
						words, "minutes", this.settings.codeLifetime().toMinutes())));
		long id = this.challenges.insert(null, apiKeyId, CodePurpose.API_VERIFICATION, this.hasher.hash(binding),
				hashOf(code), channel, destination, now, expiresAt, messageId);
		return new DestinationCode(id, new CodeSent(CodeSent.Status.SENT, masked, expiresAt, null));
	}

	/**
	 * Checks a code against a code sent by {@link #sendToDestination}, under the rules of {@link #check}: a
	 * right code is spent once, a wrong one counts as a try.
	 * @throws org.latchkey.sms.SmsProviderFailedException when the provider that checks codes cannot answer
	 */
	@Transactional
	public CodeCheck checkDestination(long challengeId, String code) {
		Instant now = this.clock.instant();
		Optional<Challenge> challenge = this.challenges.findById(challengeId);
		if (challenge.isEmpty() || !isLive(challenge.get(), now)) {
			return refused(challenge.map(found -> whyNotLive(found, now)).orElse(Result.NONE));
		}
		return checkLive(challenge.get(), code, now, () -> Result.WRONG);
	}

	/** Withdraws a code sent by {@link #sendToDestination}; false when it was no longer live. */
	public boolean cancelDestination(long challengeId) {
		return this.challenges.supersede(challengeId, this.clock.instant());
	}

	/** Where a code sent by {@link #sendToDestination} stands, and its wrong tries left; empty for no such code. */
	public Optional<DestinationCodeState> stateOfDestination(long challengeId) {
		Instant now = this.clock.instant();
		return this.challenges.findById(challengeId).map(challenge -> {
			if (isLive(challenge, now)) {
				return new DestinationCodeState(DestinationCodeState.State.PENDING,
						this.settings.maxAttempts() - challenge.attempts(), challenge.expiresAt());
			}
			DestinationCodeState.State state = switch (whyNotLive(challenge, now)) {
				case USED -> DestinationCodeState.State.ACCEPTED;
				case REPLACED -> DestinationCodeState.State.WITHDRAWN;
				case DEAD -> DestinationCodeState.State.DEAD;
				default -> DestinationCodeState.State.EXPIRED;
			};
			return new DestinationCodeState(state, 0, challenge.expiresAt());
		});
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
		return checkLive(latest.get(), code, now, () -> whatElse(all, binding, code));
	}

	/**
	 * A right code is spent by one conditional UPDATE, so only one of concurrent right answers wins; anything
	 * else counts as a wrong try. A code the provider wrote (no hash) is checked by the provider.
	 */
	private CodeCheck checkLive(Challenge challenge, String code, Instant now, Supplier<Result> whatElse) {
		if (code != null && matches(challenge, code)) {
			return this.challenges.spend(challenge.id(), this.settings.maxAttempts(), now)
					? new CodeCheck(Result.ACCEPTED, challenge.destination(), 0) : refused(Result.USED);
		}
		int attempts = this.challenges.countWrongTry(challenge.id(), this.settings.maxAttempts());
		if (attempts < 0 || attempts >= this.settings.maxAttempts()) {
			return refused(Result.DEAD);
		}
		return new CodeCheck(whatElse.get(), null, this.settings.maxAttempts() - attempts);
	}

	private boolean matches(Challenge challenge, String code) {
		if (challenge.codeHash() != null) {
			return this.hasher.matches(code, challenge.codeHash());
		}
		// the provider's code has six digits too: anything else is a wrong try without asking it
		return code.matches("[0-9]{6}") && this.sms.providerApproves(challenge.destination(), code);
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
			.filter(challenge -> code != null && challenge.codeHash() != null
					&& this.hasher.matches(code, challenge.codeHash()))
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
