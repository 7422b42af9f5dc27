package org.latchkey.sso.internal;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.latchkey.sso.SsoFailure;
import org.latchkey.sso.SsoProvider;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestTemplate;

/**
 * Validates a provider's ID token (OpenID Connect Core 1.0, 3.1.3.7): the signature with a key of the provider's
 * JWKS (fetched again when the token names a key it does not have, so the provider may rotate its keys), the
 * issuer, the audience (Latchkey's client id, and {@code azp} when there are several), the expiry and issue time
 * (a minute's leeway, on Latchkey's clock), the subject, and this sign-in's nonce. One decoder per provider
 * keeps its keys between sign-ins.
 */
@Component
public class IdTokens {

	static final String WRONG_AUDIENCE = "wrong_audience";

	private static final Duration LEEWAY = Duration.ofSeconds(60);

	private final Map<String, NimbusJwtDecoder> decoders = new ConcurrentHashMap<>();

	private final Clock clock;

	private final SsoSettings settings;

	IdTokens(Clock clock, SsoSettings settings) {
		this.clock = clock;
		this.settings = settings;
	}

	/**
	 * The ID token's claims once every check passed.
	 * @throws ProviderCallException with the reason of the first check that failed
	 */
	public Jwt validate(SsoProvider provider, String idToken, String nonce) {
		Jwt jwt;
		try {
			jwt = decoderOf(provider).decode(idToken);
		}
		catch (JwtValidationException ex) {
			boolean audience = ex.getErrors().stream().anyMatch(error -> WRONG_AUDIENCE.equals(error.getErrorCode()));
			throw new ProviderCallException(audience ? SsoFailure.WRONG_AUDIENCE : SsoFailure.INVALID_TOKEN,
					describe(ex.getErrors().stream().map(OAuth2Error::getDescription).toList()));
		}
		catch (BadJwtException ex) {
			String message = String.valueOf(ex.getMessage());
			// Nimbus checks the signature first and says so; what it refuses afterwards (an expired token) is
			// not a question of keys
			boolean signature = message.contains("Signed JWT rejected") || message.contains("signature")
					|| message.contains("key") || message.contains("Unsupported algorithm")
					|| message.contains("not signed");
			throw new ProviderCallException(signature ? SsoFailure.BAD_SIGNATURE : SsoFailure.INVALID_TOKEN,
					"ID token refused: " + ProviderUrls.printable(message, 200));
		}
		catch (JwtException ex) {
			throw new ProviderCallException(SsoFailure.PROVIDER_UNAVAILABLE, "the provider's keys could not be fetched");
		}
		String claimed = jwt.getClaimAsString("nonce");
		if (claimed == null || !MessageDigest.isEqual(claimed.getBytes(StandardCharsets.UTF_8),
				nonce.getBytes(StandardCharsets.UTF_8))) {
			throw new ProviderCallException(SsoFailure.INVALID_TOKEN, "ID token refused: not this sign-in's nonce");
		}
		if (jwt.getSubject() == null || jwt.getSubject().isBlank() || jwt.getSubject().length() > 255) {
			throw new ProviderCallException(SsoFailure.INVALID_TOKEN, "ID token refused: no usable subject");
		}
		return jwt;
	}

	/** Forgets a provider's keys, after its settings changed or it was removed. */
	public void forget(long providerId) {
		this.decoders.keySet().removeIf(key -> key.startsWith(providerId + " "));
	}

	private NimbusJwtDecoder decoderOf(SsoProvider provider) {
		String key = provider.id() + " " + provider.discovery().jwksUri() + " " + provider.issuer() + " "
				+ provider.clientId();
		return this.decoders.computeIfAbsent(key, ignored -> build(provider));
	}

	private NimbusJwtDecoder build(SsoProvider provider) {
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(this.settings.httpTimeout());
		requests.setReadTimeout(this.settings.httpTimeout());
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(provider.discovery().jwksUri())
			.restOperations(new RestTemplate(requests))
			.jwsAlgorithms(algorithms -> algorithms.addAll(List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.RS384,
					SignatureAlgorithm.RS512, SignatureAlgorithm.PS256, SignatureAlgorithm.ES256,
					SignatureAlgorithm.ES384)))
			.build();
		JwtTimestampValidator timestamps = new JwtTimestampValidator(LEEWAY);
		timestamps.setClock(this.clock);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps,
				new JwtIssuerValidator(provider.issuer()), audience(provider.clientId())));
		return decoder;
	}

	private static OAuth2TokenValidator<Jwt> audience(String clientId) {
		return jwt -> {
			List<String> audience = jwt.getAudience();
			boolean ours = audience != null && audience.contains(clientId)
					&& (audience.size() == 1 || clientId.equals(jwt.getClaimAsString("azp")));
			return ours ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult
				.failure(new OAuth2Error(WRONG_AUDIENCE, "ID token refused: issued to another client", null));
		};
	}

	private static String describe(List<String> descriptions) {
		String text = String.join("; ", descriptions.stream().filter(d -> d != null).toList());
		return ProviderUrls.printable(text.isEmpty() ? "ID token refused" : text, 300);
	}

}
