package org.latchkey.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.latchkey.testing.ApplicationScenarios;
import org.latchkey.testing.LatchkeyTest;
import org.latchkey.testing.LogRecorder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multipart bodies, which no route takes, sent anonymously and without a CSRF token: each is refused with the
 * product's error page and a client error, whatever its size or method, and leaves one line in the log, never a
 * stack trace (a flood of them must not flood the log).
 */
@LatchkeyTest
class MultipartRequestTests extends ApplicationScenarios {

	private static final String BOUNDARY = "latchkey-test-boundary";

	private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void oneMebibytePartIsRefusedWithTheProductsPageAndNoStackTrace() throws Exception {
		int before = LogRecorder.lines().size();

		for (String path : List.of("/login", "/first-login", "/account/password", "/admin/users")) {
			for (boolean file : List.of(true, false)) {
				HttpResponse<String> answer = send("POST", path, "", part(1024 * 1024, file));
				assertThat(answer.statusCode()).as(path).isIn(400, 413);
				assertThat(answer.body()).as(path)
					.contains("Latchkey")
					.doesNotContain("Exception")
					.doesNotContain("\tat ");
			}
		}

		List<String> logged = LogRecorder.lines().subList(before, LogRecorder.lines().size());
		assertThat(logged).noneMatch(line -> line.contains("\tat ") || line.contains("Exception"));
		assertThat(logged.stream().filter(line -> line.contains("multipart"))).hasSize(8);
	}

	@Test
	void malformedQueryWithAMultipartBodyOnAnyMethodIsAClientError() throws Exception {
		int containerErrors = LogRecorder.containerErrors();

		for (String method : List.of("DELETE", "PUT", "PATCH", "POST")) {
			HttpResponse<String> answer = send(method, "/account/methods/confirm", "?code=%C3%28&%FF=%FE", part(128 * 1024, false));
			assertThat(answer.statusCode()).as(method).isIn(400, 413);
		}

		assertThat(LogRecorder.containerErrors()).isEqualTo(containerErrors);
	}

	private HttpResponse<String> send(String method, String path, String query, byte[] body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path + query))
			.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
			.header("Accept", "text/html")
			.method(method, HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** One part of {@code size} bytes: a file, or a plain field. */
	private static byte[] part(int size, boolean file) {
		String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\""
				+ (file ? "; filename=\"f.bin\"\r\nContent-Type: application/octet-stream" : "") + "\r\n\r\n";
		String tail = "\r\n--" + BOUNDARY + "--\r\n";
		return (head + "x".repeat(size) + tail).getBytes(StandardCharsets.US_ASCII);
	}

}
