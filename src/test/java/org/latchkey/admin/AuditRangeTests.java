package org.latchkey.admin;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.latchkey.admin.Console.AuditRow;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit page's date range (UTC days, both ends included), which the pager and the CSV export keep, and an
 * export that holds every matching event, however many pages they fill.
 */
@LatchkeyTest
class AuditRangeTests extends ConsoleScenarios {

	@Autowired
	AuditLog audit;

	@Test
	void theDateRangeShowsTheEventsOfThoseDaysOnlyAndTheExportKeepsIt() {
		String subject = People.unique("range");
		LocalDate first = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		for (int day = 0; day < 4; day++) {
			this.audit.record(() -> "TEST_EVENT", AuditOutcome.SUCCESS, null, subject, "day " + day);
			this.clock.advance(Duration.ofDays(1));
		}
		this.admin = Console.signedIn(this.port, this.ada); // the session of four days ago has ended
		String range = "user=" + subject + "&from=" + first.plusDays(1) + "&to=" + first.plusDays(2);

		Page page = this.admin.get("/admin/audit?" + range);
		assertThat(page.status()).isEqualTo(200);
		Page export = this.admin.get(page.document().selectFirst("a[href*=/admin/audit/export]").attr("href"));

		assertThat(Console.auditRows(page)).extracting(AuditRow::detail).containsExactly("day 2", "day 1");
		assertThat(page.document().selectFirst("input#from").val()).isEqualTo(first.plusDays(1).toString());
		assertThat(page.document().selectFirst("input#to").val()).isEqualTo(first.plusDays(2).toString());
		assertThat(Arrays.asList(export.body().split("\r\n"))).hasSize(3)
			.anySatisfy(line -> assertThat(line).contains("\"day 2\""))
			.anySatisfy(line -> assertThat(line).contains("\"day 1\""));
		assertThat(Console.auditRows(this.admin.get("/admin/audit?user=" + subject + "&from=" + first.plusDays(4))))
			.isEmpty();
	}

	@Test
	void aDayThatIsNotADateIsRefusedOnTheField() {
		Page page = this.admin.get("/admin/audit?from=yesterday");
		Page export = this.admin.get("/admin/audit/export?to=2026-13-40");

		assertThat(page.status()).isEqualTo(400);
		assertThat(page.document().selectFirst("input#from").attr("aria-invalid")).isEqualTo("true");
		assertThat(page.text()).contains("Type a date as year-month-day");
		assertThat(export.status()).isEqualTo(400);
		assertThat(export.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
	}

	@Test
	void theExportHoldsEveryMatchingEventWhateverTheirNumber() {
		String subject = People.unique("many");
		int count = 3 * AuditController.PAGE_SIZE + 7;
		for (int i = 0; i < count; i++) {
			this.audit.record(() -> "TEST_EVENT", AuditOutcome.SUCCESS, null, subject, "number " + i);
		}

		String csv = this.admin.get("/admin/audit/export?user=" + subject).body();

		List<String> lines = Arrays.asList(csv.split("\r\n"));
		assertThat(lines).hasSize(count + 1);
		assertThat(lines.get(1)).contains("\"number " + (count - 1) + "\"");
		assertThat(lines.get(count)).contains("\"number 0\"");
	}

}
