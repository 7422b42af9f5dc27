package org.latchkey.forwardauth.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.latchkey.account.Role;
import org.latchkey.forwardauth.ProtectedSite;
import org.latchkey.forwardauth.RequiredFactor;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code protected_site} table and the people named on each site. */
@Repository
public class SiteRows {

	private static final String COLUMNS = "id, host, path_prefix, everyone, allowed_roles, required_factor, fresh_minutes";

	private final JdbcClient jdbc;

	SiteRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a site and its named accounts; empty when a site with this host and prefix already exists (the
	 * unique key decides, so two administrators adding the same place at once store one; the caller's
	 * transaction is then to be rolled back).
	 */
	public Optional<Long> insert(String host, String prefix, boolean everyone, Set<Role> roles,
			Collection<Long> accountIds, RequiredFactor factor, @Nullable Integer freshMinutes, Instant now) {
		var keys = new GeneratedKeyHolder();
		try {
			this.jdbc.sql("""
					INSERT INTO protected_site (host, path_prefix, everyone, allowed_roles, required_factor,
						fresh_minutes, created_at)
					VALUES (:host, :prefix, :everyone, :roles, :factor, :fresh, :now)
					""")
				.param("host", host)
				.param("prefix", prefix)
				.param("everyone", everyone)
				.param("roles", roles.stream().map(Role::name).sorted().collect(Collectors.joining(",")))
				.param("factor", factor.name())
				.param("fresh", freshMinutes)
				.param("now", Timestamp.from(now))
				.update(keys, "id");
		}
		catch (DuplicateKeyException ex) {
			return Optional.empty();
		}
		long id = keys.getKeyAs(Number.class).longValue();
		for (long accountId : accountIds) {
			this.jdbc.sql("INSERT INTO protected_site_account (site_id, account_id) VALUES (:site, :account)")
				.param("site", id)
				.param("account", accountId)
				.update();
		}
		return Optional.of(id);
	}

	/** Removes a site (its named people go with it); whether there was one. */
	public boolean delete(long id) {
		return this.jdbc.sql("DELETE FROM protected_site WHERE id = :id").param("id", id).update() == 1;
	}

	public List<ProtectedSite> all() {
		return withLogins(this.jdbc.sql("SELECT " + COLUMNS + " FROM protected_site ORDER BY host, path_prefix")
			.query(SiteRows::row)
			.list());
	}

	public Optional<ProtectedSite> find(long id) {
		return withLogins(this.jdbc.sql("SELECT " + COLUMNS + " FROM protected_site WHERE id = :id")
			.param("id", id)
			.query(SiteRows::row)
			.list()).stream().findFirst();
	}

	/** The sites listed for a host, each with its prefix. */
	public List<ProtectedSite> onHost(String host) {
		return withLogins(this.jdbc.sql("SELECT " + COLUMNS + " FROM protected_site WHERE host = :host")
			.param("host", host)
			.query(SiteRows::row)
			.list());
	}

	/** Whether an account is named on a site. */
	public boolean names(long siteId, long accountId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM protected_site_account WHERE site_id = :site AND account_id = :account")
			.param("site", siteId)
			.param("account", accountId)
			.query(Integer.class)
			.single() > 0;
	}

	private List<ProtectedSite> withLogins(List<ProtectedSite> sites) {
		if (sites.isEmpty()) {
			return sites;
		}
		Map<Long, List<String>> logins = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT s.site_id, a.login FROM protected_site_account s JOIN account a ON a.id = s.account_id
				WHERE s.site_id IN (:ids) ORDER BY a.login
				""")
			.param("ids", sites.stream().map(ProtectedSite::id).toList())
			.query((rs, row) -> Map.entry(rs.getLong(1), rs.getString(2)))
			.list()
			.forEach(entry -> logins.computeIfAbsent(entry.getKey(), id -> new ArrayList<>()).add(entry.getValue()));
		return sites.stream()
			.map(site -> new ProtectedSite(site.id(), site.host(), site.pathPrefix(), site.everyone(), site.roles(),
					logins.getOrDefault(site.id(), List.of()), site.factor(), site.freshMinutes()))
			.toList();
	}

	private static ProtectedSite row(ResultSet rs, int row) throws SQLException {
		String roles = rs.getString("allowed_roles");
		int fresh = rs.getInt("fresh_minutes");
		Integer freshMinutes = rs.wasNull() ? null : fresh;
		return new ProtectedSite(rs.getLong("id"), rs.getString("host"), rs.getString("path_prefix"),
				rs.getBoolean("everyone"),
				roles.isEmpty() ? Set.of()
						: Arrays.stream(roles.split(",")).map(Role::named).flatMap(Optional::stream).collect(Collectors.toSet()),
				List.of(), RequiredFactor.valueOf(rs.getString("required_factor")), freshMinutes);
	}

}
