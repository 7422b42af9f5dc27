package org.latchkey.secret;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.latchkey.testing.Mailbox;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.OnH2;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every column of the schema named like a sealed value is declared by the module that owns it, so the master
 * key rotation re-encrypts it; and every declared column exists. The schema is the same on both engines.
 */
@OnH2
@TestPropertySource(properties = "spring.mail.port=" + Mailbox.H2_PORT)
class SealedColumnsTests extends MailScenarios {

	@Autowired
	List<SealedColumns> contributions;

	@Test
	void everyColumnNamedLikeASealedValueIsDeclaredAndEveryDeclaredOneExists() {
		List<String> inSchema = this.jdbc.sql("""
				SELECT LOWER(table_name), LOWER(column_name) FROM information_schema.columns
				WHERE LOWER(table_schema) = 'public' AND LOWER(column_name) LIKE '%sealed%'
				""").query((rs, row) -> rs.getString(1) + "." + rs.getString(2)).list();
		List<String> declared = this.contributions.stream()
			.flatMap(table -> table.columns().stream().map(column -> table.table() + "." + column))
			.toList();

		assertThat(inSchema).isNotEmpty();
		assertThat(declared).as("the sealed columns the modules declare").containsExactlyInAnyOrderElementsOf(inSchema);
	}

	@Test
	void namesThatAreNotPlainIdentifiersAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SealedColumns("outbox_message; DROP TABLE account", "id", "sealed_body"));
		assertThatIllegalArgumentException().isThrownBy(() -> new SealedColumns("outbox_message", "id"));
	}

}
