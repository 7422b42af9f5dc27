package org.latchkey.sms.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;

import org.latchkey.outbox.OutboxChannel;
import org.latchkey.outbox.OutgoingMessage;
import org.latchkey.outbox.PermanentDeliveryException;
import org.latchkey.secret.SecretCipher;
import org.latchkey.sms.SmsProviderKind;
import org.latchkey.system.Masks;

import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Carries the SMS of the outbox to the provider configured at the moment it is sent, through the JDK's HTTP
 * client with connect and read timeouts and no redirects. Secrets are opened only for the request.
 */
@Component
public class SmsChannel implements OutboxChannel {

	/** The channel's name as stored with its messages. */
	public static final String NAME = "SMS";

	private final SmsSettingsStore settings;

	private final SecretCipher cipher;

	private final SmsClientSettings clientSettings;

	/** Made for the first SMS: a client sets up TLS, which a server that sends none never needs. */
	private final SingletonSupplier<HttpClient> http;

	SmsChannel(SmsSettingsStore settings, SecretCipher cipher, SmsClientSettings clientSettings) {
		this.settings = settings;
		this.cipher = cipher;
		this.clientSettings = clientSettings;
		this.http = SingletonSupplier.of(() -> HttpClient.newBuilder()
			.connectTimeout(clientSettings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build());
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public void send(OutgoingMessage message) throws Exception {
		client(this.settings.current())
			.send(new OutgoingSms(message.id(), message.recipient(), message.template(), message.body()));
	}

	/**
	 * Asks Twilio Verify whether a code is the one it sent to this number.
	 * @throws IllegalStateException when Twilio Verify is not the provider
	 * @throws Exception when the provider cannot answer (transient) or refuses the request for good
	 * ({@link PermanentDeliveryException})
	 */
	public boolean approves(String to, String code) throws Exception {
		return verifyClient(this.settings.current()).approves(to, code);
	}

	@Override
	public String mask(String recipient) {
		return Masks.phone(recipient);
	}

	private SmsClient client(StoredSmsSettings current) throws PermanentDeliveryException {
		return switch (current.provider()) {
			case NONE -> throw new PermanentDeliveryException(
					new IllegalStateException("No SMS provider is configured"));
			case TWILIO -> new TwilioClient(this.http.obtain(), this.clientSettings.twilioBaseUrl(),
					this.clientSettings.readTimeout(), new TwilioAccount(current.accountSid(),
							this.cipher.open(current.sealedAuthToken()), current.sender()));
			case TWILIO_VERIFY -> verifyClient(current);
			case HTTP -> new HttpSmsClient(this.http.obtain(), this.clientSettings.readTimeout(),
					new HttpProvider(URI.create(current.url()), current.method(), headers(current),
							current.bodyTemplate(), current.bodyFormat()));
		};
	}

	private TwilioVerifyClient verifyClient(StoredSmsSettings current) {
		if (current.provider() != SmsProviderKind.TWILIO_VERIFY) {
			throw new IllegalStateException("Twilio Verify is not the SMS provider");
		}
		return new TwilioVerifyClient(this.http.obtain(), this.clientSettings.twilioVerifyBaseUrl(),
				this.clientSettings.readTimeout(), new TwilioAccount(current.accountSid(),
						this.cipher.open(current.sealedAuthToken()), ""), current.verifyServiceSid());
	}

	private List<ProviderHeader> headers(StoredSmsSettings current) {
		return (current.sealedHeaders() != null) ? ProviderHeader.parse(this.cipher.open(current.sealedHeaders()))
				: List.of();
	}

}
