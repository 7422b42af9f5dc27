package org.latchkey.audit;

/** Whether the audited action went through. */
public enum AuditOutcome {
	SUCCESS, FAILURE
}
