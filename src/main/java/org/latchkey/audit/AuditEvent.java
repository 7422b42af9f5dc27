package org.latchkey.audit;

/**
 * A kind of security event. Each module that records events declares its own kinds as an enum implementing this
 * type, so the events a module can write are listed in one place and a typo cannot invent a new one. The name is
 * what the log stores and the console filters on.
 */
public interface AuditEvent {

	/** The name stored in the log, such as {@code SIGN_IN_FAILED}. */
	String name();

}
