package org.latchkey.factor;

import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.latchkey.policy.SecondFactorKind;
import org.latchkey.system.InLists;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which second factors many users have at once, for the console's list of users and its dashboard: what
 * {@link Enrolments#of} says for one account, read for a list of them in a few queries. An account has a method
 * under the same conditions as there: a 2FA email, an authenticator app in use (its secret confirmed), a phone
 * number that receives codes, a passkey.
 */
@Component
public class EnrolmentCounts {

	private static final Map<SecondFactorKind, String> ENROLLED = Map.of(SecondFactorKind.EMAIL_CODE,
			"SELECT account_id FROM email_factor", SecondFactorKind.AUTHENTICATOR_APP,
			"SELECT account_id FROM authenticator_app WHERE sealed_secret IS NOT NULL", SecondFactorKind.SMS_CODE,
			"SELECT account_id FROM phone_number WHERE sms_since IS NOT NULL", SecondFactorKind.PASSKEY,
			"SELECT DISTINCT account_id FROM passkey");

	private final JdbcClient jdbc;

	EnrolmentCounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The methods of each of these accounts; an account with none maps to an empty set. */
	public Map<Long, Set<SecondFactorKind>> of(Collection<Long> accountIds) {
		Map<Long, Set<SecondFactorKind>> methods = new HashMap<>();
		accountIds.forEach(id -> methods.put(id, EnumSet.noneOf(SecondFactorKind.class)));
		List<Long> ids = List.copyOf(accountIds);
		for (SecondFactorKind kind : SecondFactorKind.values()) {
			String enrolled = ENROLLED.get(kind);
			for (List<Long> part : InLists.parts(ids)) {
				String sql = enrolled + (enrolled.contains(" WHERE ") ? " AND" : " WHERE") + " account_id IN (:ids)";
				this.jdbc.sql(sql)
					.param("ids", part)
					.query(Long.class)
					.list()
					.forEach(id -> methods.get(id).add(kind));
			}
		}
		return methods;
	}

	/** The ids of every account that has at least one second factor. */
	public Set<Long> enrolledIds() {
		Set<Long> ids = new HashSet<>();
		ENROLLED.values().forEach(sql -> ids.addAll(this.jdbc.sql(sql).query(Long.class).list()));
		return ids;
	}

	/** Among these accounts, how many have each method (an account with two counts under both) and how many none. */
	public Rollout countAmong(Collection<Long> accountIds) {
		Map<SecondFactorKind, Long> counts = new EnumMap<>(SecondFactorKind.class);
		for (SecondFactorKind kind : SecondFactorKind.values()) {
			counts.put(kind, 0L);
		}
		long without = 0;
		for (Set<SecondFactorKind> methods : of(accountIds).values()) {
			methods.forEach(kind -> counts.merge(kind, 1L, Long::sum));
			without += methods.isEmpty() ? 1 : 0;
		}
		return new Rollout(counts, without, accountIds.size());
	}

	/**
	 * How far second factors have reached among some accounts.
	 *
	 * @param perMethod how many have each method
	 * @param without how many have none
	 * @param total how many accounts were counted
	 */
	public record Rollout(Map<SecondFactorKind, Long> perMethod, long without, long total) {
	}

}
