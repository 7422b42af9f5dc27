package org.latchkey.sms.internal;

import java.net.URI;
import java.util.List;

import org.latchkey.sms.SmsBodyFormat;

/**
 * An SMS provider reached with a plain HTTP request: a URL, a method, headers (such as an API key) and a body
 * template where {@code {to}} and {@code {message}} stand for the number and the text.
 */
record HttpProvider(URI url, String method, List<ProviderHeader> headers, String bodyTemplate,
		SmsBodyFormat bodyFormat) {

	/** Keeps the headers' values out of logs and exception messages. */
	@Override
	public String toString() {
		return "HttpProvider[" + this.method + " " + this.url + "]";
	}

}
