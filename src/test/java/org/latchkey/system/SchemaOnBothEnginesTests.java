package org.latchkey.system;

import java.util.List;
import java.util.SortedSet;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.latchkey.testing.FreshDataSources;
import org.latchkey.testing.SchemaCatalogue;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same migrations build the same schema on H2 and on PostgreSQL: tables, columns and their types, keys,
 * constraints, indexes and the rows a fresh install starts with, compared through each engine's catalogue.
 */
class SchemaOnBothEnginesTests {

	@Test
	void h2AndPostgresqlBuildTheSameSchema() {
		SortedSet<String> h2 = migrated(FreshDataSources.h2());
		SortedSet<String> postgres = migrated(FreshDataSources.postgres());

		List<String> differences = SchemaCatalogue.differences("H2", h2, "PostgreSQL", postgres);
		assertThat(differences).as("what the migrations built differently on H2 and PostgreSQL").isEmpty();
		assertThat(h2).as("facts read from the catalogue").anyMatch(fact -> fact.startsWith("column "));
	}

	@Test
	void aFreshInstallStartsWithTheOrganisationPolicyAndTheSmsSettings() {
		assertThat(migrated(FreshDataSources.h2())).filteredOn(fact -> fact.startsWith("row "))
			.containsExactlyInAnyOrder(
					"row organisation_policy {administrators_need_phishing_resistant=false, "
							+ "allowed_methods=EMAIL_CODE,AUTHENTICATOR_APP, enrolment_deadline=null, "
							+ "enrolment_grace_days=0, id=1, passkey_sign_in_without_password=false, "
							+ "password_min_length_with_two_factor=15, recovery_codes_enabled=false, "
							+ "remember_device_days=0, two_factor_mode=OFF, updated_at=null}",
					"row sms_send_lock {id=1}", "row api_send_lock {id=1}",
					"row sms_settings {allowed_country_codes=, cap_reached_at=null, hourly_cap=200, "
							+ "http_body_format=null, http_body_template=null, http_method=null, "
							+ "http_sealed_headers=null, http_url=null, id=1, provider=NONE, "
							+ "twilio_account_sid=null, twilio_sealed_auth_token=null, twilio_sender=null, "
							+ "twilio_verify_service_sid=null, updated_at=null}");
	}

	private static SortedSet<String> migrated(SingleConnectionDataSource database) {
		try {
			Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
			return SchemaCatalogue.of(database);
		}
		finally {
			database.destroy();
		}
	}

}
