package org.latchkey.system;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Settings an administrator rarely changes but every sign-in reads (the organisation's policy, the SMS
 * provider's settings, the OpenID Connect clients, the enabled identity providers), kept in memory so that a
 * request does not read them from the database. A module reads a
 * setting through {@link #get} under the name of its table and calls {@link #changed} in the transaction that
 * changes the table: once the transaction ends, this node reads the table again, and on PostgreSQL the
 * transaction's commit also notifies every other node ({@code pg_notify}, heard by {@link SettingsNotifications}),
 * which does the same. On H2 there is one node. While a node cannot listen to the notifications it keeps nothing.
 */
@Component
public class SettingsCache {

	static final String CHANNEL = "latchkey_settings";

	private final Map<String, Object> values = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;

	private final SettingsNotifications notifications;

	/** Bumped by every eviction: a value read before an eviction ended is not kept. */
	private long generation;

	SettingsCache(JdbcClient jdbc, SettingsNotifications notifications) {
		this.jdbc = jdbc;
		this.notifications = notifications;
		notifications.onChange(this::evict);
	}

	/**
	 * The setting kept under {@code table}, read with {@code read} when it is not kept. Inside a transaction that
	 * changed the table, it is read from the database, so that what is kept was committed.
	 */
	@SuppressWarnings("unchecked")
	public <T> T get(String table, Supplier<T> read) {
		if (changingInThisTransaction(table)) {
			return read.get();
		}
		Object kept = this.values.get(table);
		if (kept != null) {
			return (T) kept;
		}
		long before;
		synchronized (this) {
			before = this.generation;
		}
		T value = read.get();
		synchronized (this) {
			if (this.generation == before && this.notifications.listening()) {
				this.values.put(table, value);
			}
		}
		return value;
	}

	/**
	 * Notes that the current transaction changes {@code table}: every node reads it again once the transaction
	 * commits (this one also after a rollback).
	 */
	public void changed(String table) {
		if (changingInThisTransaction(table)) {
			return; // noted already: one notification and one eviction per transaction
		}
		if (this.notifications.crossNode()) {
			// delivered by PostgreSQL when, and only if, the transaction commits
			this.jdbc.sql("SELECT pg_notify(:channel, :table)")
				.param("channel", CHANNEL)
				.param("table", table)
				.query((rs, row) -> row)
				.list();
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			evict(table);
			return;
		}
		Set<String> changing = changingTables();
		if (changing == null) {
			Set<String> tables = new HashSet<>();
			TransactionSynchronizationManager.bindResource(this, tables);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(SettingsCache.this);
					tables.forEach(SettingsCache.this::evict);
				}

			});
			changing = tables;
		}
		changing.add(table);
	}

	/** Forgets what is kept under {@code table}, or everything for {@code null}. */
	void evict(String table) {
		synchronized (this) {
			this.generation++;
			if (table == null) {
				this.values.clear();
			}
			else {
				this.values.remove(table);
			}
		}
	}

	private boolean changingInThisTransaction(String table) {
		Set<String> changing = changingTables();
		return changing != null && changing.contains(table);
	}

	@SuppressWarnings("unchecked")
	private Set<String> changingTables() {
		return (Set<String>) TransactionSynchronizationManager.getResource(this);
	}

}
