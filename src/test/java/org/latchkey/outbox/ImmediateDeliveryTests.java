package org.latchkey.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.factor.EmailFactors;
import org.latchkey.mail.MailQueue;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.People;
import org.latchkey.testing.SignIns;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A code email leaves as soon as the sign-in that asks for it commits, with the default file notifier, without
 * waiting for the outbox's poll: here the poll comes every twelve hours, so only the hand-off after the commit
 * can have written the code the person then types in.
 */
@LatchkeyTest
@TestPropertySource(properties = "latchkey.delivery.poll-interval=12h")
class ImmediateDeliveryTests extends ApplicationScenarios {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

	@Autowired
	EmailFactors emailFactors;

	@Autowired
	MailQueue mail;

	@Test
	void emailedCodeIsWrittenWithoutWaitingForThePollAndSignsIn() throws Exception {
		this.policy.changeTwoFactorMode(TwoFactorMode.REQUIRED);
		Account alice = SignIns.withTwoFactorEmail(this.emailFactors, People.alice(this.accounts));
		String address = SignIns.twoFactorAddress(alice);
		Browser browser = new Browser(this.port);

		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/login/verify");
		await().atMost(PATIENCE).until(() -> sentTo(address) == 1);
		Matcher code = CODE.matcher(Mailbox.text(emailTo(address)));

		assertThat(code.find()).isTrue();
		assertThat(SignIns.submitCode(browser, code.group(1)).location()).isEqualTo("/");
	}

	private long sentTo(String address) {
		return this.jdbc.sql("SELECT COUNT(*) FROM outbox_message WHERE recipient = :recipient AND status = 'SENT'")
			.param("recipient", address)
			.query(Long.class)
			.single();
	}

	/** The one email the file notifier wrote for {@code address}. */
	private MimeMessage emailTo(String address) throws IOException, MessagingException {
		List<MimeMessage> emails = new ArrayList<>();
		try (Stream<Path> files = Files.list(Path.of(this.mail.target().destination()))) {
			for (Path file : files.filter(name -> name.toString().endsWith(".eml")).toList()) {
				try (InputStream in = Files.newInputStream(file)) {
					MimeMessage email = new MimeMessage(Session.getInstance(new Properties()), in);
					if (address.equalsIgnoreCase(email.getAllRecipients()[0].toString())) {
						emails.add(email);
					}
				}
			}
		}
		assertThat(emails).hasSize(1);
		return emails.get(0);
	}

}
