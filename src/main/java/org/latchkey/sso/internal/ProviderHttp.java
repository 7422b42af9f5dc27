package org.latchkey.sso.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.latchkey.sso.InvalidProviderException;
import org.latchkey.sso.ProviderDiscovery;
import org.latchkey.sso.SsoFailure;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Latchkey's requests to identity providers: the discovery document and the token request, each bounded by
 * {@link SsoSettings#httpTimeout()}, never following redirects.
 */
@Component
public class ProviderHttp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_BODY = 256 * 1024;

	/** Built at the first request to a provider: a client sets up TLS, which a server without one never needs. */
	private final SingletonSupplier<HttpClient> http;

	private final SsoSettings settings;

	ProviderHttp(SsoSettings settings) {
		this.settings = settings;
		this.http = SingletonSupplier.of(() -> HttpClient.newBuilder()
			.connectTimeout(settings.httpTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build());
	}

	/**
	 * Fetches and checks the issuer's discovery document: the issuer it names must be the one asked (OpenID
	 * Connect Discovery 1.0, 4.3), and the endpoints the flow needs must be there.
	 * @throws InvalidProviderException (field {@code issuer}) when it cannot be fetched or used
	 */
	public ProviderDiscovery discover(String issuer) {
		String address = issuer.endsWith("/") ? issuer + ".well-known/openid-configuration"
				: issuer + "/.well-known/openid-configuration";
		JsonNode document;
		try {
			HttpResponse<String> answer = this.http.obtain().send(HttpRequest.newBuilder(URI.create(address))
				.timeout(this.settings.httpTimeout())
				.header("Accept", "application/json")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() != 200) {
				throw new InvalidProviderException("issuer", "sso.provider.discovery.status");
			}
			document = JSON.readTree(answer.body());
		}
		catch (IOException | IllegalArgumentException | JacksonException ex) {
			throw new InvalidProviderException("issuer", "sso.provider.discovery.unreachable");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InvalidProviderException("issuer", "sso.provider.discovery.unreachable");
		}
		if (!issuer.equals(text(document, "issuer"))) {
			throw new InvalidProviderException("issuer", "sso.provider.discovery.issuer");
		}
		String authorization = text(document, "authorization_endpoint");
		String token = text(document, "token_endpoint");
		String jwks = text(document, "jwks_uri");
		if (!ProviderUrls.usable(authorization) || !ProviderUrls.usable(token) || !ProviderUrls.usable(jwks)) {
			throw new InvalidProviderException("issuer", "sso.provider.discovery.incomplete");
		}
		String endSession = text(document, "end_session_endpoint");
		return new ProviderDiscovery(issuer, authorization, token, jwks,
				ProviderUrls.usable(endSession) ? endSession : null);
	}

	/**
	 * Exchanges an authorization code at the token endpoint (client_secret_basic, with the PKCE verifier) and
	 * returns the ID token.
	 * @throws ProviderCallException {@link SsoFailure#PROVIDER_UNAVAILABLE} when the provider does not answer in
	 * time or cannot be reached, {@link SsoFailure#PROVIDER_ERROR} when it answers with anything but tokens
	 */
	public String idTokenFor(String tokenEndpoint, String clientId, String clientSecret, String code,
			String redirectUri, String codeVerifier) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		form.put("redirect_uri", redirectUri);
		form.put("code_verifier", codeVerifier);
		String basic = Base64.getEncoder()
			.encodeToString((encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> answer;
		try {
			answer = this.http.obtain().send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
				.timeout(this.settings.httpTimeout())
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(form.entrySet()
					.stream()
					.map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
					.collect(Collectors.joining("&"))))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpTimeoutException ex) {
			throw new ProviderCallException(SsoFailure.PROVIDER_UNAVAILABLE, "token endpoint timed out");
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new ProviderCallException(SsoFailure.PROVIDER_UNAVAILABLE, "token endpoint unreachable");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ProviderCallException(SsoFailure.PROVIDER_UNAVAILABLE, "interrupted");
		}
		String body = (answer.body() != null && answer.body().length() > MAX_BODY) ? "" : answer.body();
		JsonNode json;
		try {
			json = JSON.readTree((body != null) ? body : "");
		}
		catch (JacksonException ex) {
			throw new ProviderCallException(SsoFailure.PROVIDER_ERROR,
					"token endpoint answered " + answer.statusCode() + " without JSON");
		}
		if (answer.statusCode() != 200) {
			String error = text(json, "error");
			throw new ProviderCallException(SsoFailure.PROVIDER_ERROR, "token endpoint answered "
					+ answer.statusCode() + ((error != null) ? ": " + ProviderUrls.printable(error, 60) : ""));
		}
		String idToken = text(json, "id_token");
		if (idToken == null) {
			throw new ProviderCallException(SsoFailure.PROVIDER_ERROR, "no ID token in the token response");
		}
		return idToken;
	}

	private static String text(JsonNode document, String field) {
		JsonNode value = (document != null) ? document.get(field) : null;
		return (value != null && value.isString()) ? value.asString() : null;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
