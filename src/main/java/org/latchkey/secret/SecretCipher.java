package org.latchkey.secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.security.crypto.encrypt.AesBytesEncryptor;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.security.crypto.keygen.KeyGenerators;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets that must be read back (message bodies, API keys, authenticator secrets) with
 * AES-256-GCM under a key derived from the master key. Each value gets its own random 96-bit nonce; a
 * tampered value fails to decrypt.
 */
@Component
public class SecretCipher {

	private final BytesEncryptor encryptor;

	SecretCipher(MasterKey masterKey) {
		this.encryptor = new AesBytesEncryptor(masterKey.derive("latchkey/encryption/v1", "AES"),
				KeyGenerators.secureRandom(12), AesBytesEncryptor.CipherAlgorithm.GCM);
	}

	/** Encrypts a text into printable ASCII (Base64). */
	public String seal(String plaintext) {
		return Base64.getEncoder().encodeToString(this.encryptor.encrypt(plaintext.getBytes(StandardCharsets.UTF_8)));
	}

	/** Decrypts what {@link #seal} produced; throws {@link IllegalStateException} when it was altered. */
	public String open(String sealed) {
		try {
			return new String(this.encryptor.decrypt(Base64.getDecoder().decode(sealed)), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new IllegalStateException("A sealed value could not be decrypted");
		}
	}

}
