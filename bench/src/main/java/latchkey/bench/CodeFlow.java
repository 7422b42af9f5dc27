package latchkey.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Scenario (g): signing in to an application through the OpenID Connect authorization code flow, the way every
 * application does it. The browser is sent to the authorization endpoint (with PKCE S256, a state and a nonce),
 * signs in with its password and its authenticator app, comes back to the application's redirect URI with a
 * code, and the application's back end exchanges the code at the token endpoint with its client secret; the
 * sign-in counts only when an ID token comes back. The exchange is the same for every server; the pages before
 * it are each server's own ({@link #signIn} for Latchkey, {@link Keycloak#signIn} for Keycloak).
 */
final class CodeFlow {

	/** Where the application receives its codes: nothing listens there, the driver reads the redirect. */
	static final String REDIRECT_URI = "http://127.0.0.1/callback";

	private static final HttpClient backEnd = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private static final SecureRandom random = new SecureRandom();

	private final int port;

	private final Client client;

	private final Users.AppPool apps;

	CodeFlow(int port, Client client, Users.AppPool apps) {
		this.port = port;
		this.client = client;
		this.apps = apps;
	}

	/**
	 * One sign-in at Latchkey, step by step: the authorization request sends the browser to the sign-in page,
	 * the password leads to the code page, the app's code back to the authorization request, which now redirects
	 * to the application with a code; the application exchanges it for tokens.
	 */
	void signIn(Run run) throws Exception {
		Users.AppUser user = this.apps.next();
		Browser browser = new Browser(this.port);
		Pkce pkce = Pkce.next();
		String state = token();
		long start = System.nanoTime();
		run.step("authorize", () -> browser.get("/oauth2/authorize?" + this.client.authorizeQuery(pkce, state, token()))
			.redirectsTo("/login"));
		run.step("login page", () -> browser.get("/login").hasForm("/login"));
		run.step("password", () -> browser.post("/login", "username", user.login(), "password", Users.PASSWORD)
			.redirectsTo("/login/verify"));
		run.step("code page", () -> browser.get("/login/verify").hasForm("/login/verify/app"));
		String code = user.code();
		Browser.Page back = run.step("code", () -> browser.post("/login/verify/app", "code", code));
		if (back.status() != 302 || back.location() == null || !back.location().startsWith("/oauth2/authorize?")) {
			throw new Browser.StepFailed("expected a redirect to the authorization request, got " + back.status());
		}
		Browser.Page issued = run.step("code issued", () -> browser.get(back.location()));
		String authorizationCode = this.client.code(issued, state);
		run.step("token", () -> {
			this.client.exchange("http://127.0.0.1:" + this.port + "/oauth2/token", authorizationCode, pkce);
			return null;
		});
		run.time("whole sign-in", System.nanoTime() - start);
	}

	/** A random value for a state or a nonce. */
	static String token() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** A confidential application registered at a server: its client id, secret and redirect URI. */
	record Client(String clientId, String secret, String redirectUri) {

		/** The authorization request's parameters. */
		String authorizeQuery(Pkce pkce, String state, String nonce) {
			Map<String, String> parameters = new LinkedHashMap<>();
			parameters.put("response_type", "code");
			parameters.put("client_id", this.clientId);
			parameters.put("redirect_uri", this.redirectUri);
			parameters.put("scope", "openid profile email");
			parameters.put("state", state);
			parameters.put("nonce", nonce);
			parameters.put("code_challenge", pkce.challenge());
			parameters.put("code_challenge_method", "S256");
			return form(parameters);
		}

		/** The code in a redirect to this application, whose state must be the one sent. */
		String code(Browser.Page answer, String state) {
			String location = answer.location();
			if (answer.status() != 302 || location == null || !location.startsWith(this.redirectUri + "?")) {
				throw new Browser.StepFailed("expected a redirect to the application, got " + answer.status());
			}
			Map<String, String> query = new LinkedHashMap<>();
			for (String pair : URI.create(location).getRawQuery().split("&")) {
				String[] parts = pair.split("=", 2);
				query.put(parts[0], URLDecoder.decode((parts.length > 1) ? parts[1] : "", StandardCharsets.UTF_8));
			}
			if (!state.equals(query.get("state")) || query.get("code") == null) {
				throw new Browser.StepFailed("the redirect to the application has no code or another state");
			}
			return query.get("code");
		}

		/** The application's back end exchanging a code at the token endpoint ({@code client_secret_basic}). */
		void exchange(String tokenEndpoint, String code, Pkce pkce) throws IOException, InterruptedException {
			Map<String, String> parameters = new LinkedHashMap<>();
			parameters.put("grant_type", "authorization_code");
			parameters.put("code", code);
			parameters.put("redirect_uri", this.redirectUri);
			parameters.put("code_verifier", pkce.verifier());
			String credentials = encode(this.clientId) + ":" + encode(this.secret);
			HttpResponse<String> response = backEnd.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
				.timeout(Duration.ofSeconds(60))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
				.POST(HttpRequest.BodyPublishers.ofString(form(parameters)))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200 || !response.body().contains("\"id_token\"")) {
				throw new Browser.StepFailed("the token endpoint answered " + response.statusCode() + " without an ID token");
			}
		}

		private static String form(Map<String, String> parameters) {
			return parameters.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
				.collect(Collectors.joining("&"));
		}

		private static String encode(String text) {
			return URLEncoder.encode(text, StandardCharsets.UTF_8);
		}

	}

	/** A PKCE verifier and its S256 challenge (RFC 7636). */
	record Pkce(String verifier, String challenge) {

		static Pkce next() {
			byte[] bytes = new byte[32];
			random.nextBytes(bytes);
			String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			try {
				byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
				return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
