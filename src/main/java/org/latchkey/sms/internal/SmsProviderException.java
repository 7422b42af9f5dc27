package org.latchkey.sms.internal;

import java.io.IOException;

/**
 * A provider answered with an error status. Its message gives the status and the start of the provider's
 * answer, with digits that could be a number or a code masked, for the administrator.
 */
class SmsProviderException extends IOException {

	SmsProviderException(String message) {
		super(message);
	}

}
