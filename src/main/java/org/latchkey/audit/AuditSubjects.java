package org.latchkey.audit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the log does when an account it names is deleted: its events stay, with the login they were written
 * with, and only the link to the account's id goes, since that id no longer names anyone. It is the one change
 * the log accepts to rows it holds; what happened, when, by whom and from where is never rewritten.
 */
@Component
public class AuditSubjects {

	private final JdbcClient jdbc;

	AuditSubjects(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Unlinks the events about an account from its id, in the caller's transaction (the one that deletes the
	 * account); returns how many events named it.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int forget(long accountId) {
		return this.jdbc.sql("UPDATE audit_event SET subject_account_id = NULL WHERE subject_account_id = :id")
			.param("id", accountId)
			.update();
	}

}
