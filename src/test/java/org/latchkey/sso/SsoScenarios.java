package org.latchkey.sso;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.MailScenarios;
import org.latchkey.testing.Secrets;
import org.latchkey.testing.UpstreamProvider;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * A base for the single sign-on scenarios: one upstream provider (NAV's mock-oauth2-server) per test class,
 * closed after it, and the steps of a sign-in through it as a browser takes them.
 */
abstract class SsoScenarios extends MailScenarios {

	static final String CLIENT_ID = "latchkey";

	static final String CLIENT_SECRET = "upstream-client-secret-7Qx9";

	static UpstreamProvider upstream;

	@Autowired
	SsoProviders providers;

	/** The provider stamps its ID tokens with this context's clock, as Latchkey checks them. */
	@BeforeEach
	void providerFollowsTheClock() {
		upstream.follow(this.clock);
	}

	@BeforeAll
	static void startTheUpstreamProvider() {
		Secrets.seen(CLIENT_SECRET);
		upstream = new UpstreamProvider();
	}

	@AfterAll
	static void stopTheUpstreamProvider() {
		upstream.close();
	}

	/** A provider registered for the upstream, enabled, with these policies. */
	SsoProvider provider(ProviderLinking linking, SecondFactorAfterSso secondFactor, String... acceptedAcr) {
		return this.providers.add(upstream.issuer(), new ProviderSettings("Contoso", "Sign in with Contoso",
				CLIENT_ID, CLIENT_SECRET, "openid email profile", "email", linking, secondFactor,
				List.of(acceptedAcr)));
	}

	SsoProvider provider(ProviderLinking linking) {
		return provider(linking, SecondFactorAfterSso.TRUST_PROVIDER);
	}

	/** Clicks the provider's button and follows the provider back: the answer of Latchkey's callback. */
	static Page signInThrough(Browser browser, SsoProvider provider) {
		Page toProvider = browser.get("/login/sso/" + provider.id());
		if (toProvider.status() != 302) {
			return toProvider;
		}
		Page back = toProvider.follow();
		if (!back.location().contains("/login/sso/callback")) {
			throw new AssertionError("The provider did not send the browser back: " + back.status() + " "
					+ back.location());
		}
		return back.follow();
	}

	/** The address the provider sent the browser back to, not followed. */
	static String callbackOf(Browser browser, SsoProvider provider) {
		return browser.get("/login/sso/" + provider.id()).follow().location();
	}

	static Map<String, Object> person(String email) {
		return Map.of("email", email, "email_verified", true, "amr", List.of("pwd"));
	}

	long audited(String event, String outcome, String detailLike) {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE event = :event AND outcome = :outcome"
				+ " AND detail LIKE :detail")
			.param("event", event)
			.param("outcome", outcome)
			.param("detail", detailLike)
			.query(Long.class)
			.single();
	}

}
