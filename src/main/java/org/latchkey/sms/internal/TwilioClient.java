package org.latchkey.sms.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.latchkey.sms.SmsBodyFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an SMS through Twilio's Messages API: {@code POST /2010-04-01/Accounts/{sid}/Messages.json}, the
 * fields {@code To}, {@code From} and {@code Body} form-encoded, authenticated with the account SID and auth
 * token (HTTP basic).
 */
class TwilioClient implements SmsClient {

	private static final Logger log = LoggerFactory.getLogger(TwilioClient.class);

	private final HttpClient http;

	private final URI baseUrl;

	private final Duration readTimeout;

	private final TwilioAccount account;

	TwilioClient(HttpClient http, URI baseUrl, Duration readTimeout, TwilioAccount account) {
		this.http = http;
		this.baseUrl = baseUrl;
		this.readTimeout = readTimeout;
		this.account = account;
	}

	@Override
	public void send(OutgoingSms sms) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(messagesUrl())
			.timeout(this.readTimeout)
			.header("Authorization", this.account.authorization())
			.header("Content-Type", SmsBodyFormat.FORM.contentType())
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("To=" + form(sms.to()) + "&From="
					+ form(this.account.sender()) + "&Body=" + form(sms.text())))
			.build();
		ProviderAnswers.check("Twilio", this.http.send(request, HttpResponse.BodyHandlers.ofString()), sms);
		log.info("Sent {} through Twilio", sms);
	}

	private URI messagesUrl() {
		String base = this.baseUrl.toString().replaceAll("/+$", "");
		return URI.create(base + "/2010-04-01/Accounts/" + form(this.account.accountSid()) + "/Messages.json");
	}

	private static String form(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
