package org.latchkey.audit;

/**
 * Tells the audit log where the call it records comes from. The entry points implement it (the web layer
 * reads the request being handled), so that the log itself never sees a request.
 */
public interface CurrentActor {

	/** Where the current call comes from; {@link Actor#UNKNOWN} outside a request. */
	Actor current();

}
