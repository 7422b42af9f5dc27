package org.latchkey.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.latchkey.testing.Browser.Page;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenID Connect client written out by hand for tests that attack the provider: it sends the authorization
 * request through a test browser and calls the token, userinfo, revocation and introspection endpoints as a back
 * end would. Every code and token it receives is remembered in {@link Secrets}, for the scan of the logs.
 */
public final class TokenClient {

	public static final String REDIRECT_URI = "https://app.example.com/callback";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final int port;

	private final String clientId;

	private final String secret;

	private final boolean secretInBody;

	private final HttpClient http = HttpClient.newHttpClient();

	public TokenClient(int port, String clientId, String secret) {
		this(port, clientId, secret, false);
	}

	private TokenClient(int port, String clientId, String secret, boolean secretInBody) {
		this.port = port;
		this.clientId = clientId;
		this.secret = secret;
		this.secretInBody = secretInBody;
	}

	/** The same client, sending its secret in the request's body ({@code client_secret_post}), not in a header. */
	public TokenClient withSecretInBody() {
		return new TokenClient(this.port, this.clientId, this.secret, true);
	}

	/** The authorization request, as a browser sends it; the answer is not followed. */
	public Page authorize(Browser browser, Map<String, String> extra) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("response_type", "code");
		parameters.put("client_id", this.clientId);
		parameters.put("redirect_uri", REDIRECT_URI);
		parameters.put("scope", "openid profile email");
		parameters.put("state", "state-1");
		parameters.put("nonce", "nonce-1");
		parameters.putAll(extra);
		return browser.get("/oauth2/authorize?" + form(parameters));
	}

	/** The code in a redirect to the application's registered address. */
	public static String codeOf(Page answer) {
		String location = answer.location();
		if (!location.startsWith(REDIRECT_URI + "?")) {
			throw new AssertionError("Not a redirect to the application: " + location);
		}
		String code = query(location).get("code");
		Secrets.seen(code);
		return code;
	}

	public static Map<String, String> query(String location) {
		String query = URI.create(location).getRawQuery();
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			String[] parts = pair.split("=", 2);
			parameters.put(parts[0], java.net.URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
		}
		return parameters;
	}

	public Response exchange(String code, String verifier) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("grant_type", "authorization_code");
		parameters.put("code", code);
		parameters.put("redirect_uri", REDIRECT_URI);
		if (verifier != null) {
			parameters.put("code_verifier", verifier);
		}
		return tokens(post("/oauth2/token", parameters));
	}

	public Response refresh(String refreshToken) {
		return tokens(post("/oauth2/token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)));
	}

	public Response revoke(String token) {
		return post("/oauth2/revoke", Map.of("token", token));
	}

	public Response introspect(String token) {
		return post("/oauth2/introspect", Map.of("token", token));
	}

	public Response userInfo(String accessToken) {
		return send(HttpRequest.newBuilder(URI.create(base() + "/userinfo"))
			.header("Authorization", "Bearer " + accessToken)
			.GET());
	}

	public Response get(String path) {
		return send(HttpRequest.newBuilder(URI.create(base() + path)).GET());
	}

	/** A token endpoint's answer, its tokens remembered as secrets the log must not hold. */
	private static Response tokens(Response answer) {
		if (answer.status() == 200) {
			for (String token : new String[] { "access_token", "refresh_token", "id_token" }) {
				Secrets.seen(answer.field(token));
			}
		}
		return answer;
	}

	private Response post(String path, Map<String, String> parameters) {
		Map<String, String> body = new LinkedHashMap<>(parameters);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
			.header("Content-Type", "application/x-www-form-urlencoded");
		if (this.secret != null && this.secretInBody) {
			body.put("client_id", this.clientId);
			body.put("client_secret", this.secret);
		}
		else if (this.secret != null) {
			String credentials = URLEncoder.encode(this.clientId, StandardCharsets.UTF_8) + ":"
					+ URLEncoder.encode(this.secret, StandardCharsets.UTF_8);
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		else {
			body.put("client_id", this.clientId);
		}
		return send(request.POST(HttpRequest.BodyPublishers.ofString(form(body))));
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

	public static String form(Map<String, String> parameters) {
		return parameters.entrySet().stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8).replace("+", "%20") + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
			.collect(Collectors.joining("&"));
	}

	/** The S256 challenge of a PKCE verifier. */
	public static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A token endpoint's (or any JSON endpoint's) answer. */
	public record Response(int status, String body) {

		public JsonNode json() {
			return TokenClient.json.readTree(this.body);
		}

		public String field(String name) {
			JsonNode value = json().get(name);
			return (value == null || value.isNull()) ? null : value.asString();
		}

		/** The claims of the JWT in a field, decoded without checking (the relying party test checks). */
		public JsonNode claimsOf(String field) {
			String payload = field(field).split("\\.")[1];
			return TokenClient.json.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
		}

	}

}
