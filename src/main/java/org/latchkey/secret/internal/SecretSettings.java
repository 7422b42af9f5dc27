package org.latchkey.secret.internal;

import java.nio.file.Path;
import java.util.List;

import org.latchkey.secret.MasterKeyRotation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the master keys come from.
 *
 * @param masterKey Base64 of 32 random bytes; when empty, a key file in the data directory is used
 * @param previousMasterKeys keys that still open what they sealed and still match what they hashed, but seal
 * and hash nothing new: the keys being rotated away (see {@link MasterKeyRotation})
 * @param dataDirectory the embedded default's data directory
 */
@ConfigurationProperties("latchkey.secret")
public record SecretSettings(String masterKey, List<String> previousMasterKeys, @DefaultValue("data") Path dataDirectory) {

	public SecretSettings {
		previousMasterKeys = (previousMasterKeys != null) ? previousMasterKeys.stream()
			.filter(key -> !key.isBlank())
			.toList() : List.of();
	}

}
