package org.latchkey.secret;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the master key comes from.
 *
 * @param masterKey Base64 of 32 random bytes; when empty, a key file in the data directory is used
 * @param dataDirectory the embedded default's data directory
 */
@ConfigurationProperties("latchkey.secret")
record SecretSettings(String masterKey, @DefaultValue("data") Path dataDirectory) {
}
