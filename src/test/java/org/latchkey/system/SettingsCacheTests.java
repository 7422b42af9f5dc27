package org.latchkey.system;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings kept in memory, on one node (H2): read once, read again after a change, never kept from a read
 * that a change overtook, and read from the database inside the transaction that changes them.
 */
class SettingsCacheTests {

	private static final String TABLE = "organisation_policy";

	private final DriverManagerDataSource database = new DriverManagerDataSource("jdbc:h2:mem:settings-cache");

	private final SettingsCache cache = new SettingsCache(JdbcClient.create(this.database),
			notifications(this.database));

	private final AtomicInteger reads = new AtomicInteger();

	@AfterEach
	void noTransactionLeftOpen() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.clearSynchronization();
		}
		TransactionSynchronizationManager.unbindResourceIfPossible(this.cache);
	}

	@Test
	void settingIsReadOnceUntilItChanges() {
		assertThat(read()).isEqualTo(1);
		assertThat(read()).isEqualTo(1);

		this.cache.changed(TABLE);

		assertThat(read()).isEqualTo(2);
		assertThat(read()).isEqualTo(2);
	}

	@Test
	void valueReadWhileAChangeCommittedIsNotKept() {
		int overtaken = this.cache.get(TABLE, () -> {
			int value = this.reads.incrementAndGet();
			// another request's change commits while this read is on its way back
			this.cache.evict(TABLE);
			return value;
		});

		assertThat(overtaken).isEqualTo(1);
		assertThat(read()).as("read again, not the overtaken value").isEqualTo(2);
		assertThat(read()).isEqualTo(2);
	}

	@Test
	void theChangingTransactionReadsFromTheDatabaseAndEveryoneReadsAgainOnceItEnds() {
		assertThat(read()).isEqualTo(1);
		TransactionSynchronizationManager.initSynchronization();

		this.cache.changed(TABLE);

		assertThat(read()).as("inside the transaction").isEqualTo(2);
		assertThat(read()).as("inside the transaction, never kept").isEqualTo(3);
		TransactionSynchronizationManager.getSynchronizations()
			.forEach(synchronization -> synchronization.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
		TransactionSynchronizationManager.clearSynchronization();
		assertThat(read()).as("after the commit").isEqualTo(4);
		assertThat(read()).isEqualTo(4);
	}

	private int read() {
		return this.cache.get(TABLE, this.reads::incrementAndGet);
	}

	private static SettingsNotifications notifications(DriverManagerDataSource database) {
		try {
			return new SettingsNotifications(database);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
