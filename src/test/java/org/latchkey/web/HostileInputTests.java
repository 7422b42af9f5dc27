package org.latchkey.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.latchkey.LatchkeyApplication;
import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.TwoFactorMode;
import org.latchkey.testing.Browser;
import org.latchkey.testing.LogRecorder;
import org.latchkey.testing.People;
import org.latchkey.testing.Routes;
import org.latchkey.testing.Routes.Route;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated hostile requests to every route (read from the handler mapping), anonymous and as a signed-in
 * administrator, with a valid CSRF token or none: odd methods and content types, over-long fields, control
 * characters and bytes that are not UTF-8, wrong types, missing and repeated fields, bodies over the size
 * limit. No answer is a 5xx or shows a stack trace, none is logged by the container as a server error, and
 * none changes the accounts, factors or policy.
 * The requests come from a seeded generator. {@code mvn test} replays a fixed list of seeds, every one that
 * ever found a bug among them, so that it is deterministic; {@code -Dlatchkey.test.hostile-runs=N} draws N random
 * seeds instead, to search for new bugs, and a seed that finds one joins {@link #SEEDS} with its fix.
 */
class HostileInputTests {

	private static final int TRIES = 300;

	/**
	 * The seeds {@code mvn test} replays: first those that found a bug (a 500 for a body over the form limit
	 * with a malformed query, …), then a few more that reach every kind of request.
	 */
	static final List<Long> SEEDS = List.of(18677413724530L, 28619987796495L, 1L, 20260101L, 424242424242L);

	/** {@code server.tomcat.max-http-form-post-size} */
	private static final int FORM_LIMIT = 1024 * 1024;

	/** {@code server.max-http-request-header-size}, which holds the request line too */
	private static final int HEADER_LIMIT = 16 * 1024;

	private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE",
			"PROPFIND", "HEAD");

	private static final List<String> CONTENT_TYPES = List.of("application/x-www-form-urlencoded",
			"application/x-www-form-urlencoded; charset=ISO-8859-1", "multipart/form-data; boundary=xyz",
			"multipart/form-data", "application/json", "text/plain", "application/xml", "garbage/;;;=",
			"application/x-www-form-urlencoded; charset=no-such-charset", "");

	private static final List<String> FIELDS = List.of("username", "password", "code", "email", "identifier",
			"token", "login", "displayName", "businessEmail", "role", "enabled", "length", "page", "q", "user",
			"event", "method", "current", "ended", "continue", "_csrf");

	private static final List<String> ODD_VALUES = List.of("-1", "99999999999999999999999", "abc", "true", "NaN",
			"0x10", "1e9", "", "%", "%zz", "%C3%28", "%FF%FE", "%00", "a%0d%0aSet-Cookie:%20x=y",
			"<script>alert(1)</script>", "' OR '1'='1", "${7*7}", "[[${7*7}]]", "__${T(java.lang.Runtime)}__::.x");

	/** Routes that act on their own, without a field: posting them as an administrator is no attack. */
	private static final Set<String> ACTIONS = Set.of("/logout", "/disable", "/enable", "/invitation",
			"/password-reset/email", "/password-reset/temporary", "/two-factor-email/reset", "/test", "/retry",
			"/authenticator/start", "/unlock", "/secret");

	private static final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private static final AtomicInteger sent = new AtomicInteger();

	private static final AtomicInteger clientErrors = new AtomicInteger();

	private static final AtomicInteger serverErrors = new AtomicInteger();

	private static final AtomicInteger closedConnections = new AtomicInteger();

	private static ConfigurableApplicationContext application;

	private static int port;

	private static List<Route> routes;

	private static Session anonymous;

	private static Session administrator;

	/** A browser's session as a raw request carries it. */
	record Session(String cookie, String csrf) {
	}

	@BeforeAll
	static void startTheApplication() throws IOException {
		application = new SpringApplicationBuilder(LatchkeyApplication.class).run(
				"--spring.datasource.url=jdbc:h2:mem:hostile;DB_CLOSE_DELAY=-1", "--server.port=0",
				"--latchkey.data-directory=" + Files.createTempDirectory("latchkey-hostile-"),
				"--latchkey.delivery.notifier=file");
		port = ((WebServerApplicationContext) application).getWebServer().getPort();
		application.getBean(OrganisationPolicy.class).changeTwoFactorMode(TwoFactorMode.OFF);
		Account ada = People.ada(application.getBean(AccountManagement.class));
		routes = new ArrayList<>();
		for (String method : List.of("GET", "POST")) {
			routes.addAll(Routes.of(application.getBean("requestMappingHandlerMapping",
					RequestMappingHandlerMapping.class), method, Map.of("id", Long.toString(ada.id()))));
		}
		Browser visitor = new Browser(port);
		anonymous = new Session(visitor.get("/login").browser().cookie("LATCHKEY_SESSION").orElseThrow(),
				visitor.get("/login").csrf());
		Browser admin = new Browser(port);
		assertThat(admin.signIn(ada.login(), People.PASSWORD).location()).isEqualTo("/");
		administrator = new Session(admin.cookie("LATCHKEY_SESSION").orElseThrow(), admin.get("/").csrf());
	}

	@AfterAll
	static void stopTheApplication() {
		System.out.printf("Hostile input: %d requests answered, %d of them 4xx, %d 5xx; %d oversized requests "
				+ "refused by closing the connection%n", sent.get(), clientErrors.get(), serverErrors.get(), closedConnections.get());
		if (application != null) {
			application.close();
		}
	}

	private static void refusedWithoutAChange(Hostile hostile) throws Exception {
		String before = storedState();
		int containerErrors = LogRecorder.containerErrors();
		HttpResponse<String> answer;
		try {
			answer = client.send(hostile.request(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException closed) {
			// a body or a request line over the server's limits may be refused by closing the connection
			assertThat(hostile.body().length > FORM_LIMIT || hostile.query().length() > HEADER_LIMIT)
				.as(hostile + ": " + closed)
				.isTrue();
			assertThat(storedState()).as(hostile.toString()).isEqualTo(before);
			closedConnections.incrementAndGet();
			return;
		}
		sent.incrementAndGet();
		if (answer.statusCode() >= 400 && answer.statusCode() < 500) {
			clientErrors.incrementAndGet();
		}
		if (answer.statusCode() >= 500) {
			serverErrors.incrementAndGet();
		}

		assertThat(answer.statusCode()).as(hostile.toString()).isLessThan(500);
		assertThat(answer.body()).as(hostile.toString())
			.doesNotContain("Exception")
			.doesNotContain("\tat ")
			.doesNotContain("Whitelabel")
			.doesNotContainIgnoringCase("stack trace");
		assertThat(LogRecorder.containerErrors()).as(hostile + ": logged by the container as a server error")
			.isEqualTo(containerErrors);
		assertThat(storedState()).as(hostile.toString()).isEqualTo(before);
	}

	/** One generated request and how to describe it when it fails. */
	record Hostile(String method, String path, String query, String contentType, byte[] body, Session session,
			boolean withCsrf) {

		HttpRequest request() {
			HttpRequest.Builder request = HttpRequest
				.newBuilder(URI.create("http://localhost:" + port + this.path + (this.query.isEmpty() ? "" : "?" + this.query)))
				.timeout(Duration.ofSeconds(60))
				.header("Cookie", "LATCHKEY_SESSION=" + this.session.cookie())
				.header("Accept", "text/html");
			if (!this.contentType.isEmpty()) {
				request.header("Content-Type", this.contentType);
			}
			if (this.withCsrf) {
				request.header("X-CSRF-TOKEN", this.session.csrf());
			}
			return request.method(this.method, HttpRequest.BodyPublishers.ofByteArray(this.body)).build();
		}

		@Override
		public String toString() {
			return this.method + " " + this.path + "?" + abbreviate(this.query) + " [" + this.contentType + ", "
					+ this.body.length + " bytes: " + abbreviate(new String(this.body, StandardCharsets.ISO_8859_1))
					+ ", " + ((this.session == administrator) ? "administrator" : "anonymous")
					+ (this.withCsrf ? ", with CSRF token" : ", no CSRF token") + "]";
		}

		private static String abbreviate(String text) {
			return (text.length() <= 200) ? text : text.substring(0, 200) + "…(" + text.length() + ")";
		}

	}

	/**
	 * Three hundred requests drawn from each seed's generator: by default the seeds of {@link #SEEDS};
	 * {@code -Dlatchkey.test.hostile-seed=N} replays one seed, and {@code -Dlatchkey.test.hostile-runs=N}
	 * searches N random seeds, each printed as it starts.
	 */
	@TestFactory
	Stream<DynamicContainer> hostileRequestsAreRefusedWithoutAServerErrorOrAChange() {
		return seeds().stream()
			.map(seed -> DynamicContainer.dynamicContainer("seed " + seed, requests(seed)));
	}

	private static List<Long> seeds() {
		Long replay = Long.getLong("latchkey.test.hostile-seed");
		if (replay != null) {
			return List.of(replay);
		}
		int runs = Integer.getInteger("latchkey.test.hostile-runs", 0);
		if (runs <= 0) {
			return SEEDS;
		}
		Random seeds = new Random();
		return LongStream.generate(() -> seeds.nextLong() & 0xffff_ffff_ffffL).limit(runs).boxed().toList();
	}

	private static Stream<DynamicTest> requests(long seed) {
		Random random = new Random(seed);
		return IntStream.rangeClosed(1, TRIES).mapToObj(number -> DynamicTest.dynamicTest("request " + number, () -> {
			if (number == 1) {
				System.out.println("Hostile input: seed " + seed);
			}
			refusedWithoutAChange(hostile(random));
		}));
	}

	private static Hostile hostile(Random random) {
		Route target = pick(random, routes);
		String method = switch (random.nextInt(6)) {
			case 0, 1, 2 -> "POST";
			case 3, 4 -> "GET";
			default -> pick(random, METHODS);
		};
		boolean action = ACTIONS.stream().anyMatch(target.path()::endsWith);
		Session session = (random.nextBoolean() && !action) ? administrator : anonymous;
		byte[] body = (random.nextInt(13) == 0) ? ("login=" + "x".repeat(2_000_000)).getBytes() : fields(random);
		return new Hostile(method, target.path(), queryOf(fields(random)), pick(random, CONTENT_TYPES), body, session,
				random.nextInt(5) != 0);
	}

	/** A form body: known field names, repeated or missing, with hostile values, as raw bytes. */
	private static byte[] fields(Random random) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		int pairs = random.nextInt(9);
		for (int i = 0; i < pairs; i++) {
			if (i > 0) {
				body.write('&');
			}
			String name = random.nextBoolean() ? pick(random, FIELDS) : text(random, '\u0000', '\u00ff', 0, 20);
			body.writeBytes(encoded(name));
			body.write('=');
			body.writeBytes(value(random));
		}
		return body.toByteArray();
	}

	private static byte[] value(Random random) {
		return switch (random.nextInt(5)) {
			case 0 -> encoded(text(random, '\u0000', '\uffff', 0, 30));
			case 1 -> encoded(text(random, '\u0000', '\u001f', 1, 10));
			case 2 -> "a".repeat(1_000 + random.nextInt(299_000)).getBytes();
			case 3 -> pick(random, ODD_VALUES).getBytes();
			default -> {
				byte[] bytes = new byte[random.nextInt(41)];
				random.nextBytes(bytes);
				yield bytes;
			}
		};
	}

	private static String text(Random random, char lowest, char highest, int minLength, int maxLength) {
		StringBuilder text = new StringBuilder();
		int length = minLength + random.nextInt(maxLength - minLength + 1);
		for (int i = 0; i < length; i++) {
			text.append((char) (lowest + random.nextInt(highest - lowest + 1)));
		}
		return text.toString();
	}

	private static <T> T pick(Random random, List<T> choices) {
		return choices.get(random.nextInt(choices.size()));
	}

	/**
	 * A query the HTTP client can send: it refuses malformed escapes and characters a URI may not hold, so
	 * those are escaped here (the bodies carry them raw).
	 */
	private static String queryOf(byte[] query) {
		StringBuilder text = new StringBuilder();
		String raw = new String(query, StandardCharsets.ISO_8859_1);
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			boolean escape = c == '%' && !raw.substring(i + 1, Math.min(raw.length(), i + 3)).matches("[0-9A-Fa-f]{2}");
			if (!escape && (Character.isLetterOrDigit(c) && c < 128 || "-._~%&=+".indexOf(c) >= 0)) {
				text.append(c);
			}
			else {
				text.append('%').append(String.format("%02X", (int) c & 0xff));
			}
		}
		return text.toString();
	}

	private static byte[] encoded(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			all.writeBytes(part);
		}
		return all.toByteArray();
	}

	/** The accounts, factors, links and policy as stored: what no refused request may change. */
	private static String storedState() {
		JdbcClient jdbc = application.getBean(JdbcClient.class);
		StringBuilder state = new StringBuilder();
		for (String query : List.of("SELECT id, login, display_name, business_email, role, status FROM account ORDER BY id",
				"SELECT * FROM email_factor ORDER BY account_id", "SELECT * FROM authenticator_app ORDER BY account_id",
				"SELECT * FROM organisation_policy", "SELECT COUNT(*) FROM account_link",
				"SELECT COUNT(*) FROM temporary_password", "SELECT COUNT(*) FROM code_challenge",
				"SELECT * FROM phone_number ORDER BY account_id", "SELECT * FROM default_method ORDER BY account_id",
				"SELECT * FROM sms_settings", "SELECT COUNT(*) FROM oauth2_registered_client")) {
			jdbc.sql(query).query(rs -> {
				for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
					state.append(rs.getString(i)).append('|');
				}
				state.append('\n');
			});
		}
		return state.toString();
	}

}
