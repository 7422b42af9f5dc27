package org.latchkey.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings every module shares.
 *
 * @param baseUrl the public address of this server, for example {@code https://signin.example.com}; an
 * {@code https://} address makes the server HTTPS-only (see {@link SecureTransport})
 */
@ConfigurationProperties("latchkey")
public record SystemSettings(String baseUrl) {
}
