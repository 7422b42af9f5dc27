package org.latchkey.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * An upstream OpenID Connect provider for the single sign-on tests: NAV's mock-oauth2-server, a real provider
 * that is none of Latchkey's code (discovery, authorization, token and JWKS endpoints, signed ID tokens), started
 * on a free port. Each sign-in's ID token says what the test tells it ({@link #nextSignIn}), valid for a month,
 * and is stamped ({@code iat}, {@code nbf}, {@code exp}) by the clock the test gives it ({@link #follow}): the
 * test context's clock, which other test classes move forward by days, so Latchkey and the provider agree on
 * the time whatever ran before.
 */
public final class UpstreamProvider implements AutoCloseable {

	/** The issuer Latchkey is registered with; another issuer of the same server signs with other keys. */
	public static final String ISSUER_ID = "default";

	private static final long A_MONTH = 30L * 24 * 3600;

	private volatile Clock clock = Clock.systemUTC();

	private final MockOAuth2Server server = new MockOAuth2Server(
			new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(() -> this.clock.instant())));

	public UpstreamProvider() {
		this.server.start();
		// the server's first answers (and each issuer's first key) take a while to make: made now, they do not
		// count against the short timeout the tests give Latchkey
		HttpClient http = HttpClient.newHttpClient();
		for (String issuer : List.of(ISSUER_ID, "another")) {
			for (var url : List.of(this.server.wellKnownUrl(issuer), this.server.jwksUrl(issuer))) {
				try {
					http.send(HttpRequest.newBuilder(url.uri()).timeout(Duration.ofSeconds(30)).build(),
							HttpResponse.BodyHandlers.discarding());
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			}
		}
	}

	/** Stamps the next tokens with this clock's time. */
	public void follow(Clock clock) {
		this.clock = clock;
	}

	public String issuer() {
		return this.server.issuerUrl(ISSUER_ID).toString();
	}

	public String endSessionEndpoint() {
		return this.server.endSessionEndpointUrl(ISSUER_ID).toString();
	}

	/** The next sign-in's ID token: for {@code subject}, with these claims, for the client that asks. */
	public void nextSignIn(String subject, Map<String, Object> claims) {
		this.server.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", null, claims, A_MONTH));
	}

	/** The next sign-in's ID token, for a person with a verified email (or not). */
	public void nextSignIn(String subject, String email, boolean verified) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("email", email);
		claims.put("email_verified", verified);
		claims.put("amr", List.of("pwd"));
		nextSignIn(subject, claims);
	}

	/** The keys (JWKS) of another issuer of this server: none of them signs this issuer's tokens. */
	public String anotherIssuersKeys() {
		return this.server.jwksUrl("another").toString();
	}

	/** The next ID token, issued to another client. */
	public void nextSignInFor(String audience, String subject, Map<String, Object> claims) {
		Map<String, Object> forAnother = new LinkedHashMap<>(claims);
		forAnother.put("aud", List.of(audience));
		this.server.enqueueCallback(
				new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of(audience), forAnother, A_MONTH));
	}

	/** The next ID token, expired an hour ago. */
	public void nextSignInExpired(String subject, Map<String, Object> claims) {
		this.server.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", null, claims, -3600));
	}

	@Override
	public void close() {
		this.server.shutdown();
	}

}
