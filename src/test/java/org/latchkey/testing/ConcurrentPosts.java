package org.latchkey.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Fires form posts at once, each from its own thread, released together by one latch, the way an attacker
 * replays a captured request. Each post carries the cookie it is given as it stands, never a cookie a
 * response sets, so an answer to one post cannot change what the others send.
 */
public final class ConcurrentPosts {

	private static final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private ConcurrentPosts() {
	}

	/** One post: where it goes, the session cookie it carries, and its form fields (CSRF token included). */
	public record Post(int port, String path, String sessionCookie, Map<String, String> fields) {
	}

	/** One answer: its status and where it redirects (as a path of the server), if it does. */
	public record Answer(int status, String location) {

		public boolean redirectsTo(String path) {
			return this.status == 302 && path.equals(this.location);
		}

	}

	/** Sends every post at the same moment and returns the answers, in the order of the posts. */
	public static List<Answer> send(List<Post> posts) throws Exception {
		List<Callable<Answer>> calls = new ArrayList<>();
		for (Post post : posts) {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + post.port() + post.path()))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "text/html")
				.header("Cookie", "LATCHKEY_SESSION=" + post.sessionCookie())
				.timeout(Duration.ofSeconds(60))
				.POST(HttpRequest.BodyPublishers.ofString(Browser.encode(post.fields()), StandardCharsets.UTF_8))
				.build();
			calls.add(() -> {
				HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
				return new Answer(response.statusCode(), response.headers()
					.firstValue("Location")
					.orElse("")
					.replaceFirst("^http://localhost:\\d+", ""));
			});
		}
		return AtOnce.all(calls);
	}

}
