package latchkey.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keycloak, the peer that {@code bench/run.sh --versus keycloak} measures beside Latchkey: its Quarkus
 * distribution from Maven Central ({@code run.sh} downloads and unpacks the pinned version into
 * {@code bench/target/keycloak}), built once for its embedded H2 database ({@code dev-file}) with health checks
 * on, then started with {@code kc.sh start --optimized} on the loopback, plain HTTP, a local cache, a fresh
 * database and the same JDK as the driver. The realm, its application and its users are made through the admin
 * REST API: Argon2id at Keycloak's defaults (7 MiB, 5 iterations, parallelism 1, Latchkey's equal-work option),
 * TOTP with SHA-1, 6 digits and 30-second steps, and for each user a password and an OTP credential holding the
 * same Base32 secret the Latchkey user has.
 */
final class Keycloak implements MeasuredProcess, AutoCloseable {

	static final String REALM = "bench";

	/** The hashing policy: Keycloak's Argon2id provider defaults to 7,168 KiB and parallelism 1. */
	static final String PASSWORD_POLICY = "hashAlgorithm(argon2) and hashIterations(5)";

	private static final String ADMIN = "admin";

	private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*\\baction=\"([^\"]+)\"");

	private static final HttpClient admin = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final Process launcher;

	private final ProcessHandle java;

	private final int port;

	private final String adminPassword;

	private final double readySeconds;

	private final String base;

	private Keycloak(Process launcher, ProcessHandle java, int port, String adminPassword, double readySeconds) {
		this.launcher = launcher;
		this.java = java;
		this.port = port;
		this.adminPassword = adminPassword;
		this.readySeconds = readySeconds;
		this.base = "http://127.0.0.1:" + port;
	}

	/**
	 * Builds the distribution in {@code home} for H2 and health checks unless that was done before, then starts
	 * it on a fresh database and waits until {@code /health/ready} on its management port says {@code UP}. The
	 * ready time counts from the launch of {@code kc.sh start}.
	 */
	static Keycloak start(Path home, Path directory) throws IOException, InterruptedException {
		if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
			throw new IllegalStateException("No Keycloak in " + home + ": bench/run.sh --versus keycloak downloads it");
		}
		Files.createDirectories(directory);
		Path built = home.resolve("bench-built");
		if (!Files.exists(built)) {
			Process build = launch(home, directory.resolve("keycloak-build.log"), Map.of(), "build", "--db=dev-file",
					"--health-enabled=true");
			if (!build.waitFor(10, TimeUnit.MINUTES) || build.exitValue() != 0) {
				throw new IllegalStateException("kc.sh build failed; see " + directory.resolve("keycloak-build.log"));
			}
			Files.writeString(built, "kc.sh build --db=dev-file --health-enabled=true\n");
		}
		// dev-file keeps its database in the distribution's data directory: a fresh one, as Latchkey gets
		EngineBench.deleteAll(home.resolve("data"));
		int port = Server.freePort();
		int management = Server.freePort(port);
		String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
		Map<String, String> environment = Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN, "KC_BOOTSTRAP_ADMIN_PASSWORD",
				password);
		Path log = directory.resolve("keycloak.log");
		long launched = System.nanoTime();
		Process launcher = launch(home, log, environment, "start", "--optimized", "--http-enabled=true",
				"--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + management,
				"--hostname-strict=false", "--cache=local");
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(launcher)));
		try {
			URI ready = URI.create("http://127.0.0.1:" + management + "/health/ready");
			double seconds = Server.waitUntilUp(launcher, ready, launched, 300, log);
			// kc.sh runs Java as its child: that process is the server whose CPU and memory count
			ProcessHandle java = launcher.toHandle().children().findFirst().orElse(launcher.toHandle());
			return new Keycloak(launcher, java, port, password, seconds);
		}
		catch (InterruptedException | RuntimeException ex) {
			stop(launcher);
			throw ex;
		}
	}

	private static Process launch(Path home, Path log, Map<String, String> environment, String... arguments)
			throws IOException {
		List<String> command = new ArrayList<>();
		command.add(home.resolve("bin/kc.sh").toString());
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
		// the driver's JDK, the one Latchkey runs on
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		builder.environment().putAll(environment);
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		return builder.start();
	}

	double readySeconds() {
		return this.readySeconds;
	}

	@Override
	public long pid() {
		return this.java.pid();
	}

	/**
	 * Creates the benchmark's realm: the hashing and OTP policies, no brute-force detection (every step
	 * succeeds, as at Latchkey, whose throttles never apply either) and {@code client}, confidential, with its
	 * redirect URI and no consent.
	 */
	void createRealm(CodeFlow.Client client) throws IOException, InterruptedException {
		Map<String, Object> application = new LinkedHashMap<>();
		application.put("clientId", client.clientId());
		application.put("secret", client.secret());
		application.put("publicClient", false);
		application.put("standardFlowEnabled", true);
		application.put("directAccessGrantsEnabled", false);
		application.put("consentRequired", false);
		application.put("redirectUris", List.of(client.redirectUri()));
		application.put("attributes", Map.of("pkce.code.challenge.method", "S256"));
		Map<String, Object> realm = new LinkedHashMap<>();
		realm.put("realm", REALM);
		realm.put("enabled", true);
		realm.put("sslRequired", "none");
		realm.put("passwordPolicy", PASSWORD_POLICY);
		realm.put("otpPolicyType", "totp");
		realm.put("otpPolicyAlgorithm", "HmacSHA1");
		realm.put("otpPolicyDigits", 6);
		realm.put("otpPolicyPeriod", (int) Totp.PERIOD_SECONDS);
		realm.put("otpPolicyLookAheadWindow", 1);
		realm.put("bruteForceProtected", false);
		realm.put("clients", List.of(application));
		call("POST", "/admin/realms", Json.write(realm), adminToken(), 201);
	}

	/**
	 * Creates users with the logins and authenticator secrets of {@code users}, each with the benchmark
	 * password (which Keycloak hashes with the realm's policy as it imports it) and a TOTP credential, in
	 * batches through the realm's partial import.
	 */
	void createUsers(List<Users.AppUser> users) throws IOException, InterruptedException {
		for (int from = 0; from < users.size(); from += 100) {
			List<Object> batch = new ArrayList<>();
			for (Users.AppUser user : users.subList(from, Math.min(from + 100, users.size()))) {
				batch.add(user(user.login(), Totp.base32(user.key())));
			}
			call("POST", "/admin/realms/" + REALM + "/partialImport",
					Json.write(Map.of("ifResourceExists", "FAIL", "users", batch)), adminToken(), 200);
		}
	}

	private static Map<String, Object> user(String login, String secret) {
		Map<String, Object> password = new LinkedHashMap<>();
		password.put("type", "password");
		password.put("value", Users.PASSWORD);
		password.put("temporary", false);
		Map<String, Object> otp = new LinkedHashMap<>();
		otp.put("type", "otp");
		otp.put("userLabel", "app");
		otp.put("secretData", Json.write(Map.of("value", secret)));
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("subType", "totp");
		data.put("digits", 6);
		data.put("counter", 0);
		data.put("period", (int) Totp.PERIOD_SECONDS);
		data.put("algorithm", "HmacSHA1");
		data.put("secretEncoding", "BASE32");
		otp.put("credentialData", Json.write(data));
		Map<String, Object> user = new LinkedHashMap<>();
		user.put("username", login);
		user.put("enabled", true);
		// a complete profile, so that no "update your profile" page comes between the password and the code
		user.put("email", login + "@bench.test");
		user.put("emailVerified", true);
		user.put("firstName", "Bench");
		user.put("lastName", login);
		user.put("credentials", List.of(password, otp));
		return user;
	}

	/**
	 * Keycloak's hash floor: {@code count} admin password resets on {@code threads} threads, each hashing the
	 * password once with the realm's policy. The server's CPU over them, divided by the count, is the floor (an
	 * upper bound of the hash alone: each reset also checks the admin token and writes the hash). Each thread
	 * resets a user of its own among {@code logins}, as two resets of one user at once conflict.
	 */
	Run hashFloor(List<String> logins, int count) throws IOException, InterruptedException {
		String token = adminToken();
		List<String> ids = new ArrayList<>();
		for (String login : logins) {
			ids.add(field(call("GET", "/admin/realms/" + REALM + "/users?exact=true&username="
					+ URLEncoder.encode(login, StandardCharsets.UTF_8), null, token, 200), "id"));
		}
		String body = Json.write(Map.of("type", "password", "value", Users.PASSWORD, "temporary", false));
		Run run = new Run();
		AtomicInteger left = new AtomicInteger(count);
		double cpu = cpuSeconds();
		long start = System.nanoTime();
		List<Thread> workers = new ArrayList<>();
		for (String id : ids) {
			Thread worker = new Thread(() -> {
				while (left.getAndDecrement() > 0) {
					try {
						call("PUT", "/admin/realms/" + REALM + "/users/" + id + "/reset-password", body, token, 204);
						run.completed();
					}
					catch (IOException | RuntimeException ex) {
						run.failed(ex);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			});
			worker.start();
			workers.add(worker);
		}
		for (Thread worker : workers) {
			worker.join();
		}
		run.wallSeconds = (System.nanoTime() - start) / 1e9;
		run.cpuSeconds = cpuSeconds() - cpu;
		run.figure("threads", ids.size());
		return run;
	}

	/**
	 * One sign-in at Keycloak, step by step: the authorization request answers with the sign-in page, the
	 * password with the code page, the app's code with the redirect to the application; the application then
	 * exchanges the code for tokens, as at Latchkey ({@link CodeFlow}).
	 */
	void signIn(Run run, CodeFlow.Client client, Users.AppPool apps) throws Exception {
		Users.AppUser user = apps.next();
		Browser browser = new Browser(this.port);
		CodeFlow.Pkce pkce = CodeFlow.Pkce.next();
		String state = CodeFlow.token();
		String realm = "/realms/" + REALM + "/protocol/openid-connect";
		long start = System.nanoTime();
		Browser.Page login = run.step("authorize",
				() -> browser.get(realm + "/auth?" + client.authorizeQuery(pkce, state, CodeFlow.token())).ok());
		Browser.Page codePage = run.step("password", () -> browser.post(action(login), "username", user.login(),
				"password", Users.PASSWORD, "credentialId", "").ok());
		if (!codePage.body().contains("name=\"otp\"")) {
			throw new Browser.StepFailed("expected the code page after the password");
		}
		String code = user.code();
		Browser.Page back = run.step("code", () -> browser.post(action(codePage), "otp", code));
		String authorizationCode = client.code(back, state);
		run.step("token", () -> {
			client.exchange(this.base + realm + "/token", authorizationCode, pkce);
			return null;
		});
		run.time("whole sign-in", System.nanoTime() - start);
	}

	/** The path a page's form posts to (Keycloak writes it as an absolute, HTML-escaped address). */
	private String action(Browser.Page page) {
		Matcher action = FORM_ACTION.matcher(page.body());
		if (!action.find()) {
			throw new Browser.StepFailed("expected a page with a form");
		}
		String url = action.group(1).replace("&amp;", "&");
		return url.startsWith(this.base) ? url.substring(this.base.length()) : url;
	}

	/** A token of the master realm's administrator (Keycloak's lasts a minute: one per task). */
	private String adminToken() throws IOException, InterruptedException {
		String form = "grant_type=password&client_id=admin-cli&username=" + ADMIN + "&password=" + this.adminPassword;
		URI endpoint = URI.create(this.base + "/realms/master/protocol/openid-connect/token");
		HttpResponse<String> answer = admin.send(HttpRequest.newBuilder(endpoint)
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 200) {
			throw new IllegalStateException("Keycloak refused the admin sign-in: " + answer.statusCode());
		}
		return field(answer.body(), "access_token");
	}

	private String call(String method, String path, String json, String token, int expected)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofMinutes(10))
			.header("Authorization", "Bearer " + token);
		if (json != null) {
			request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<String> answer = admin.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != expected) {
			throw new IllegalStateException("Keycloak answered " + method + " " + path + " with " + answer.statusCode()
					+ ": " + answer.body());
		}
		return answer.body();
	}

	private static String field(String json, String name) {
		Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
		if (!value.find()) {
			throw new IllegalStateException("No " + name + " in Keycloak's answer");
		}
		return value.group(1);
	}

	/** Stops Keycloak as an operator would (SIGTERM to Java and its launcher), then kills what is left. */
	@Override
	public void close() {
		stop(this.launcher);
	}

	private static void stop(Process launcher) {
		List<ProcessHandle> all = new ArrayList<>(launcher.descendants().toList());
		all.add(launcher.toHandle());
		all.forEach(ProcessHandle::destroy);
		for (ProcessHandle process : all) {
			try {
				process.onExit().get(30, TimeUnit.SECONDS);
			}
			catch (Exception stillThere) {
				process.destroyForcibly();
			}
		}
	}

}
