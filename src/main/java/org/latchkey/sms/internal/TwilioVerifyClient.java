package org.latchkey.sms.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

import org.latchkey.sms.SmsBodyFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio Verify: the provider writes the code, sends it and checks it, so Latchkey never knows it.
 * {@code POST /v2/Services/{sid}/Verifications} ({@code To}, {@code Channel=sms}, {@code Locale}) starts one;
 * {@code POST /v2/Services/{sid}/VerificationCheck} ({@code To}, {@code Code}) answers {@code approved} or
 * {@code pending} (a wrong code); a 404 there means no verification is waiting for the number, which is a wrong
 * code too. Authenticated with the account SID and auth token (HTTP basic).
 */
class TwilioVerifyClient implements SmsClient {

	private static final Logger log = LoggerFactory.getLogger(TwilioVerifyClient.class);

	private static final Pattern APPROVED = Pattern.compile("\"status\"\\s*:\\s*\"approved\"");

	private final HttpClient http;

	private final URI baseUrl;

	private final Duration readTimeout;

	private final TwilioAccount account;

	private final String serviceSid;

	TwilioVerifyClient(HttpClient http, URI baseUrl, Duration readTimeout, TwilioAccount account, String serviceSid) {
		this.http = http;
		this.baseUrl = baseUrl;
		this.readTimeout = readTimeout;
		this.account = account;
		this.serviceSid = serviceSid;
	}

	/** Starts a verification; the outbox stored the SMS's language as its only text. */
	@Override
	public void send(OutgoingSms sms) throws Exception {
		String locale = sms.text().isBlank() ? "en" : sms.text().strip();
		HttpResponse<String> response = post("Verifications",
				"To=" + form(sms.to()) + "&Channel=sms&Locale=" + form(locale));
		ProviderAnswers.check("Twilio Verify", response, sms);
		log.info("Started a verification of {} through Twilio Verify", sms);
	}

	/**
	 * Whether the provider approves this code for the number.
	 * @throws SmsProviderException when the provider cannot answer for now (timeout, 5xx, 429)
	 * @throws org.latchkey.outbox.PermanentDeliveryException when it refuses the request for good (4xx but 404)
	 */
	boolean approves(String to, String code) throws Exception {
		HttpResponse<String> response = post("VerificationCheck", "To=" + form(to) + "&Code=" + form(code));
		if (response.statusCode() == 404) {
			return false;
		}
		ProviderAnswers.check("Twilio Verify", response, new OutgoingSms(0, to, "code", code));
		return APPROVED.matcher(response.body()).find();
	}

	private HttpResponse<String> post(String resource, String body) throws Exception {
		String base = this.baseUrl.toString().replaceAll("/+$", "");
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v2/Services/" + form(this.serviceSid) + "/"
				+ resource))
			.timeout(this.readTimeout)
			.header("Authorization", this.account.authorization())
			.header("Content-Type", SmsBodyFormat.FORM.contentType())
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String form(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
