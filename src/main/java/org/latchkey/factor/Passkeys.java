package org.latchkey.factor;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.VerificationException;
import org.jspecify.annotations.Nullable;
import org.latchkey.account.InvalidAccountException;
import org.latchkey.system.PublicUrl;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.function.SingletonSupplier;

/**
 * Passkeys (W3C WebAuthn level 3), through webauthn4j: the options a browser passes to
 * {@code navigator.credentials}, the registration of a credential and the check of an assertion. The relying
 * party's id and its one origin come from the public URL ({@code latchkey.base-url}), never from a request, so a
 * page served under another name (a phishing proxy) gets signatures this server refuses. Attestation is not
 * asked for (the organisation trusts any authenticator its users choose); the signature counter only grows, by
 * one conditional UPDATE, except for passkeys that keep none (synced ones say 0 each time); each challenge is
 * answered once on every node.
 */
@Service
public class Passkeys {

	/** How long a challenge may be answered: the browser's own timeout, with a margin. */
	public static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);

	static final int NAME_MAX_LENGTH = 64;

	private static final int CHALLENGE_BYTES = 32;

	private static final int USER_HANDLE_BYTES = 32;

	/** ES256, EdDSA, RS256: what platform and roaming authenticators offer. */
	private static final List<Long> ALGORITHMS = List.of(-7L, -8L, -257L);

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder FROM_BASE64URL = Base64.getUrlDecoder();

	private final JdbcClient jdbc;

	private final PublicUrl publicUrl;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	/** Built at the first passkey ceremony: a server whose people use no passkey never loads webauthn4j. */
	private final SingletonSupplier<WebAuthn> webAuthn = SingletonSupplier.of(WebAuthn::create);

	Passkeys(JdbcClient jdbc, PublicUrl publicUrl, Clock clock) {
		this.jdbc = jdbc;
		this.publicUrl = publicUrl;
		this.clock = clock;
	}

	/** A new random challenge, for the browser's session to keep until it is answered. */
	public byte[] newChallenge() {
		byte[] challenge = new byte[CHALLENGE_BYTES];
		this.random.nextBytes(challenge);
		return challenge;
	}

	/** The relying party's id: the host of the public URL. */
	public String relyingPartyId() {
		return URI.create(origin()).getHost();
	}

	/** The one origin whose pages may use this server's passkeys: the public URL's scheme, host and port. */
	public String origin() {
		URI base = this.publicUrl.to("/").build().toUri();
		return base.getScheme() + "://" + base.getRawAuthority();
	}

	/**
	 * The {@code PublicKeyCredentialCreationOptions} (as JSON) to register a new passkey for an account: a
	 * discoverable credential, user verification preferred, no attestation, the account's passkeys excluded.
	 */
	@Transactional
	public Map<String, Object> creationOptions(long accountId, String login, String displayName, byte[] challenge) {
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("rp", Map.of("id", relyingPartyId(), "name", "Latchkey"));
		options.put("user", Map.of("id", userHandle(accountId), "name", login, "displayName",
				(displayName == null || displayName.isBlank()) ? login : displayName));
		options.put("challenge", BASE64URL.encodeToString(challenge));
		options.put("pubKeyCredParams",
				ALGORITHMS.stream().map(alg -> Map.<String, Object>of("type", "public-key", "alg", alg)).toList());
		options.put("timeout", Duration.ofMinutes(3).toMillis());
		options.put("excludeCredentials", descriptors(accountId));
		options.put("authenticatorSelection",
				Map.of("residentKey", "required", "requireResidentKey", true, "userVerification", "preferred"));
		options.put("attestation", "none");
		return options;
	}

	/**
	 * The {@code PublicKeyCredentialRequestOptions} (as JSON) to sign in: with the account's passkeys listed
	 * when the account is known (the second step), none when the browser is to choose a discoverable one
	 * (a sign-in without a password, where user verification is required).
	 */
	public Map<String, Object> requestOptions(@Nullable Long accountId, byte[] challenge) {
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("challenge", BASE64URL.encodeToString(challenge));
		options.put("rpId", relyingPartyId());
		options.put("timeout", Duration.ofMinutes(3).toMillis());
		options.put("userVerification", (accountId == null) ? "required" : "preferred");
		options.put("allowCredentials", (accountId == null) ? List.of() : descriptors(accountId));
		return options;
	}

	/**
	 * Registers the passkey a browser created over {@code challenge}.
	 * @param name what the user calls it, 1 to 64 characters
	 * @param issuedAt when the challenge was given
	 * @throws InvalidAccountException on {@code name} when it is empty or too long, on {@code credential} when
	 * the response cannot be used (another origin, another challenge, an expired challenge, unreadable) or the
	 * passkey is registered already
	 */
	@Transactional
	public Passkey register(long accountId, String name, byte[] challenge, Instant issuedAt, String credential) {
		String trimmed = (name == null) ? "" : name.strip();
		if (trimmed.isEmpty() || trimmed.length() > NAME_MAX_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidAccountException("name", "passkeys.name.invalid");
		}
		if (credential == null || credential.isBlank() || expired(issuedAt) || !spend(challenge)) {
			throw new InvalidAccountException("credential", "passkeys.register.failed");
		}
		WebAuthn webAuthn = this.webAuthn.obtain();
		RegistrationData data;
		try {
			data = webAuthn.manager().verify(webAuthn.manager().parseRegistrationResponseJSON(credential),
					new RegistrationParameters(server(challenge), parameters(), false, true));
		}
		catch (DataConversionException | VerificationException | IllegalArgumentException ex) {
			throw new InvalidAccountException("credential", "passkeys.register.failed");
		}
		AuthenticatorData<?> authenticator = data.getAttestationObject().getAuthenticatorData();
		AttestedCredentialData attested = authenticator.getAttestedCredentialData();
		String credentialId = BASE64URL.encodeToString(attested.getCredentialId());
		Instant now = this.clock.instant();
		userHandle(accountId);
		Set<AuthenticatorTransport> transports = data.getTransports();
		try {
			long id = this.jdbc.sql("""
					INSERT INTO passkey (account_id, credential_id, name, attested_credential_data, signature_count,
						user_verified, backup_eligible, transports, created_at)
					VALUES (:account, :credential, :name, :data, :count, :uv, :be, :transports, :now)
					""")
				.param("account", accountId)
				.param("credential", credentialId)
				.param("name", trimmed)
				.param("data", BASE64URL.encodeToString(webAuthn.credentialData().convert(attested)))
				.param("count", authenticator.getSignCount())
				.param("uv", authenticator.isFlagUV())
				.param("be", authenticator.isFlagBE())
				.param("transports", (transports == null) ? null
						: transports.stream().map(AuthenticatorTransport::getValue).collect(Collectors.joining(",")))
				.param("now", Timestamp.from(now))
				.update() > 0 ? idOf(credentialId) : -1;
			return new Passkey(id, trimmed, authenticator.isFlagBE(), now, null);
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidAccountException("credential", "passkeys.register.duplicate");
		}
	}

	/**
	 * Checks an assertion over {@code challenge}: the signature by the registered public key, this server's
	 * origin and relying party, the challenge (answered once), user presence, and the signature counter, which
	 * must grow unless it stays at 0. An accepted passkey's counter and last use are recorded by one conditional
	 * UPDATE, so of two assertions with one counter value only one is accepted.
	 * @param expectedAccountId the account signing in (second step), or null when the passkey names it (a
	 * sign-in without a password)
	 * @param userVerificationRequired whether the authenticator must have verified the user
	 */
	@Transactional
	public PasskeyCheck verify(@Nullable Long expectedAccountId, byte[] challenge, Instant issuedAt,
			String credential, boolean userVerificationRequired) {
		if (credential == null || credential.isBlank()) {
			return PasskeyCheck.refused(PasskeyCheck.Result.REFUSED, expectedAccountId, null);
		}
		WebAuthn webAuthn = this.webAuthn.obtain();
		AuthenticationData data;
		try {
			data = webAuthn.manager().parseAuthenticationResponseJSON(credential);
		}
		catch (DataConversionException | IllegalArgumentException ex) {
			return PasskeyCheck.refused(PasskeyCheck.Result.REFUSED, expectedAccountId, null);
		}
		Optional<Stored> found = (data.getCredentialId() == null) ? Optional.empty()
				: find(BASE64URL.encodeToString(data.getCredentialId()));
		if (found.isEmpty() || (expectedAccountId != null && found.get().accountId() != expectedAccountId)) {
			return PasskeyCheck.refused(PasskeyCheck.Result.UNKNOWN, expectedAccountId, null);
		}
		Stored passkey = found.get();
		if (data.getUserHandle() != null && !BASE64URL.encodeToString(data.getUserHandle()).equals(handleOf(passkey.accountId()))) {
			return PasskeyCheck.refused(PasskeyCheck.Result.UNKNOWN, expectedAccountId, null);
		}
		if (expired(issuedAt) || !spend(challenge)) {
			return PasskeyCheck.refused(PasskeyCheck.Result.REFUSED, passkey.accountId(), passkey.name());
		}
		AuthenticatorData<?> authenticator = data.getAuthenticatorData();
		try {
			CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(),
					passkey.userVerified(), passkey.backupEligible(),
					(authenticator != null) && authenticator.isFlagBS(), passkey.signatureCount(),
					webAuthn.credentialData().convert(FROM_BASE64URL.decode(passkey.attestedCredentialData())), null, null,
					null, null);
			webAuthn.manager().verify(data, new AuthenticationParameters(server(challenge), record,
					List.of(data.getCredentialId()), userVerificationRequired, true));
		}
		catch (MaliciousCounterValueException ex) {
			return PasskeyCheck.refused(PasskeyCheck.Result.CLONED, passkey.accountId(), passkey.name());
		}
		catch (VerificationException | DataConversionException | IllegalArgumentException ex) {
			return PasskeyCheck.refused(PasskeyCheck.Result.REFUSED, passkey.accountId(), passkey.name());
		}
		long count = authenticator.getSignCount();
		int recorded = this.jdbc.sql("""
				UPDATE passkey SET signature_count = :count, last_used_at = :now
				WHERE id = :id AND (signature_count < :count OR (signature_count = 0 AND :zero = TRUE))
				""")
			.param("count", count)
			.param("zero", count == 0)
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", passkey.id())
			.update();
		if (recorded != 1) {
			return PasskeyCheck.refused(PasskeyCheck.Result.CLONED, passkey.accountId(), passkey.name());
		}
		return new PasskeyCheck(PasskeyCheck.Result.ACCEPTED, passkey.accountId(), passkey.name(),
				authenticator.isFlagUV(), passkey.backupEligible());
	}

	/** The account's passkeys, oldest first. */
	public List<Passkey> of(long accountId) {
		return this.jdbc.sql("""
				SELECT id, name, backup_eligible, created_at, last_used_at FROM passkey
				WHERE account_id = :account ORDER BY created_at, id
				""")
			.param("account", accountId)
			.query((rs, row) -> new Passkey(rs.getLong("id"), rs.getString("name"), rs.getBoolean("backup_eligible"),
					rs.getTimestamp("created_at").toInstant(),
					(rs.getTimestamp("last_used_at") != null) ? rs.getTimestamp("last_used_at").toInstant() : null))
			.list();
	}

	/**
	 * Removes one of the account's passkeys.
	 * @return its name, empty when the account has no such passkey
	 */
	@Transactional
	public Optional<String> remove(long accountId, long passkeyId) {
		Optional<String> name = this.jdbc.sql("SELECT name FROM passkey WHERE id = :id AND account_id = :account")
			.param("id", passkeyId)
			.param("account", accountId)
			.query(String.class)
			.optional();
		if (name.isPresent() && this.jdbc.sql("DELETE FROM passkey WHERE id = :id AND account_id = :account")
			.param("id", passkeyId)
			.param("account", accountId)
			.update() == 1) {
			return name;
		}
		return Optional.empty();
	}

	/** Removes all the account's passkeys; returns false when it had none. */
	@Transactional
	public boolean removeAll(long accountId) {
		return this.jdbc.sql("DELETE FROM passkey WHERE account_id = :account").param("account", accountId).update() > 0;
	}

	/** The account's user handle, created the first time it is asked for. */
	private String userHandle(long accountId) {
		String existing = handleOf(accountId);
		if (existing != null) {
			return existing;
		}
		byte[] handle = new byte[USER_HANDLE_BYTES];
		this.random.nextBytes(handle);
		try {
			this.jdbc.sql("INSERT INTO passkey_user (account_id, user_handle) VALUES (:account, :handle)")
				.param("account", accountId)
				.param("handle", BASE64URL.encodeToString(handle))
				.update();
		}
		catch (DuplicateKeyException ex) {
			// another request of this account's created it first: theirs stands
		}
		return handleOf(accountId);
	}

	private @Nullable String handleOf(long accountId) {
		return this.jdbc.sql("SELECT user_handle FROM passkey_user WHERE account_id = :account")
			.param("account", accountId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private List<Map<String, Object>> descriptors(long accountId) {
		List<Map<String, Object>> descriptors = new ArrayList<>();
		this.jdbc.sql("SELECT credential_id, transports FROM passkey WHERE account_id = :account ORDER BY id")
			.param("account", accountId)
			.query((rs, row) -> {
				Map<String, Object> descriptor = new LinkedHashMap<>();
				descriptor.put("type", "public-key");
				descriptor.put("id", rs.getString("credential_id"));
				String transports = rs.getString("transports");
				if (transports != null && !transports.isBlank()) {
					descriptor.put("transports", List.of(transports.split(",")));
				}
				return descriptor;
			})
			.list()
			.forEach(descriptors::add);
		return descriptors;
	}

	/**
	 * Records the challenge as answered; false when it was already, here or on another node. Answered
	 * challenges are kept as long as they could be answered, then forgotten.
	 */
	private boolean spend(byte[] challenge) {
		Instant now = this.clock.instant();
		this.jdbc.sql("DELETE FROM passkey_spent_challenge WHERE spent_at < :before")
			.param("before", Timestamp.from(now.minus(CHALLENGE_LIFETIME.multipliedBy(2))))
			.update();
		try {
			return this.jdbc.sql("INSERT INTO passkey_spent_challenge (challenge_hash, spent_at) VALUES (:hash, :now)")
				.param("hash", sha256(challenge))
				.param("now", Timestamp.from(now))
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	private boolean expired(Instant issuedAt) {
		return issuedAt == null || !this.clock.instant().isBefore(issuedAt.plus(CHALLENGE_LIFETIME));
	}

	private ServerProperty server(byte[] challenge) {
		return new ServerProperty(Set.of(new Origin(origin())), relyingPartyId(), new DefaultChallenge(challenge));
	}

	private static List<PublicKeyCredentialParameters> parameters() {
		return List.of(
				new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
				new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
				new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));
	}

	private Optional<Stored> find(String credentialId) {
		return this.jdbc.sql("""
				SELECT id, account_id, name, attested_credential_data, signature_count, user_verified, backup_eligible
				FROM passkey WHERE credential_id = :credential
				""")
			.param("credential", credentialId)
			.query((rs, row) -> new Stored(rs.getLong("id"), rs.getLong("account_id"), rs.getString("name"),
					rs.getString("attested_credential_data"), rs.getLong("signature_count"),
					rs.getBoolean("user_verified"), rs.getBoolean("backup_eligible")))
			.optional();
	}

	private long idOf(String credentialId) {
		return this.jdbc.sql("SELECT id FROM passkey WHERE credential_id = :credential")
			.param("credential", credentialId)
			.query(Long.class)
			.single();
	}

	private static String sha256(byte[] value) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Stored(long id, long accountId, String name, String attestedCredentialData, long signatureCount,
			boolean userVerified, boolean backupEligible) {
	}

	/** webauthn4j's parser and verifier, and its converter of stored credential data, sharing one converter. */
	private record WebAuthn(WebAuthnManager manager, AttestedCredentialDataConverter credentialData) {

		static WebAuthn create() {
			ObjectConverter converter = new ObjectConverter();
			return new WebAuthn(WebAuthnManager.createNonStrictWebAuthnManager(converter),
					new AttestedCredentialDataConverter(converter));
		}

	}

}
