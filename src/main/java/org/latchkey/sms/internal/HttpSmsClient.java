package org.latchkey.sms.internal;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends an SMS through any HTTP API: the administrator's URL, method and headers, and their body template
 * with {@code {to}} and {@code {message}} filled in, escaped as JSON string content or URL-encoded as the
 * body's format says, so no value can change the body's structure.
 */
class HttpSmsClient implements SmsClient {

	private static final Logger log = LoggerFactory.getLogger(HttpSmsClient.class);

	private final HttpClient http;

	private final Duration readTimeout;

	private final HttpProvider provider;

	HttpSmsClient(HttpClient http, Duration readTimeout, HttpProvider provider) {
		this.http = http;
		this.readTimeout = readTimeout;
		this.provider = provider;
	}

	@Override
	public void send(OutgoingSms sms) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.provider.url())
			.timeout(this.readTimeout)
			.method(this.provider.method(), HttpRequest.BodyPublishers.ofString(body(sms), StandardCharsets.UTF_8));
		boolean typed = false;
		for (ProviderHeader header : this.provider.headers()) {
			request.header(header.name(), header.value());
			typed |= header.name().equalsIgnoreCase("Content-Type");
		}
		if (!typed) {
			request.header("Content-Type", this.provider.bodyFormat().contentType() + "; charset=UTF-8");
		}
		ProviderAnswers.check("The SMS provider", this.http.send(request.build(), HttpResponse.BodyHandlers.ofString()),
				sms);
		log.info("Sent {} through {}", sms, this.provider.url().getHost());
	}

	String body(OutgoingSms sms) {
		return this.provider.bodyTemplate()
			.replace("{to}", escape(sms.to()))
			.replace("{message}", escape(sms.text()));
	}

	private String escape(String value) {
		return switch (this.provider.bodyFormat()) {
			case JSON -> json(value);
			case FORM -> URLEncoder.encode(value, StandardCharsets.UTF_8);
		};
	}

	/** The content of a JSON string (RFC 8259), without the quotes the template puts around it. */
	private static String json(String value) {
		String quoted = JsonMapper.shared().writeValueAsString(value);
		return quoted.substring(1, quoted.length() - 1);
	}

}
