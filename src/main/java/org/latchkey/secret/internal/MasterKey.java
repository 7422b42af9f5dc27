package org.latchkey.secret.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 256-bit key from which every other key of Latchkey is derived. It comes from the environment in
 * production ({@code LATCHKEY_MASTER_KEY}, Base64); on the embedded default it is generated once into the data
 * directory, with a warning, so that a first start needs nothing.
 */
public final class MasterKey {

	private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

	private static final int KEY_BYTES = 32;

	private final byte[] key;

	private MasterKey(byte[] key) {
		if (key.length != KEY_BYTES) {
			throw new IllegalStateException("The master key must be 32 bytes (Base64 of 32 random bytes)");
		}
		this.key = key;
	}

	/** The keys that still open and match what they sealed and hashed, but make nothing new. */
	public static java.util.List<MasterKey> previous(SecretSettings settings) {
		return settings.previousMasterKeys().stream().map(key -> new MasterKey(decode(key))).toList();
	}

	static MasterKey load(SecretSettings settings) {
		if (settings.masterKey() != null && !settings.masterKey().isBlank()) {
			return new MasterKey(decode(settings.masterKey()));
		}
		return fromFile(settings.dataDirectory().resolve("master.key"));
	}

	private static MasterKey fromFile(Path file) {
		try {
			if (Files.exists(file)) {
				return new MasterKey(decode(Files.readString(file)));
			}
			byte[] key = new byte[KEY_BYTES];
			new SecureRandom().nextBytes(key);
			Files.createDirectories(file.getParent());
			Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardOpenOption.CREATE_NEW);
			restrictToOwner(file);
			log.warn("Generated a new master key in {}. Keep it apart from the database backups; in production "
					+ "set LATCHKEY_MASTER_KEY instead.", file.toAbsolutePath());
			return new MasterKey(key);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the master key file " + file, ex);
		}
	}

	private static void restrictToOwner(Path file) throws IOException {
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.setPosixFilePermissions(file, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
		}
	}

	private static byte[] decode(String base64) {
		try {
			return Base64.getDecoder().decode(base64.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("The master key is not valid Base64");
		}
	}

	/**
	 * A short name of the key that reveals nothing of it (a derived value), written before what it seals so
	 * that every node knows which key opens a value while keys are rotated.
	 */
	public String id() {
		return new String(org.springframework.security.crypto.codec.Hex.encode(
				Hmac.sha256(this.key, "latchkey/key-id".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
			.substring(0, 8);
	}

	/** A key for one purpose, derived so that no two purposes share key material. */
	public SecretKey derive(String purpose, String algorithm) {
		return new SecretKeySpec(Hmac.sha256(this.key, purpose.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
				algorithm);
	}

}
