package org.latchkey.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The application's password encoder, unchanged, with a record of every hash it checked: tests read how many
 * password hashes a request cost and with which algorithm, rather than guess it from timings. Import
 * {@link Configuration} to put it in place of the encoder.
 */
public final class CountingPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder encoder;

	private final List<String> checked = new CopyOnWriteArrayList<>();

	CountingPasswordEncoder(PasswordEncoder encoder) {
		this.encoder = encoder;
	}

	/** The algorithm id (for example {@code {argon2}}) of each stored hash checked so far, in order. */
	public List<String> checkedHashes() {
		return List.copyOf(this.checked);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return this.encoder.encode(rawPassword);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		this.checked.add((encodedPassword == null) ? "none"
				: encodedPassword.substring(0, Math.max(0, encodedPassword.indexOf('}') + 1)));
		return this.encoder.matches(rawPassword, encodedPassword);
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.encoder.upgradeEncoding(encodedPassword);
	}

	/** Wraps the application's encoder bean. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		static BeanPostProcessor countingPasswordEncoder() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return (bean instanceof PasswordEncoder encoder && !(bean instanceof CountingPasswordEncoder))
							? new CountingPasswordEncoder(encoder) : bean;
				}
			};
		}

	}

}
