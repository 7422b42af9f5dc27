package org.latchkey.secret;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.LatchkeyTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every column of the schema named like a sealed value is declared by the module that owns it, so the master
 * key rotation re-encrypts it; and every declared column exists. The schema is the same on both engines.
 */
@LatchkeyTest
class SealedColumnsTests extends ApplicationScenarios {

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
