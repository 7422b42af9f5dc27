package org.latchkey.testing;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The application's password encoder, counting the password checks it makes, so that a test can show that
 * an answer cost a hash like any other.
 */
public final class HashCounter implements PasswordEncoder {

	private final PasswordEncoder encoder;

	private final AtomicInteger checks = new AtomicInteger();

	HashCounter(PasswordEncoder encoder) {
		this.encoder = encoder;
	}

	/** How many passwords were checked against a hash so far. */
	public int checks() {
		return this.checks.get();
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return this.encoder.encode(rawPassword);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		this.checks.incrementAndGet();
		return this.encoder.matches(rawPassword, encodedPassword);
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.encoder.upgradeEncoding(encodedPassword);
	}

	/** Wraps the application's encoder. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		static BeanPostProcessor countPasswordChecks() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					return (bean instanceof PasswordEncoder encoder && !(bean instanceof HashCounter))
							? new HashCounter(encoder) : bean;
				}
			};
		}

	}

}
