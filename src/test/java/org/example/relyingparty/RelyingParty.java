package org.example.relyingparty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A real relying party for tests: a Spring Security OAuth2 client application, started as a second
 * application context on its own port, that signs people in through Latchkey (discovery, code flow, token
 * exchange, ID token validation: signature, issuer, audience, nonce) and shows the claims of the ID token it
 * accepted at {@code /claims}. It lives outside {@code org.latchkey} so that neither Latchkey's component scan
 * nor a test's search for its configuration finds it.
 */
@SpringBootConfiguration
@SuppressWarnings("unused")
@EnableAutoConfiguration
@Import(RelyingParty.Claims.class)
public class RelyingParty {

	@Bean
	SecurityFilterChain signInThroughLatchkey(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
			.oauth2Login(Customizer.withDefaults());
		return http.build();
	}

	/** A free port, so that the redirect URI can be registered before the application starts. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static String redirectUri(int port) {
		return "http://localhost:" + port + "/login/oauth2/code/latchkey";
	}

	public static ConfigurableApplicationContext start(int port, String issuer, String clientId, String secret) {
		String registration = "spring.security.oauth2.client.registration.latchkey.";
		// arguments outrank Latchkey's application.properties, which is on the same class path and is not read
		return new SpringApplicationBuilder(RelyingParty.class).run(Stream.of("spring.config.name=relying-party",
					"server.port=" + port, "spring.application.name=relying-party",
					"spring.main.banner-mode=off", "spring.flyway.enabled=false",
					"spring.datasource.url=jdbc:h2:mem:relying-party-" + port,
					"spring.session.jdbc.initialize-schema=always",
					"spring.modulith.runtime.verification-enabled=false",
					"server.servlet.session.cookie.name=RP_SESSION",
					registration + "client-id=" + clientId, registration + "client-secret=" + secret,
					registration + "scope=openid,profile,email",
					registration + "authorization-grant-type=authorization_code",
					registration + "redirect-uri=" + redirectUri(port),
					"spring.security.oauth2.client.provider.latchkey.issuer-uri=" + issuer)
			.map(argument -> "--" + argument)
			.toArray(String[]::new));
	}

	@RestController
	static class Claims {

		@GetMapping("/claims")
		Map<String, Object> claims(@AuthenticationPrincipal OidcUser user) {
			return user.getIdToken().getClaims();
		}

		/** The same claims on a page a browser test can read (and check for accessibility like any other). */
		@GetMapping(value = "/signed-in", produces = "text/html")
		String signedIn(@AuthenticationPrincipal OidcUser user) {
			String claims = String.valueOf(user.getIdToken().getClaims().get("amr")) + " acr="
					+ user.getIdToken().getClaims().get("acr");
			return "<!DOCTYPE html><html lang=\"en\"><head><title>Relying party</title></head><body><main>"
					+ "<h1>Signed in to the relying party</h1><p id=\"claims\">"
					+ claims.replace("&", "&amp;").replace("<", "&lt;") + "</p></main></body></html>";
		}

	}

}
