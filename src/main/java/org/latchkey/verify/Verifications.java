package org.latchkey.verify;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.factor.CodeCheck;
import org.latchkey.factor.DestinationCode;
import org.latchkey.factor.DestinationCodeState;
import org.latchkey.factor.OneTimeCodes;
import org.latchkey.secret.TokenHasher;
import org.latchkey.sms.SmsLimitReachedException;
import org.latchkey.sms.SmsProviderFailedException;
import org.latchkey.sms.SmsUnavailableException;
import org.latchkey.system.InvalidFieldException;
import org.latchkey.verify.internal.VerifyApiSettings;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verifications of an email address or a phone number for an application: a code sent there, checked once,
 * under the very rules of sign-in codes ({@link OneTimeCodes}: six digits, ten minutes, five tries, single use,
 * send limits, SMS caps and allowed countries, the outbox). A verification belongs to the application of the key
 * that started it; any key of that application with the scope may check, cancel or read it. Every call is
 * audited with the key's name; no code and no destination in clear reaches the log.
 */
@Service
public class Verifications {

	static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}");

	static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

	static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Z]{2})?");

	/** Words, not digits (no one should mistake them for the code), nor placeholders. */
	static final Pattern PREFIX = Pattern.compile("[\\p{L} .,:;!?'()\\-]{1,40}");

	static final Pattern CODE = Pattern.compile("[0-9]{6}");

	static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

	private final JdbcClient jdbc;

	private final OneTimeCodes codes;

	private final TokenHasher hasher;

	private final VerifyApiSettings settings;

	private final TransactionTemplate transactions;

	private final AuditLog audit;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	Verifications(JdbcClient jdbc, OneTimeCodes codes, TokenHasher hasher, VerifyApiSettings settings,
			TransactionTemplate transactions, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.codes = codes;
		this.hasher = hasher;
		this.settings = settings;
		this.transactions = transactions;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Sends a code, or answers the verification a retry with the same idempotency key started.
	 * @throws VerifyRefusal when a field is wrong, a limit is reached, or SMS cannot go to this number
	 */
	public Verification start(ApiCaller caller, StartVerification request) {
		requireScope(caller, ApiScope.VERIFICATIONS);
		boolean bySms = channel(request.channel());
		String to = (request.to() != null) ? request.to().strip() : "";
		if (!(bySms ? E164 : EMAIL).matcher(to).matches()) {
			throw VerifyRefusal.invalid("to", bySms ? "to must be a phone number in E.164 (+33612345678)"
					: "to must be an email address");
		}
		Locale locale = locale(request.locale());
		String prefix = prefix(request.prefix());
		String idempotencyHash = idempotencyHash(caller, request.idempotencyKey());
		try {
			Verification started = this.transactions.execute(status -> {
				lockKey(caller);
				if (idempotencyHash != null) {
					Optional<String> earlier = this.jdbc.sql("""
							SELECT id FROM api_verification WHERE api_key_id = :key AND idempotency_key_hash = :hash
							""").param("key", caller.keyId()).param("hash", idempotencyHash).query(String.class).optional();
					if (earlier.isPresent()) {
						return find(caller, earlier.get()).map(this::view).orElseThrow();
					}
				}
				String id = "ve_" + HexFormat.of().formatHex(randomBytes());
				DestinationCode code = this.codes.sendToDestination(caller.keyId(), this.settings.sendsPerKey(), id,
						bySms, to, locale, prefix);
				if (!code.sent().sent()) {
					throw new VerifyRefusal(VerifyRefusal.Reason.TOO_MANY_SENDS,
							"Too many codes to this destination or for this key", null, code.sent().retryAt());
				}
				this.jdbc.sql("""
						INSERT INTO api_verification (id, api_key_id, challenge_id, channel, masked_destination,
							idempotency_key_hash, created_at)
						VALUES (:id, :key, :challenge, :channel, :masked, :idempotency, :now)
						""")
					.param("id", id)
					.param("key", caller.keyId())
					.param("challenge", code.challengeId())
					.param("channel", bySms ? "sms" : "email")
					.param("masked", code.sent().maskedDestination())
					.param("idempotency", idempotencyHash)
					.param("now", Timestamp.from(this.clock.instant()))
					.update();
				return new Verification(id, VerificationStatus.PENDING, bySms ? "sms" : "email",
						code.sent().maskedDestination(), code.sent().expiresAt(), maxTries(code.challengeId()));
			});
			this.audit.record(VerifyEvent.API_VERIFICATION_STARTED, AuditOutcome.SUCCESS, null, caller.auditName(),
					"verification " + started.id() + " by " + started.channel() + " to " + started.to());
			return started;
		}
		catch (SmsUnavailableException ex) {
			throw refused(caller, new VerifyRefusal(VerifyRefusal.Reason.SMS_UNAVAILABLE,
					"SMS cannot be sent to this number: no SMS provider, or its country is not allowed"));
		}
		catch (SmsLimitReachedException ex) {
			throw refused(caller, new VerifyRefusal(VerifyRefusal.Reason.TOO_MANY_SENDS,
					"Too many SMS to this number, or the server's hourly SMS cap is reached", null,
					this.clock.instant().plusSeconds(15 * 60)));
		}
		catch (InvalidFieldException ex) {
			throw VerifyRefusal.invalid("to", "to cannot receive messages");
		}
		catch (VerifyRefusal ex) {
			throw refused(caller, ex);
		}
	}

	/**
	 * Checks a code: approved once, whoever asks first; any other answer counts a wrong try.
	 * @throws VerifyRefusal when there is no such verification, or the provider cannot answer
	 */
	public VerificationCheck check(ApiCaller caller, String id, @Nullable String code) {
		requireScope(caller, ApiScope.VERIFICATIONS);
		if (code == null || !CODE.matcher(code).matches()) {
			throw VerifyRefusal.invalid("code", "code must be six digits");
		}
		Stored stored = find(caller, id).orElseThrow(Verifications::notFound);
		CodeCheck result;
		try {
			result = this.codes.checkDestination(stored.challengeId(), code);
		}
		catch (SmsProviderFailedException ex) {
			throw refused(caller, new VerifyRefusal(VerifyRefusal.Reason.PROVIDER_FAILED,
					"The SMS provider could not check the code; try again later"));
		}
		VerificationCheck check = result.accepted()
				? new VerificationCheck(id, VerificationStatus.APPROVED, 0, null)
				: new VerificationCheck(id, VerificationStatus.DENIED, result.attemptsLeft(), reason(result));
		this.audit.record(VerifyEvent.API_VERIFICATION_CHECKED,
				result.accepted() ? AuditOutcome.SUCCESS : AuditOutcome.FAILURE, null, caller.auditName(),
				"verification " + id + ": " + check.status().value()
						+ ((check.reason() != null) ? " (" + check.reason() + ")" : ""));
		return check;
	}

	/** Cancels a pending verification: its code no longer works. */
	public Verification cancel(ApiCaller caller, String id) {
		requireScope(caller, ApiScope.VERIFICATIONS);
		Stored stored = find(caller, id).orElseThrow(Verifications::notFound);
		boolean cancelled = this.transactions.execute(status -> {
			if (!this.codes.cancelDestination(stored.challengeId())) {
				return false;
			}
			this.jdbc.sql("UPDATE api_verification SET cancelled_at = :now WHERE id = :id")
				.param("now", Timestamp.from(this.clock.instant()))
				.param("id", id)
				.update();
			return true;
		});
		if (!cancelled) {
			throw refused(caller, new VerifyRefusal(VerifyRefusal.Reason.CONFLICT, "The verification is not pending"));
		}
		this.audit.record(VerifyEvent.API_VERIFICATION_CANCELLED, AuditOutcome.SUCCESS, null, caller.auditName(),
				"verification " + id);
		return view(find(caller, id).orElseThrow());
	}

	/** Where a verification stands. */
	public Verification status(ApiCaller caller, String id) {
		requireScope(caller, ApiScope.VERIFICATIONS);
		Verification verification = find(caller, id).map(this::view).orElseThrow(Verifications::notFound);
		this.audit.record(VerifyEvent.API_VERIFICATION_READ, AuditOutcome.SUCCESS, null, caller.auditName(),
				"verification " + id + ": " + verification.status().value());
		return verification;
	}

	private Verification view(Stored stored) {
		DestinationCodeState state = this.codes.stateOfDestination(stored.challengeId()).orElseThrow();
		VerificationStatus status = switch (state.state()) {
			case PENDING -> VerificationStatus.PENDING;
			case ACCEPTED -> VerificationStatus.APPROVED;
			case DEAD -> VerificationStatus.DENIED;
			case WITHDRAWN -> VerificationStatus.CANCELED;
			case EXPIRED -> VerificationStatus.EXPIRED;
		};
		return new Verification(stored.id(), status, stored.channel(), stored.maskedDestination(), state.expiresAt(),
				state.triesLeft());
	}

	private int maxTries(long challengeId) {
		return this.codes.stateOfDestination(challengeId).map(DestinationCodeState::triesLeft).orElse(0);
	}

	private static String reason(CodeCheck result) {
		return switch (result.result()) {
			case WRONG -> "wrong_code";
			case DEAD -> "max_attempts_reached";
			case USED -> "already_approved";
			case REPLACED -> "canceled";
			default -> "expired";
		};
	}

	private Optional<Stored> find(ApiCaller caller, String id) {
		if (id == null || id.length() > 40) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				SELECT v.id, v.challenge_id, v.channel, v.masked_destination FROM api_verification v
				JOIN api_key k ON k.id = v.api_key_id
				WHERE v.id = :id AND k.application_id = :app
				""")
			.param("id", id)
			.param("app", caller.applicationId())
			.query((rs, row) -> new Stored(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
			.optional();
	}

	private void lockKey(ApiCaller caller) {
		this.jdbc.sql("SELECT id FROM api_key WHERE id = :id FOR UPDATE").param("id", caller.keyId()).query(Long.class)
			.single();
	}

	private VerifyRefusal refused(ApiCaller caller, VerifyRefusal refusal) {
		this.audit.record(VerifyEvent.API_VERIFICATION_REFUSED, AuditOutcome.FAILURE, null, caller.auditName(),
				refusal.reason() + ": " + refusal.getMessage());
		return refusal;
	}

	static void requireScope(ApiCaller caller, ApiScope scope) {
		if (!caller.may(scope)) {
			throw new VerifyRefusal(VerifyRefusal.Reason.SCOPE, "This API key may not use " + scope.name().toLowerCase(
					Locale.ROOT));
		}
	}

	private static VerifyRefusal notFound() {
		return new VerifyRefusal(VerifyRefusal.Reason.NOT_FOUND, "No such verification for this application");
	}

	private static boolean channel(@Nullable String channel) {
		if ("sms".equals(channel)) {
			return true;
		}
		if ("email".equals(channel)) {
			return false;
		}
		throw VerifyRefusal.invalid("channel", "channel must be email or sms");
	}

	private static Locale locale(@Nullable String tag) {
		if (tag == null || tag.isBlank()) {
			return Locale.ENGLISH;
		}
		if (!LOCALE.matcher(tag).matches()) {
			throw VerifyRefusal.invalid("locale", "locale must be a language tag such as en or fr-CA");
		}
		return Locale.forLanguageTag(tag);
	}

	private static @Nullable String prefix(@Nullable String prefix) {
		if (prefix == null || prefix.isEmpty()) {
			return null;
		}
		if (!PREFIX.matcher(prefix).matches() || prefix.isBlank()) {
			throw VerifyRefusal.invalid("prefix", "prefix must be 1 to 40 letters, spaces or punctuation, no digits");
		}
		return prefix.strip();
	}

	private @Nullable String idempotencyHash(ApiCaller caller, @Nullable String key) {
		if (key == null) {
			return null;
		}
		if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
			throw VerifyRefusal.invalid("Idempotency-Key", "Idempotency-Key must be 1 to 200 visible ASCII characters");
		}
		return this.hasher.hash(caller.keyId() + ":" + key);
	}

	private byte[] randomBytes() {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		return bytes;
	}

	private record Stored(String id, long challengeId, String channel, String maskedDestination) {
	}

}
