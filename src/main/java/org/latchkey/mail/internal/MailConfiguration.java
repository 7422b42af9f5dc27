package org.latchkey.mail.internal;

import java.time.Clock;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailSettings.class)
class MailConfiguration {

	/** The notifier chosen by {@code latchkey.delivery.notifier}; a bad setting stops the start, not each message. */
	@Bean
	Notifier notifier(MailSettings settings, ObjectProvider<JavaMailSender> mailSender, Clock clock) {
		String from = sender(settings.from());
		return switch (settings.notifier()) {
			case FILE -> new FileNotifier(settings.directory(), from, clock);
			case SMTP -> new SmtpNotifier(mailSender.getIfAvailable(() -> {
				throw new IllegalStateException(
						"latchkey.delivery.notifier=smtp needs an SMTP server: set spring.mail.host (LATCHKEY_SMTP_HOST)");
			}), from, clock);
		};
	}

	private static String sender(String from) {
		try {
			new InternetAddress(from, true).validate();
			return from;
		}
		catch (AddressException ex) {
			throw new IllegalStateException("latchkey.delivery.from (LATCHKEY_MAIL_FROM) is not an email address: "
					+ ex.getMessage());
		}
	}

}
