package org.latchkey.sms.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.jspecify.annotations.Nullable;
import org.latchkey.secret.SecretCipher;
import org.latchkey.sms.InvalidSmsSettingsException;
import org.latchkey.sms.SmsBodyFormat;
import org.latchkey.sms.SmsProviderChange;
import org.latchkey.sms.SmsProviderKind;

/**
 * Checks the SMS settings an administrator submits and turns them into what is stored, secrets sealed. A
 * secret left blank keeps the stored one; the stored values of the provider not chosen are kept as they are, so
 * that switching back to it needs nothing typed again; choosing no provider clears them all.
 */
public final class SmsProviderRules {

	static final int HOURLY_CAP_MAX = 100_000;

	private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");

	private static final Pattern VERIFY_SERVICE_SID = Pattern.compile("VA[0-9a-fA-F]{32}");

	private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7E]{8,500}");

	/** An E.164 number, or an alphanumeric sender ID (at most 11 letters, digits and spaces). */
	private static final Pattern SENDER = Pattern.compile("\\+[1-9][0-9]{6,14}|[A-Za-z0-9][A-Za-z0-9 ]{0,10}");

	private static final Set<String> METHODS = Set.of("POST", "PUT");

	private static final int URL_MAX = 2000;

	private static final int BODY_MAX = 4000;

	private static final int COUNTRIES_MAX = 50;

	private final SecretCipher cipher;

	public SmsProviderRules(SecretCipher cipher) {
		this.cipher = cipher;
	}

	/** @throws InvalidSmsSettingsException naming the first field at fault */
	public StoredSmsSettings apply(SmsProviderChange change, StoredSmsSettings stored) {
		SmsProviderKind provider = provider(change.provider());
		int hourlyCap = hourlyCap(change.hourlyCap());
		Set<Integer> countries = countryCodes(change.allowedCountryCodes());
		return switch (provider) {
			case NONE -> new StoredSmsSettings(provider, null, null, null, null, null, null, null, null, hourlyCap,
					countries, stored.capReachedAt());
			case TWILIO -> new StoredSmsSettings(provider,
					required(change.accountSid(), ACCOUNT_SID, "accountSid"),
					secret(change.authToken(), stored.sealedAuthToken()), required(change.sender(), SENDER, "sender"),
					stored.url(), stored.method(), stored.sealedHeaders(), stored.bodyTemplate(), stored.bodyFormat(),
					hourlyCap, countries, stored.capReachedAt(), stored.verifyServiceSid());
			case HTTP -> new StoredSmsSettings(provider, stored.accountSid(), stored.sealedAuthToken(), stored.sender(),
					url(change.url()), method(change.method()), headers(change, stored.sealedHeaders()),
					bodyTemplate(change.bodyTemplate()), bodyFormat(change.bodyFormat()), hourlyCap, countries,
					stored.capReachedAt(), stored.verifyServiceSid());
			case TWILIO_VERIFY -> new StoredSmsSettings(provider,
					required(change.accountSid(), ACCOUNT_SID, "accountSid"),
					secret(change.authToken(), stored.sealedAuthToken()), stored.sender(), stored.url(),
					stored.method(), stored.sealedHeaders(), stored.bodyTemplate(), stored.bodyFormat(), hourlyCap,
					countries, stored.capReachedAt(),
					required(change.verifyServiceSid(), VERIFY_SERVICE_SID, "verifyServiceSid"));
		};
	}

	private static SmsProviderKind provider(@Nullable String value) {
		try {
			return SmsProviderKind.valueOf(String.valueOf(value).strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSmsSettingsException("provider", "sms.settings.provider.invalid");
		}
	}

	private static String required(@Nullable String value, Pattern pattern, String field) {
		String text = (value != null) ? value.strip() : "";
		if (text.isEmpty()) {
			throw new InvalidSmsSettingsException(field, "sms.settings." + field + ".required");
		}
		if (!pattern.matcher(text).matches()) {
			throw new InvalidSmsSettingsException(field, "sms.settings." + field + ".invalid");
		}
		return text;
	}

	private String secret(@Nullable String typed, @Nullable String storedSealed) {
		if ((typed == null || typed.isBlank()) && storedSealed != null) {
			return storedSealed;
		}
		return this.cipher.seal(required(typed, SECRET, "authToken"));
	}

	private static String url(@Nullable String value) {
		String text = (value != null) ? value.strip() : "";
		if (text.isEmpty()) {
			throw new InvalidSmsSettingsException("url", "sms.settings.url.required");
		}
		try {
			URI uri = new URI(text);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			// the text carries a code: plain http only to a gateway on this machine
			boolean secure = scheme.equals("https") || (scheme.equals("http") && loopback(uri.getHost()));
			if (text.length() > URL_MAX || !secure || uri.getHost() == null || uri.getRawUserInfo() != null
					|| uri.getRawFragment() != null) {
				throw new InvalidSmsSettingsException("url", "sms.settings.url.invalid");
			}
			return text;
		}
		catch (URISyntaxException ex) {
			throw new InvalidSmsSettingsException("url", "sms.settings.url.invalid");
		}
	}

	private static boolean loopback(@Nullable String host) {
		return host != null && (host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("[::1]"));
	}

	private static String method(@Nullable String value) {
		String method = String.valueOf(value).strip().toUpperCase(Locale.ROOT);
		if (!METHODS.contains(method)) {
			throw new InvalidSmsSettingsException("method", "sms.settings.method.invalid");
		}
		return method;
	}

	private @Nullable String headers(SmsProviderChange change, @Nullable String storedSealed) {
		if (change.headers() == null || change.headers().isBlank()) {
			return change.clearHeaders() ? null : storedSealed;
		}
		try {
			return this.cipher.seal(ProviderHeader.format(ProviderHeader.parse(change.headers())));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSmsSettingsException("headers", "sms.settings.headers.invalid");
		}
	}

	private static String bodyTemplate(@Nullable String value) {
		String text = (value != null) ? value.strip() : "";
		if (text.isEmpty()) {
			throw new InvalidSmsSettingsException("bodyTemplate", "sms.settings.bodyTemplate.required");
		}
		if (text.length() > BODY_MAX || !text.contains("{to}") || !text.contains("{message}")) {
			throw new InvalidSmsSettingsException("bodyTemplate", "sms.settings.bodyTemplate.invalid");
		}
		return text;
	}

	private static SmsBodyFormat bodyFormat(@Nullable String value) {
		try {
			return SmsBodyFormat.valueOf(String.valueOf(value).strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSmsSettingsException("bodyFormat", "sms.settings.bodyFormat.invalid");
		}
	}

	private static int hourlyCap(@Nullable String value) {
		try {
			int cap = Integer.parseInt(String.valueOf(value).strip());
			if (cap >= 1 && cap <= HOURLY_CAP_MAX) {
				return cap;
			}
		}
		catch (NumberFormatException ex) {
			// refused below, as a number out of range is
		}
		throw new InvalidSmsSettingsException("hourlyCap", "sms.settings.hourlyCap.invalid");
	}

	private static Set<Integer> countryCodes(@Nullable String value) {
		String text = (value != null) ? value.strip() : "";
		Set<Integer> codes = new TreeSet<>();
		Set<Integer> known = PhoneNumberUtil.getInstance().getSupportedCallingCodes();
		for (String code : text.isEmpty() ? new String[0] : text.split("[\\s,;]+")) {
			try {
				int number = Integer.parseInt(code.replaceFirst("^\\+", ""));
				if (!known.contains(number)) {
					throw new NumberFormatException();
				}
				codes.add(number);
			}
			catch (NumberFormatException ex) {
				throw new InvalidSmsSettingsException("allowedCountryCodes", "sms.settings.allowedCountryCodes.invalid");
			}
		}
		if (codes.size() > COUNTRIES_MAX) {
			throw new InvalidSmsSettingsException("allowedCountryCodes", "sms.settings.allowedCountryCodes.invalid");
		}
		return codes;
	}

	/** The texts an administrator may see of a secret: its last 4 characters, when it is long enough. */
	public static String hint(String secret) {
		return "\u2022\u2022\u2022\u2022" + ((secret.length() >= 12) ? secret.substring(secret.length() - 4) : "");
	}

	/** The codes as the form shows them: {@code 33, 44}, or blank for all. */
	public static String countries(Set<Integer> codes) {
		return codes.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
	}

}
