package org.latchkey.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the import reads one CSV line, as a plain rule. */
class UserImportCsvTests {

	@Test
	void fieldsAreSplitOnCommas() {
		assertThat(UserImport.fields("ann,Ann Smith,ann@example.com,USER")).containsExactly("ann", "Ann Smith",
				"ann@example.com", "USER");
	}

	@Test
	void aQuotedFieldKeepsItsCommasAndDoubledQuotes() {
		assertThat(UserImport.fields("bob,\"Builder, \"\"Bob\"\"\",bob@example.com")).containsExactly("bob",
				"Builder, \"Bob\"", "bob@example.com");
	}

	@Test
	void emptyFieldsAreKept() {
		assertThat(UserImport.fields("cy,Cy,cy@example.com,")).containsExactly("cy", "Cy", "cy@example.com", "");
		assertThat(UserImport.fields("")).containsExactly("");
	}

}
