package org.latchkey.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A local stand-in for an SMS provider's HTTP API (Twilio's or any other), on a random port of the loopback
 * interface, so the production clients run against it. It records every request, answers 201 unless told
 * otherwise, and can answer an error or hang past the client's timeout for the next requests.
 *
 * <pre>
 * SmsProviderStub provider = SmsProviderStub.shared(); // Twilio to every application; or provider.url("/send")
 * String number = SmsProviderStub.newNumber();
 * provider.answerTo(number, 400, "{\"message\":\"bad number\"}");
 * ...
 * String code = provider.awaitRequestsTo(number, 1).get(0).code();
 * </pre>
 */
public final class SmsProviderStub implements AutoCloseable {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private static final Pattern ORIGIN_BOUND_CODE = Pattern.compile("(?m)^@(\\S+) #([0-9A-Za-z]+)\\s*\\z");

	/** Starts from the clock, so runs that share a database do not reuse numbers. */
	private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() / 1000 % 10_000_000);

	private static SmsProviderStub shared;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

	private final Map<String, Queue<Answer>> answersTo = new ConcurrentHashMap<>();

	/** Twilio Verify: the code the stub wrote for each number's pending verification. */
	private final Map<String, String> verifyCodes = new ConcurrentHashMap<>();

	private final SecureRandom random = new SecureRandom();

	private SmsProviderStub(HttpServer server) {
		this.server = server;
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	private static SmsProviderStub start() {
		try {
			return new SmsProviderStub(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The stub of this JVM, started the first time it is asked for: {@link SharedServers} makes it every
	 * application's Twilio. Each test sends to numbers of its own, and reads only their requests.
	 */
	public static synchronized SmsProviderStub shared() {
		if (shared == null) {
			shared = start();
		}
		return shared;
	}

	/** Stops the stub of this JVM, if it was started. */
	static synchronized void closeShared() {
		if (shared != null) {
			shared.close();
			shared = null;
		}
	}

	/** {@code http://127.0.0.1:<port>}, to use as Twilio's base URL. */
	public String baseUrl() {
		return "http://" + this.server.getAddress().getHostString() + ":" + this.server.getAddress().getPort();
	}

	/** The absolute URL of a path of the stub, for a generic HTTP provider. */
	public String url(String path) {
		return baseUrl() + path;
	}

	/**
	 * The next request for this number is answered with this status and body (JSON); no request for another
	 * number (from another test or application) takes it.
	 */
	public SmsProviderStub answerTo(String number, int status, String body) {
		this.answersTo.computeIfAbsent(number, key -> new ConcurrentLinkedQueue<>())
			.add(new Answer(status, body, Duration.ZERO));
		return this;
	}

	/** The next request for this number is answered 201 only after this delay, to outlast a timeout. */
	public SmsProviderStub hangTo(String number, Duration delay) {
		this.answersTo.computeIfAbsent(number, key -> new ConcurrentLinkedQueue<>())
			.add(new Answer(201, "{\"status\":\"queued\"}", delay));
		return this;
	}

	/**
	 * A valid French mobile number that no other test uses. All of {@code +33 6 1…} is valid; some of
	 * {@code +33 6…} is not ({@code +33 6 39…}, {@code +33 6 90…} and others: 8 % of it), and a run whose
	 * counter started there failed every test that sent to its numbers.
	 */
	public static String newNumber() {
		return "+3361" + String.format("%07d", NUMBERS.incrementAndGet() % 10_000_000);
	}

	/** Every request received so far, oldest first. */
	public List<Request> requests() {
		synchronized (this.requests) {
			return List.copyOf(this.requests);
		}
	}

	/** The requests received so far for this number, oldest first. */
	public List<Request> requestsTo(String number) {
		return requests().stream().filter(request -> request.isTo(number)).toList();
	}

	/** Waits until at least {@code count} requests for this number arrived, and returns them. */
	public List<Request> awaitRequestsTo(String number, int count) {
		return await().atMost(PATIENCE).until(() -> requestsTo(number), received -> received.size() >= count);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			Map<String, String> headers = new LinkedHashMap<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
			Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers,
					new String(in.readAllBytes(), StandardCharsets.UTF_8));
			this.requests.add(request);
			Answer answer = this.answersTo.entrySet()
				.stream()
				.filter(entry -> request.isTo(entry.getKey()))
				.map(entry -> entry.getValue().poll())
				.filter(Objects::nonNull)
				.findFirst()
				.orElse(null);
			if (answer == null) {
				answer = twilioVerify(request);
			}
			if (answer == null) {
				answer = new Answer(201, "{\"sid\":\"SM00000000000000000000000000000000\",\"status\":\"queued\"}",
						Duration.ZERO);
			}
			if (!answer.delay().isZero()) {
				try {
					Thread.sleep(answer.delay().toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(answer.status(), body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	/**
	 * Answers like Twilio Verify: {@code …/Verifications} writes a code for the number (read it with
	 * {@link #awaitVerifyCode}) and answers {@code pending}; {@code …/VerificationCheck} answers {@code approved}
	 * once for that code, {@code pending} for another, and 404 when no verification is pending for the number.
	 */
	private Answer twilioVerify(Request request) {
		if (!request.path().startsWith("/v2/Services/")) {
			return null;
		}
		Map<String, String> form = request.form();
		String to = form.getOrDefault("To", "");
		if (request.path().endsWith("/Verifications")) {
			String code = "%06d".formatted(this.random.nextInt(1_000_000));
			this.verifyCodes.put(to, code);
			Secrets.seen(code);
			return new Answer(201, "{\"sid\":\"VE00000000000000000000000000000000\",\"status\":\"pending\"}",
					Duration.ZERO);
		}
		if (request.path().endsWith("/VerificationCheck")) {
			String code = this.verifyCodes.get(to);
			if (code == null) {
				return new Answer(404, "{\"code\":20404,\"message\":\"The requested resource was not found\"}",
						Duration.ZERO);
			}
			boolean approved = code.equals(form.get("Code")) && this.verifyCodes.remove(to, code);
			return new Answer(200, "{\"status\":\"" + (approved ? "approved" : "pending") + "\"}", Duration.ZERO);
		}
		return null;
	}

	/** The code the stub wrote, as Twilio Verify, for the number's pending verification, once it exists. */
	public String awaitVerifyCode(String number) {
		return await().atMost(PATIENCE).until(() -> this.verifyCodes.get(number), Objects::nonNull);
	}

	private record Answer(int status, String body, Duration delay) {
	}

	/**
	 * One request the stub received.
	 *
	 * @param headers the headers, names in lower case
	 */
	public record Request(String method, String path, Map<String, String> headers, String body) {

		/** Whether the SMS goes to this number: the body names it, as it is or form-encoded. */
		public boolean isTo(String number) {
			return this.body.contains(number)
					|| this.body.contains(URLEncoder.encode(number, StandardCharsets.UTF_8));
		}

		/** The body's fields, when it is form-encoded (Twilio's {@code To}, {@code From}, {@code Body}). */
		public Map<String, String> form() {
			Map<String, String> fields = new LinkedHashMap<>();
			for (String pair : this.body.split("&")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
				}
			}
			return fields;
		}

		/** The body, when it is JSON. */
		public JsonNode json() {
			return JsonMapper.shared().readTree(this.body);
		}

		/**
		 * The SMS text: Twilio's {@code Body} field, or the {@code message} or {@code text} field of a form or
		 * JSON body.
		 */
		public String text() {
			if (this.headers.getOrDefault("content-type", "").startsWith("application/json")) {
				JsonNode json = json();
				return json.has("message") ? json.get("message").asString() : json.get("text").asString();
			}
			Map<String, String> form = form();
			return form.getOrDefault("Body", form.getOrDefault("message", form.get("text")));
		}

		/** The code of the text's origin-bound last line ({@code @host #code}). */
		public String code() {
			Matcher line = ORIGIN_BOUND_CODE.matcher(text());
			if (!line.find()) {
				throw new AssertionError("The SMS does not end with an origin-bound code line");
			}
			return line.group(2);
		}

		/** The host of the text's origin-bound last line. */
		public String codeHost() {
			Matcher line = ORIGIN_BOUND_CODE.matcher(text());
			if (!line.find()) {
				throw new AssertionError("The SMS does not end with an origin-bound code line");
			}
			return line.group(1);
		}

	}

}
