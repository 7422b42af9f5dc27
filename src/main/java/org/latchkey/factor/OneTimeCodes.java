package org.latchkey.factor;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.latchkey.delivery.Email;
import org.latchkey.delivery.Outbox;
import org.latchkey.factor.CodeChallenges.Challenge;
import org.latchkey.factor.CodeCheck.Result;
import org.latchkey.secret.TokenHasher;
import org.latchkey.system.Masks;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Six-digit one-time codes sent by email: issued from {@link SecureRandom}, stored only as a keyed hash,
 * bound to an account, a purpose and the browser that asked, valid ten minutes, spent once, dead after five
 * wrong tries, replaced by the next code of the same purpose, and sent no more often than the settings allow.
 * The email is written to the outbox in the same transaction as the code.
 */
@Service
public class OneTimeCodes {

	static final String EMAIL = "EMAIL";

	private final CodeChallenges challenges;

	private final Outbox outbox;

	private final TokenHasher hasher;

	private final FactorSettings settings;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	OneTimeCodes(CodeChallenges challenges, Outbox outbox, TokenHasher hasher, FactorSettings settings, Clock clock) {
		this.challenges = challenges;
		this.outbox = outbox;
		this.hasher = hasher;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Sends a new code for a purpose to an address, unless the last one went out too recently or the account
	 * reached its sending limit.
	 * @param binding the secret value that identifies the asking browser
	 */
	@Transactional
	public CodeSent sendByEmail(long accountId, CodePurpose purpose, String binding, String address, Locale locale) {
		Instant now = this.clock.instant();
		this.challenges.lockAccount(accountId);
		Optional<Instant> tooSoon = this.challenges.lastSent(accountId, purpose)
			.map(last -> last.plus(this.settings.resendInterval()))
			.filter(next -> next.isAfter(now));
		if (tooSoon.isPresent()) {
			return new CodeSent(CodeSent.Status.TOO_SOON, Masks.email(address), null, tooSoon.get());
		}
		List<Instant> recent = this.challenges.sentSince(accountId, now.minus(this.settings.sendWindow()));
		if (recent.size() >= this.settings.maxSends()) {
			return new CodeSent(CodeSent.Status.TOO_MANY, Masks.email(address), null,
					recent.get(0).plus(this.settings.sendWindow()));
		}
		String code = "%06d".formatted(this.random.nextInt(1_000_000));
		Instant expiresAt = now.plus(this.settings.codeLifetime());
		long messageId = this.outbox.enqueue(new Email(address, "code", locale, Map.of("code", code, "purpose",
				purpose.name(), "minutes", this.settings.codeLifetime().toMinutes())));
		this.challenges.supersedeOpen(accountId, purpose, now);
		this.challenges.insert(accountId, purpose, this.hasher.hash(binding), this.hasher.hash(code), EMAIL, address,
				now, expiresAt, messageId);
		return new CodeSent(CodeSent.Status.SENT, Masks.email(address), expiresAt, now.plus(this.settings.resendInterval()));
	}

	/** The code this browser is waiting for, for this purpose, if one is still live. */
	public Optional<PendingCode> pending(long accountId, CodePurpose purpose, String binding) {
		Instant now = this.clock.instant();
		return latestOf(this.challenges.find(accountId, purpose), this.hasher.hash(binding))
			.filter(challenge -> challenge.usedAt() == null && challenge.supersededAt() == null
					&& challenge.attempts() < this.settings.maxAttempts() && challenge.expiresAt().isAfter(now))
			.map(challenge -> new PendingCode(challenge.destination(), challenge.expiresAt(),
					challenge.outboxMessageId()));
	}

	/** Checks a submitted code; a right one is spent, a wrong one counts against its code. */
	@Transactional
	public CodeCheck check(long accountId, CodePurpose purpose, String binding, String code) {
		Instant now = this.clock.instant();
		String bindingHash = this.hasher.hash(binding);
		List<Challenge> all = this.challenges.find(accountId, purpose);
		Optional<Challenge> latest = latestOf(all, bindingHash);
		if (latest.isEmpty()) {
			return sentElsewhere(all, bindingHash, code) ? refused(Result.FOREIGN) : refused(Result.NONE);
		}
		Challenge challenge = latest.get();
		boolean matches = code != null && this.hasher.matches(code, challenge.codeHash());
		if (challenge.usedAt() != null) {
			return refused(matches ? Result.USED : Result.NONE);
		}
		if (challenge.supersededAt() != null) {
			return refused(matches ? Result.REPLACED : Result.NONE);
		}
		if (challenge.attempts() >= this.settings.maxAttempts()) {
			return refused(Result.DEAD);
		}
		if (!challenge.expiresAt().isAfter(now)) {
			return refused(Result.EXPIRED);
		}
		if (matches) {
			return this.challenges.spend(challenge.id(), this.settings.maxAttempts(), now)
					? new CodeCheck(Result.ACCEPTED, challenge.destination(), 0) : refused(Result.USED);
		}
		return wrongTry(challenge, sentElsewhere(all, bindingHash, code));
	}

	private CodeCheck wrongTry(Challenge challenge, boolean foreign) {
		int attempts = this.challenges.countWrongTry(challenge.id(), this.settings.maxAttempts());
		if (attempts < 0 || attempts >= this.settings.maxAttempts()) {
			return refused(Result.DEAD);
		}
		return new CodeCheck(foreign ? Result.FOREIGN : Result.WRONG, null, this.settings.maxAttempts() - attempts);
	}

	private boolean sentElsewhere(List<Challenge> all, String bindingHash, String code) {
		return code != null && all.stream()
			.filter(challenge -> !challenge.bindingHash().equals(bindingHash))
			.anyMatch(challenge -> this.hasher.matches(code, challenge.codeHash()));
	}

	private static Optional<Challenge> latestOf(List<Challenge> all, String bindingHash) {
		return all.stream().filter(challenge -> challenge.bindingHash().equals(bindingHash)).findFirst();
	}

	private static CodeCheck refused(Result result) {
		return new CodeCheck(result, null, 0);
	}

}
