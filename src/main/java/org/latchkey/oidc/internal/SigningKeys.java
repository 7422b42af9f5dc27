package org.latchkey.oidc.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.latchkey.secret.SecretCipher;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The RSA keys that sign ID and access tokens, kept in the database so that every node signs with, and
 * publishes, the same keys. Time is cut into rotation periods; each period has one key, made by whichever node
 * needs it first (the unique generation lets exactly one insert win). The current key signs; the current and
 * previous keys are published. Private keys are sealed with the master key.
 */
class SigningKeys implements JWKSource<SecurityContext> {

	private static final Log logger = LogFactory.getLog(SigningKeys.class);

	/** How long a node trusts what it read before looking again for a key another node made. */
	private static final long RELOAD_SECONDS = 60;

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	private final Clock clock;

	private final long periodSeconds;

	private volatile Loaded loaded;

	SigningKeys(JdbcClient jdbc, SecretCipher cipher, Clock clock, OidcSettings settings) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.clock = clock;
		this.periodSeconds = settings.keyRotation().toSeconds();
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		return selector.select(current());
	}

	/** The published keys, newest first: the first one signs. */
	JWKSet current() {
		Instant now = this.clock.instant();
		long generation = now.getEpochSecond() / this.periodSeconds;
		Loaded known = this.loaded;
		if (known != null && known.generation() == generation
				&& known.loadedAt().plusSeconds(RELOAD_SECONDS).isAfter(now)) {
			return known.keys();
		}
		Loaded fresh = new Loaded(generation, now, load(generation));
		this.loaded = fresh;
		return fresh.keys();
	}

	/**
	 * Makes the period's key in the background as soon as the server runs, rather than during somebody's sign-in
	 * or before the server is ready (an RSA key takes a while to make: signing in needs none), then rotates on time
	 * even while nobody signs in, so that the next key is published before it signs.
	 */
	@Scheduled(fixedDelayString = "PT1H")
	void rotate() {
		current();
	}

	private JWKSet load(long generation) {
		List<StoredKey> keys = read(generation);
		if (keys.isEmpty() || keys.get(0).generation() != generation) {
			create(generation);
			this.jdbc.sql("DELETE FROM oidc_signing_key WHERE generation < :previous")
				.param("previous", generation - 1)
				.update();
			keys = read(generation);
		}
		return new JWKSet(keys.stream().map(StoredKey::key).toList());
	}

	private List<StoredKey> read(long generation) {
		return this.jdbc.sql("""
				SELECT kid, generation, public_key, sealed_private_key FROM oidc_signing_key
				WHERE generation >= :previous ORDER BY generation DESC
				""").param("previous", generation - 1).query((rs, row) -> {
			JWK key = new RSAKey.Builder(publicKey(rs.getString("public_key")))
				.privateKey(privateKey(this.cipher.open(rs.getString("sealed_private_key"))))
				.keyID(rs.getString("kid"))
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.build();
			return new StoredKey(rs.getLong("generation"), key);
		}).list();
	}

	private void create(long generation) {
		KeyPair pair = newKeyPair();
		try {
			this.jdbc.sql("""
					INSERT INTO oidc_signing_key (kid, generation, public_key, sealed_private_key, created_at)
					VALUES (:kid, :generation, :publicKey, :privateKey, :now)
					""")
				.param("kid", UUID.randomUUID().toString())
				.param("generation", generation)
				.param("publicKey", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()))
				.param("privateKey", this.cipher.seal(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())))
				.param("now", Timestamp.from(this.clock.instant()))
				.update();
			logger.info("Made the token signing key of rotation period " + generation);
		}
		catch (DuplicateKeyException ex) {
			// another node made this period's key first: it is the one everybody uses
		}
	}

	private static KeyPair newKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAPublicKey publicKey(String encoded) {
		try {
			return (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(encoded)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAPrivateKey privateKey(String encoded) {
		try {
			return (RSAPrivateKey) KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(encoded)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record StoredKey(long generation, JWK key) {
	}

	private record Loaded(long generation, Instant loadedAt, JWKSet keys) {
	}

}
