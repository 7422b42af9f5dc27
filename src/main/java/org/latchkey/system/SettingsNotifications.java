package org.latchkey.system;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, listens on {@value SettingsCache#CHANNEL} for the settings other nodes change, on a connection
 * of its own outside the pool, and hands each changed table to the {@link SettingsCache}. While the connection
 * is down a notification may be missed, so the cache keeps nothing until it listens again. On H2 (one node)
 * there is nothing to listen to.
 */
@Component
class SettingsNotifications implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SettingsNotifications.class);

	private static final int WAIT_MILLIS = 500;

	private static final Duration RETRY = Duration.ofSeconds(1);

	private final DataSource dataSource;

	private final boolean crossNode;

	private Consumer<String> onChange = table -> {
	};

	private volatile boolean running;

	private volatile boolean listening;

	private Thread listener;

	/** Whether the listener said it cannot listen: it says so once per outage, not at each retry. */
	private boolean saidDown;

	SettingsNotifications(DataSource dataSource) throws MetaDataAccessException {
		this.dataSource = dataSource;
		this.crossNode = "PostgreSQL"
			.equals(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
	}

	/** Whether other nodes may share the database: changes are then notified to them. */
	boolean crossNode() {
		return this.crossNode;
	}

	/** Whether every change another node makes reaches this one now. */
	boolean listening() {
		return !this.crossNode || this.listening;
	}

	/** {@code changed} receives each changed table, or null when any table may have changed unheard. */
	void onChange(Consumer<String> changed) {
		this.onChange = changed;
	}

	@Override
	public void start() {
		this.running = true;
		if (this.crossNode) {
			this.listener = new Thread(this::listen, "settings-notifications");
			this.listener.setDaemon(true);
			this.listener.start();
		}
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.listener != null) {
			try {
				this.listener.join(2 * WAIT_MILLIS + RETRY.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.listener = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void listen() {
		DataSource own = DataSourceBuilder.derivedFrom(this.dataSource).type(SimpleDriverDataSource.class).build();
		while (this.running) {
			try (Connection connection = own.getConnection()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + SettingsCache.CHANNEL);
				}
				PGConnection notifications = connection.unwrap(PGConnection.class);
				this.listening = true;
				if (this.saidDown) {
					log.info("Listening again to settings changed by other nodes");
					this.saidDown = false;
				}
				// what was kept before this connection listened may have missed a change
				this.onChange.accept(null);
				while (this.running) {
					PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
					if (received != null) {
						for (PGNotification notification : received) {
							this.onChange.accept(notification.getParameter());
						}
					}
				}
			}
			catch (SQLException ex) {
				if (this.running && !this.saidDown) {
					this.saidDown = true;
					log.warn("Cannot listen to settings changed by other nodes ({}): settings are read from the "
							+ "database at each use until it can; it tries again every second", ex.getMessage());
				}
			}
			finally {
				this.listening = false;
				this.onChange.accept(null);
			}
			pause();
		}
	}

	private void pause() {
		try {
			if (this.running) {
				Thread.sleep(RETRY.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

}
