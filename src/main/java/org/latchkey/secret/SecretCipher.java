package org.latchkey.secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.latchkey.secret.internal.KeyRing;
import org.latchkey.secret.internal.MasterKey;

import org.springframework.security.crypto.encrypt.AesBytesEncryptor;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.security.crypto.keygen.KeyGenerators;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets that must be read back (message bodies, API keys, authenticator secrets) with
 * AES-256-GCM under a key derived from the current master key. Each value gets its own random 96-bit nonce; a
 * tampered value fails to decrypt. A sealed value starts with the id of the key that sealed it
 * ({@code k1a2b3c4d:}), so that while keys are rotated every node opens what any node sealed, with the old
 * key or the new one. Values sealed before ids existed carry none; every known key is tried on them.
 */
@Component
public class SecretCipher {

	private static final char SEPARATOR = ':';

	private final String currentId;

	private final Map<String, BytesEncryptor> encryptors = new LinkedHashMap<>();

	SecretCipher(KeyRing keys) {
		this.currentId = "k" + keys.current().id();
		for (MasterKey key : keys.all()) {
			this.encryptors.put("k" + key.id(), new AesBytesEncryptor(key.derive("latchkey/encryption/v1", "AES"),
					KeyGenerators.secureRandom(12), AesBytesEncryptor.CipherAlgorithm.GCM));
		}
	}

	/** Encrypts a text, under the current key, into printable ASCII (the key's id, then Base64). */
	public String seal(String plaintext) {
		byte[] sealed = this.encryptors.get(this.currentId).encrypt(plaintext.getBytes(StandardCharsets.UTF_8));
		return this.currentId + SEPARATOR + Base64.getEncoder().encodeToString(sealed);
	}

	/**
	 * Decrypts what {@link #seal} produced under any known key; throws {@link IllegalStateException} when it
	 * was altered or its key is not known here.
	 */
	public String open(String sealed) {
		int separator = sealed.indexOf(SEPARATOR);
		if (separator < 0) {
			for (BytesEncryptor encryptor : this.encryptors.values()) {
				try {
					return open(encryptor, sealed);
				}
				catch (IllegalArgumentException | IllegalStateException ex) {
					// sealed before key ids: another key may open it
				}
			}
			throw new IllegalStateException("A sealed value could not be decrypted");
		}
		BytesEncryptor encryptor = this.encryptors.get(sealed.substring(0, separator));
		if (encryptor == null) {
			throw new IllegalStateException("A sealed value names a key this server does not have");
		}
		try {
			return open(encryptor, sealed.substring(separator + 1));
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new IllegalStateException("A sealed value could not be decrypted");
		}
	}

	/** Whether a sealed value is under the current key already. */
	public boolean isCurrent(String sealed) {
		return sealed.startsWith(this.currentId + SEPARATOR);
	}

	/** The prefix of every value the current key seals. */
	String currentPrefix() {
		return this.currentId + SEPARATOR;
	}

	private static String open(BytesEncryptor encryptor, String base64) {
		return new String(encryptor.decrypt(Base64.getDecoder().decode(base64)), StandardCharsets.UTF_8);
	}

}
