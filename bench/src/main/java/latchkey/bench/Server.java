package latchkey.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Latchkey server under test: the packaged jar, started as an operator would ({@code java}, environment
 * variables, a fresh data directory, loopback), plus the benchmark fixture on its class path; or, for the
 * start-up scenario, the release's launcher as shipped ({@code bin/latchkey}, its JVM options and its start-up
 * cache). Start-up is timed from just before the process is launched to the first {@code UP} from
 * {@code /actuator/health}.
 */
final class Server implements MeasuredProcess, AutoCloseable {

	private static final Pattern STARTED = Pattern.compile(
			"^(\\S+Z)\\s.*Started LatchkeyApplication in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)",
			Pattern.MULTILINE);

	private static final HttpClient health = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	/** One master key for the whole run, so that a server started again on the same data finds its secrets. */
	private static final String MASTER_KEY = masterKey();

	private static List<String> launcherOptions;

	private final Process process;

	private final int port;

	private final int controlPort;

	private final double readySeconds;

	private final long launchedAt;

	private final Path log;

	private Server(Process process, int port, int controlPort, double readySeconds, long launchedAt, Path log) {
		this.process = process;
		this.port = port;
		this.controlPort = controlPort;
		this.readySeconds = readySeconds;
		this.launchedAt = launchedAt;
		this.log = log;
	}

	/**
	 * The server's JVM options: {@code --server-jvm-options}, or else those the release's launcher
	 * ({@code src/dist/bin/latchkey jvm-options}) gives on this machine and the server's JDK.
	 */
	static synchronized List<String> jvmOptions(Config config) {
		if (!config.serverJvmOptions().isEmpty()) {
			return config.serverJvmOptions();
		}
		if (launcherOptions == null) {
			launcherOptions = askLauncher(config);
		}
		return launcherOptions;
	}

	private static List<String> askLauncher(Config config) {
		ProcessBuilder builder = new ProcessBuilder("bash", config.launcher().toString(), "jvm-options");
		builder.environment().remove("LATCHKEY_JVM_OPTS");
		builder.environment().put("JAVA_HOME", config.serverJavaHome().toString());
		builder.environment().put("LATCHKEY_ENV_FILE", "/dev/null");
		try {
			Process launcher = builder.redirectErrorStream(true).start();
			String printed = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (launcher.waitFor() != 0) {
				throw new IllegalStateException("bin/latchkey jvm-options failed: " + printed);
			}
			return List.of(printed.strip().split("\n"));
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
	 * Starts a server in {@code directory} (its data directory and log) and waits until it is ready.
	 * @param jvmOptions options of its JVM
	 * @param database the environment of its database
	 * @param properties system properties (Argon2id cost, ...)
	 */
	static Server start(Config config, List<String> jvmOptions, Path directory, Map<String, String> database,
			Map<String, String> properties)
			throws IOException, InterruptedException {
		Files.createDirectories(directory);
		int port = freePort();
		int controlPort = freePort(port);
		List<String> command = new ArrayList<>();
		command.add(config.serverJavaHome().resolve("bin/java").toString());
		command.addAll(jvmOptions);
		command.add("-Dloader.path=" + config.fixture().toAbsolutePath());
		command.add("-Dlatchkey.bench.control-port=" + controlPort);
		properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
		command.addAll(List.of("-cp", config.jar().toAbsolutePath().toString(),
				"org.springframework.boot.loader.launch.PropertiesLauncher"));
		return start(new ProcessBuilder(command), directory, port, controlPort, database);
	}

	/**
	 * Starts the release's launcher ({@code bin/latchkey} of the unpacked tarball, with its own JVM options and
	 * start-up cache, on the JDK {@code --server-java} names) in {@code directory} and waits until it is ready. A
	 * second start on the same directory is a restart: same database, same cache.
	 */
	static Server launch(Config config, Path release, Path directory, Map<String, String> database)
			throws IOException, InterruptedException {
		Files.createDirectories(directory);
		ProcessBuilder builder = new ProcessBuilder(release.resolve("bin/latchkey").toString());
		builder.environment().put("JAVA_HOME", config.serverJavaHome().toString());
		builder.environment().put("LATCHKEY_ENV_FILE", directory.resolve("no-env-file").toString());
		builder.environment().put("LATCHKEY_MANAGEMENT_ADDRESS", "127.0.0.1");
		return start(builder, directory, freePort(), -1, database);
	}

	private static Server start(ProcessBuilder builder, Path directory, int port, int controlPort,
			Map<String, String> database) throws IOException, InterruptedException {
		builder.directory(directory.toFile());
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
		// the metrics port too: another server on the machine may hold the default one
		builder.environment().put("LATCHKEY_MANAGEMENT_PORT", Integer.toString(freePort(port, controlPort)));
		builder.environment().put("LATCHKEY_BASE_URL", "http://127.0.0.1:" + port);
		builder.environment().put("LATCHKEY_DATA_DIR", directory.resolve("data").toAbsolutePath().toString());
		builder.environment().put("LATCHKEY_MASTER_KEY", MASTER_KEY);
		// the launcher's malloc arenas, for the servers started from the jar as well
		builder.environment().put("MALLOC_ARENA_MAX", "2");
		builder.environment().putAll(database);
		Path log = directory.resolve("server.log");
		builder.redirectErrorStream(true).redirectOutput(log.toFile());
		long launchedAt = System.currentTimeMillis();
		long launched = System.nanoTime();
		Process process = builder.start();
		// an interrupted benchmark (Ctrl-C) leaves no server behind
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
		Server server = null;
		try {
			double ready = waitUntilReady(process, port, launched, log);
			server = new Server(process, port, controlPort, ready, launchedAt, log);
			return server;
		}
		finally {
			if (server == null) {
				process.destroyForcibly();
			}
		}
	}

	private static double waitUntilReady(Process process, int port, long launched, Path log)
			throws InterruptedException {
		return waitUntilUp(process, URI.create("http://127.0.0.1:" + port + "/actuator/health"), launched, 180, log);
	}

	/**
	 * Polls a health address until it answers {@code UP}.
	 * @return the seconds from {@code launched} until it did
	 */
	static double waitUntilUp(Process process, URI health, long launched, int limitSeconds, Path log)
			throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build();
		long deadline = launched + TimeUnit.SECONDS.toNanos(limitSeconds);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("The server stopped during start-up; see " + log);
			}
			try {
				HttpResponse<String> response = Server.health.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					return (System.nanoTime() - launched) / 1e9;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(10);
		}
		throw new IllegalStateException("The server was not ready within " + limitSeconds + " s; see " + log);
	}

	int port() {
		return this.port;
	}

	int controlPort() {
		return this.controlPort;
	}

	@Override
	public long pid() {
		return this.process.pid();
	}

	Path log() {
		return this.log;
	}

	/** Seconds from launch to the first healthy answer. */
	double readySeconds() {
		return this.readySeconds;
	}

	/**
	 * Where the start's seconds went, read from the server's log line {@code Started LatchkeyApplication in X
	 * seconds (process running for Y)} and its time stamp: the launcher until the JVM runs (its start-up cache
	 * included), the JVM until Spring Boot runs, Spring Boot until the application is started (the context, the
	 * database's migrations, the web server), and from there until the first healthy answer (the ready listeners,
	 * the readiness state, the health check's own round trip). Empty when the log has no such line.
	 */
	Map<String, Double> startPhases() throws IOException {
		Matcher started = STARTED.matcher(Files.readString(this.log));
		if (!started.find()) {
			return Map.of();
		}
		double loggedAt = (Instant.parse(started.group(1)).toEpochMilli() - this.launchedAt) / 1000.0;
		double spring = Double.parseDouble(started.group(2));
		double jvm = Double.parseDouble(started.group(3));
		Map<String, Double> phases = new LinkedHashMap<>();
		phases.put("launcher until the JVM runs", loggedAt - jvm);
		phases.put("JVM until Spring Boot runs", jvm - spring);
		phases.put("Spring Boot until started", spring);
		phases.put("started until the first UP", this.readySeconds - loggedAt);
		return phases;
	}

	/** Stops the server as an operator would (SIGTERM), then kills it if it does not stop. */
	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	/**
	 * A port nobody listens on now, other than {@code taken}: the system may give the port it gave a moment ago
	 * again, once its socket is closed, and a server whose metrics port is its own port does not start.
	 */
	static int freePort(int... taken) throws IOException {
		while (true) {
			try (ServerSocket socket = new ServerSocket(0)) {
				int port = socket.getLocalPort();
				if (Arrays.stream(taken).noneMatch(other -> other == port)) {
					return port;
				}
			}
		}
	}

	private static String masterKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
