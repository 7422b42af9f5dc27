package org.latchkey.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.latchkey.account.Account;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.Browser;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.People;
import org.latchkey.testing.SessionCookies;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests over plain HTTP whose {@code Host} header names another site: no redirect leads there (to the
 * sign-in page, after signing in or out), and a request the server cannot even parse gets the product's
 * error page with its security headers, not the container's.
 */
@LatchkeyTest
class HostHeaderTests extends ApplicationScenarios {

	private static final String EVIL = "evil.example";

	@Test
	void protectedPageSendsToTheSignInPageOfThisServer() throws IOException {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);

		for (String path : List.of("/account", "/admin/users", "/account/sessions?x=1")) {
			String answer = raw("GET " + path + " HTTP/1.1\r\nHost: " + EVIL + "\r\nConnection: close\r\n\r\n");

			assertThat(answer).as(path).startsWith("HTTP/1.1 302");
			assertThat(location(answer)).as(path).doesNotContain(EVIL).contains("/login");
		}
	}

	@Test
	void signingOutAndSigningInStayOnThisServer() throws IOException {
		this.policy.changeTwoFactorMode(TwoFactorMode.OFF);
		Account alice = People.alice(this.accounts);
		Browser browser = new Browser(this.port);
		assertThat(browser.signIn(alice.login(), People.PASSWORD).location()).isEqualTo("/");
		String csrf = browser.get("/account").csrf();
		String body = "_csrf=" + csrf;

		String answer = raw("POST /logout HTTP/1.1\r\nHost: " + EVIL + "\r\nCookie: " + SessionCookies.NAME + "="
				+ SessionCookies.of(browser) + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
				+ body.length() + "\r\nConnection: close\r\n\r\n" + body);

		assertThat(answer).startsWith("HTTP/1.1 302");
		assertThat(location(answer)).doesNotContain(EVIL).contains("/login?logout");
	}

	@Test
	void requestTheServerCannotParseGetsTheProductsPageAndHeaders() throws IOException {
		String answer = raw("GET /login?a=<b> HTTP/1.1\r\nHost: " + EVIL + "\r\nConnection: close\r\n\r\n");

		assertThat(answer).startsWith("HTTP/1.1 400");
		assertThat(answer).containsIgnoringCase("X-Content-Type-Options: nosniff")
			.containsIgnoringCase("Content-Security-Policy:")
			.contains("Latchkey")
			.doesNotContain("Apache Tomcat");
	}

	private static String location(String answer) {
		return answer.lines()
			.filter(line -> line.regionMatches(true, 0, "Location:", 0, 9))
			.findFirst()
			.orElse("");
	}

	/** Sends the bytes as they are and reads the whole answer, the server closing the connection. */
	private String raw(String request) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

}
