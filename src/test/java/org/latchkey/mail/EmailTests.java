package org.latchkey.mail;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.latchkey.mail.internal.RenderedMail;
import org.latchkey.outbox.InvalidRecipientException;
import org.latchkey.outbox.internal.Addresses;
import org.latchkey.outbox.internal.OutboxDispatcher;
import org.latchkey.system.Masks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** What an email may be addressed to and named, and how addresses appear where they must not be read. */
class EmailTests {

	@Test
	void recipientIsKeptWithoutSurroundingSpaces() {
		assertThat(email(" alice@example.com ").recipient()).isEqualTo("alice@example.com");
	}

	@ParameterizedTest
	@ValueSource(strings = { "alice@example.com\r\nBcc: eve@example.com", "alice@example.com\nBcc: eve@example.com",
			"Alice <alice@example.com>", "alice@example.com, eve@example.com", "alice@example.com;eve@example.com",
			"alice", "alice@localhost", "@example.com", "alice@@example.com", "al ice@example.com",
			"alice\u0000@example.com", "\"alice\"@example.com" })
	void addressThatCouldAddARecipientOrAHeaderIsRefused(String recipient) {
		assertThatExceptionOfType(InvalidRecipientException.class).isThrownBy(() -> email(recipient))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("delivery.recipient.invalid"))
			.satisfies(ex -> assertThat(ex.getMessage()).doesNotContain("alice"));
	}

	@Test
	void emptyAndOverlongAddressesAreRefusedWithTheirOwnReason() {
		assertThatExceptionOfType(InvalidRecipientException.class).isThrownBy(() -> email("  "))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("delivery.recipient.required"));
		assertThatExceptionOfType(InvalidRecipientException.class).isThrownBy(() -> email(null))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("delivery.recipient.required"));
		assertThatExceptionOfType(InvalidRecipientException.class)
			.isThrownBy(() -> email("a".repeat(243) + "@example.com"))
			.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("delivery.recipient.too-long"));
		assertThat(email("a".repeat(242) + "@example.com").recipient()).hasSize(254);
	}

	@ParameterizedTest
	@ValueSource(strings = { "../secrets", "Test-Message", "test message", "test--message", "", "-test" })
	void templateNameThatIsNotAPlainWordListIsRefused(String template) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Email("alice@example.com", template, Locale.ENGLISH, Map.of()));
	}

	@Test
	void missingPartsAreRefused() {
		assertThatNullPointerException()
			.isThrownBy(() -> new Email("alice@example.com", null, Locale.ENGLISH, Map.of()))
			.withMessage("template must not be null");
		assertThatNullPointerException().isThrownBy(() -> new Email("alice@example.com", "test-message", null, Map.of()))
			.withMessage("locale must not be null");
		assertThatNullPointerException()
			.isThrownBy(() -> new Email("alice@example.com", "test-message", Locale.ENGLISH, null))
			.withMessage("variables must not be null");
	}

	@Test
	void textOfAnEmailShowsNeitherItsValuesNorTheFullAddress() {
		Email email = new Email("alice@example.com", "sign-in-code", Locale.ENGLISH, Map.of("code", "48213579"));

		assertThat(email.toString()).isEqualTo("Email[sign-in-code to a***@example.com]");
		assertThat(new RenderedMail("Code 48213579", "48213579", "<b>48213579</b>").toString())
			.doesNotContain("48213579");
	}

	@Test
	void addressesAreMaskedToTheirFirstCharacterAndDomain() {
		assertThat(Masks.email("alice@example.com")).isEqualTo("a***@example.com");
		assertThat(Masks.email("\uD83D\uDE00x@example.com")).isEqualTo("\uD83D\uDE00***@example.com");
		assertThat(Addresses.maskWithin("550 5.1.1 <bob.smith@example.org>: Recipient address rejected ($1)"))
			.isEqualTo("550 5.1.1 <b***@example.org>: Recipient address rejected ($1)");
	}

	@Test
	void failureIsDescribedByItsKindAndMessageOnOneLineAndAtMost500Characters() {
		assertThat(OutboxDispatcher.describe(new IllegalStateException("refused for carol@example.com\r\nretry")))
			.isEqualTo("IllegalStateException: refused for c***@example.com retry");
		assertThat(OutboxDispatcher.describe(new IllegalStateException("Couldn't connect to smtp.example.com;\n"
				+ "  nested exception is:\n\tjava.net.ConnectException: Connection refused\u0007")))
			.isEqualTo("IllegalStateException: Couldn't connect to smtp.example.com; nested exception is: "
					+ "ConnectException: Connection refused");
		assertThat(OutboxDispatcher.describe(new RuntimeException("x".repeat(1000)))).hasSize(500);
		assertThat(OutboxDispatcher.describe(new RuntimeException())).isEqualTo("RuntimeException:");
	}

	private static Email email(String recipient) {
		return new Email(recipient, "test-message", Locale.ENGLISH, Map.of());
	}

}
