package org.latchkey.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the Verify API as an application writes one: JSON over HTTP with its key in
 * {@code Authorization: Bearer}, no cookie. The key is remembered as a secret the log must not show.
 */
public final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final String base;

	private final @Nullable String key;

	public ApiClient(int port, @Nullable String key) {
		this.base = "http://localhost:" + port;
		this.key = key;
		if (key != null) {
			Secrets.seen(key);
		}
	}

	/** The same server, another key (or none). */
	public ApiClient as(@Nullable String otherKey) {
		return new ApiClient(Integer.parseInt(this.base.substring(this.base.lastIndexOf(':') + 1)), otherKey);
	}

	public Answer get(String path) {
		return send("GET", path, null, Map.of());
	}

	public Answer delete(String path) {
		return send("DELETE", path, null, Map.of());
	}

	/** POSTs the fields as a JSON object. */
	public Answer post(String path, Map<String, ?> fields) {
		return send("POST", path, JSON.writeValueAsString(fields), Map.of());
	}

	public Answer post(String path, Map<String, ?> fields, Map<String, String> headers) {
		return send("POST", path, JSON.writeValueAsString(fields), headers);
	}

	/** Sends a body as it is, with the headers given (the content type among them, or JSON). */
	public Answer send(String method, String path, @Nullable String body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		if (this.key != null) {
			request.header("Authorization", "Bearer " + this.key);
		}
		Map<String, String> all = new LinkedHashMap<>();
		if (body != null) {
			all.put("Content-Type", "application/json");
		}
		all.putAll(headers);
		all.forEach(request::header);
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers().map().entrySet().stream()
				.collect(LinkedHashMap::new, (map, entry) -> map.put(entry.getKey().toLowerCase(), entry.getValue()
					.get(0)), Map::putAll), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An answer.
	 *
	 * @param headers the first value of each header, names in lower case
	 */
	public record Answer(int status, Map<String, String> headers, String body) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		/** A text field of the JSON body. */
		public String text(String field) {
			JsonNode value = json().get(field);
			return (value == null || value.isNull()) ? null : value.asString();
		}

		public int number(String field) {
			return json().get(field).asInt();
		}

		public Optional<String> header(String name) {
			return Optional.ofNullable(this.headers.get(name.toLowerCase()));
		}

		public String contentType() {
			return this.headers.getOrDefault("content-type", "");
		}

	}

}
