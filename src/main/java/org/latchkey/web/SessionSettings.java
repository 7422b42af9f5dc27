package org.latchkey.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a signed-in session lives. The idle timeout itself is Spring Session's
 * ({@code server.servlet.session.timeout}); this record holds the absolute one, which no activity extends.
 *
 * @param absoluteTimeout the longest a session may last after sign-in, active or not
 */
@ConfigurationProperties("latchkey.session")
record SessionSettings(@DefaultValue("12h") Duration absoluteTimeout) {
}
