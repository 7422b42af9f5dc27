package org.latchkey.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.LatchkeyTest;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The session cookie's domain ({@code LATCHKEY_COOKIE_DOMAIN}), for forward authentication to sibling hosts:
 * behind TLS the cookie carries the domain and the {@code __Secure-} prefix, never {@code __Host-} (which
 * browsers refuse with a domain), and stays {@code Secure} and {@code HttpOnly}; a value that is not a host name
 * stops the start.
 */
@LatchkeyTest
@TestPropertySource(properties = { SecureTransportTests.BEHIND_TLS, SecureTransportTests.TRUSTED_LOOPBACK,
		"latchkey.cookie-domain=Example.test" })
class CookieDomainTests extends ApplicationScenarios {

	@Test
	void sessionCookieCarriesTheDomainAndTheSecurePrefixBehindTls() {
		Browser browser = Browser.behindTlsProxy(SecureTransportTests.PUBLIC, this.port);

		List<String> cookies = browser.get("/login").response().headers().allValues("Set-Cookie");

		assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("__Secure-LATCHKEY_SESSION=")
			.containsIgnoringCase("Domain=example.test")
			.contains("Secure")
			.contains("HttpOnly"));
		assertThat(cookies).noneMatch(cookie -> cookie.startsWith("__Host-LATCHKEY_SESSION="));
	}

	@Test
	void domainThatIsNotAHostNameStopsTheStart() {
		assertThat(CookieDomains.checked(" .Example.COM ")).isEqualTo("example.com");
		assertThat(CookieDomains.checked("")).isNull();
		for (String bad : List.of("https://example.com", "example.com:443", "*.example.com", "example.com/",
				"exa mple.com", "example.com;")) {
			assertThatIllegalStateException().isThrownBy(() -> CookieDomains.checked(bad));
		}
	}

}
