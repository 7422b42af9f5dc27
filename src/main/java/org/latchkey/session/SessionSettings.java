package org.latchkey.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a signed-in session lives. The idle timeout itself is Spring Session's
 * ({@code server.servlet.session.timeout}); this record holds the absolute one, which no activity extends.
 * The sign-in pages end a session past it when its browser comes back; {@link SignedInSessions} ends it
 * otherwise, with what applications were granted in it.
 *
 * @param absoluteTimeout the longest a session may last after sign-in, active or not
 */
@ConfigurationProperties("latchkey.session")
public record SessionSettings(@DefaultValue("12h") Duration absoluteTimeout) {
}
