package org.latchkey.stepup;

import org.latchkey.audit.AuditEvent;

/**
 * The security events of step-up:
 * their names are what the audit log stores and the console filters on.
 */
public enum StepUpEvent implements AuditEvent {

	/** An application asked a signed-in person for a fresh second factor. */
	STEP_UP_REQUESTED

}
