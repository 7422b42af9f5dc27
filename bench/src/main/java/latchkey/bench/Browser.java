package latchkey.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One person's browser: its own cookies (sent back as a browser does, forgotten when the server expires
 * them), the CSRF token read from the form of the last page, and no automatic redirects, so that each step is
 * timed on its own. All browsers share one JDK {@link HttpClient} and its keep-alive connections.
 */
final class Browser {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final String base;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	private String csrf;

	Browser(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/** A page; its form's CSRF token is kept for the next POST. */
	Page get(String path) throws IOException, InterruptedException {
		return send(request(path).GET().build());
	}

	/** Submits a form with the CSRF token of the last page read. */
	Page post(String path, String... fields) throws IOException, InterruptedException {
		StringJoiner body = new StringJoiner("&");
		for (int i = 0; i < fields.length; i += 2) {
			body.add(encode(fields[i]) + "=" + encode(fields[i + 1]));
		}
		if (this.csrf != null) {
			body.add("_csrf=" + encode(this.csrf));
		}
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build());
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60))
			.header("User-Agent", "latchkey-bench")
			.header("Accept", "text/html");
		if (!this.cookies.isEmpty()) {
			StringJoiner header = new StringJoiner("; ");
			this.cookies.forEach((name, value) -> header.add(name + "=" + value));
			request.header("Cookie", header.toString());
		}
		return request;
	}

	private Page send(HttpRequest request) throws IOException, InterruptedException {
		HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
		for (String cookie : response.headers().allValues("Set-Cookie")) {
			keep(cookie);
		}
		Matcher token = CSRF.matcher(response.body());
		if (token.find()) {
			this.csrf = token.group(1);
		}
		String location = response.headers().firstValue("Location").map(this::path).orElse(null);
		return new Page(response.statusCode(), location, response.body());
	}

	private void keep(String setCookie) {
		String pair = setCookie.split(";", 2)[0];
		int equals = pair.indexOf('=');
		String name = pair.substring(0, equals).trim();
		String value = pair.substring(equals + 1).trim();
		String attributes = setCookie.toLowerCase(java.util.Locale.ROOT);
		if (value.isEmpty() || attributes.contains("max-age=0")) {
			this.cookies.remove(name);
		}
		else {
			this.cookies.put(name, value);
		}
	}

	private String path(String location) {
		return location.startsWith(this.base) ? location.substring(this.base.length()) : location;
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	/** A response: its status, where it redirects (as a path on this server), and its body. */
	record Page(int status, String location, String body) {

		/** Throws unless this is a redirect to {@code path}. */
		Page redirectsTo(String path) {
			if (this.status != 302 || !path.equals(this.location)) {
				throw new StepFailed("expected a redirect to " + path + ", got " + this.status + " "
						+ (this.location != null ? this.location : ""));
			}
			return this;
		}

		/** Throws unless this is a 200 page with a form posting to {@code action}. */
		Page hasForm(String action) {
			if (this.status != 200 || !this.body.contains("action=\"" + action + "\"")) {
				throw new StepFailed("expected a page with a form to " + action + ", got " + this.status);
			}
			return this;
		}

		/** Throws unless this is a 200 page. */
		Page ok() {
			if (this.status != 200) {
				throw new StepFailed("expected a page, got " + this.status);
			}
			return this;
		}

	}

	/** A step that did not answer as a browser expects: counted as an error. */
	static final class StepFailed extends RuntimeException {

		StepFailed(String message) {
			super(message, null, false, false);
		}

	}

}
