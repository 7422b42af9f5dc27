package org.latchkey.operations;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.latchkey.testing.Browser;
import org.latchkey.testing.Browser.Page;
import org.latchkey.testing.People;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What an administrator installs, after {@code mvn package}: the release tarball is unpacked, its systemd unit
 * passes {@code systemd-analyze verify} (where the command exists), its jar carries no test-only library, and its
 * launcher, reading its settings from an env file, starts the server on a fresh directory until the server says it
 * is ready; the image's health check (the launcher's {@code healthcheck}) then says so too. That first start made
 * the start-up cache, which the next start maps. Run by Failsafe ({@code mvn verify}), since it needs the package.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleasePackageIT {

	private static final Duration READY_WITHIN = Duration.ofMinutes(3);

	private static final Pattern SETUP_LINK = Pattern.compile("http://localhost:\\d+(/setup\\?token=[\\w-]+)");

	@TempDir
	static Path work;

	static Path home;

	static Process server;

	static int port;

	static int managementPort;

	static Path fresh;

	@BeforeAll
	static void unpackTheTarball() throws Exception {
		Path tarball = Path.of(System.getProperty("latchkey.tarball", "target/latchkey.tar.gz"));
		assertThat(tarball).as("run mvn verify: the tarball is made by mvn package").exists();
		Path unpacked = Files.createDirectories(work.resolve("opt"));
		assertThat(run(List.of("tar", "xzf", tarball.toAbsolutePath().toString(), "-C", unpacked.toString()),
				unpacked)).isZero();
		try (var entries = Files.list(unpacked)) {
			home = entries.findFirst().orElseThrow();
		}
	}

	@AfterAll
	static void stopTheServer() throws InterruptedException {
		if (server != null && server.isAlive()) {
			server.destroy();
			if (!server.waitFor(30, TimeUnit.SECONDS)) {
				server.destroyForcibly();
			}
		}
	}

	@Test
	void theTarballHoldsTheJarTheLauncherTheUnitTheImageRecipeAndTheDocs() throws IOException {
		assertThat(home.getFileName().toString()).startsWith("latchkey-");
		for (String file : List.of("lib/latchkey.jar", "bin/latchkey", "systemd/latchkey.service",
				"etc/latchkey.env", "Dockerfile", "CHANGELOG.md", "README.md", "docs/install.md",
				"docs/operations.md", "docs/sizing.md", "docs/metrics.md", "docs/logging.md", "docs/grafana-dashboard.json")) {
			assertThat(home.resolve(file)).as(file).isRegularFile();
		}
		assertThat(Files.getPosixFilePermissions(home.resolve("bin/latchkey")))
			.contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
	}

	@Test
	void theJarCarriesNoTestOnlyLibrary() throws IOException {
		List<String> libraries = new ArrayList<>();
		try (JarFile jar = new JarFile(home.resolve("lib/latchkey.jar").toFile())) {
			jar.stream().map(entry -> entry.getName()).filter(name -> name.startsWith("BOOT-INF/lib/"))
				.forEach(libraries::add);
		}
		assertThat(libraries).isNotEmpty()
			.anySatisfy(name -> assertThat(name).contains("micrometer-registry-prometheus"))
			.noneSatisfy(name -> assertThat(name).containsAnyOf("archunit", "jcommander", "spring-modulith-core",
					"junit", "selenium"));
	}

	@Test
	void theSystemdUnitPassesSystemdAnalyze() throws Exception {
		assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed");
		Path unit = work.resolve("units").resolve("latchkey.service");
		Files.createDirectories(unit.getParent());
		// verify checks that ExecStart exists: point it at the unpacked launcher
		Files.writeString(unit, Files.readString(home.resolve("systemd/latchkey.service"))
			.replace("/opt/latchkey/bin/latchkey", home.resolve("bin/latchkey").toString()));
		Path output = work.resolve("systemd-analyze.txt");

		int status = run(List.of("systemd-analyze", "verify", unit.toString()), work, output);

		String said = Files.readString(output);
		assertThat(status).as(said).isZero();
		assertThat(said).as("systemd-analyze warns about nothing of the unit").doesNotContain("latchkey.service");
		assertThat(Files.readString(unit)).contains("DynamicUser=yes", "ProtectSystem=strict", "NoNewPrivileges=yes",
				"StateDirectory=latchkey", "EnvironmentFile=-/etc/latchkey/latchkey.env");
	}

	@Test
	@Order(1)
	void theLauncherStartsTheServerOnAFreshDirectoryUntilItIsReady() throws Exception {
		fresh = Files.createDirectories(work.resolve("fresh"));
		port = freePort();
		managementPort = freePort();
		server = launch(Map.of());

		HttpResponse<String> ready = awaitReady();

		assertThat(ready.body()).isEqualTo("{\"status\":\"UP\"}");
		assertThat(fresh.resolve("data/master.key")).isRegularFile();
		assertThat(fresh.resolve("data/latchkey.mv.db")).isRegularFile();
		String log = Files.readString(work.resolve("server.log"));
		assertThat(log).contains("latchkey: making the start-up cache", "latchkey: starting with the start-up cache",
				"Starting AOT-processed LatchkeyApplication");
		// the training start stopped before the ready listeners: the setup link is printed once, by the server
		assertThat(log.split("/setup\\?token=", -1)).hasSize(2);
		theFirstAdministratorSignsIn(log);
		assertThat(get("http://127.0.0.1:" + managementPort + "/actuator/prometheus").body())
			.contains("latchkey_signin_started_total", "jvm_memory_max_bytes");
		ProcessBuilder check = new ProcessBuilder(home.resolve("bin/latchkey").toString(), "healthcheck")
			.directory(fresh.toFile())
			.redirectErrorStream(true);
		check.environment().put("LATCHKEY_ENV_FILE", work.resolve("latchkey.env").toString());
		Process healthcheck = check.start();
		assertThat(healthcheck.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(healthcheck.exitValue()).isZero();
	}

	@Test
	@Order(2)
	void aSecondStartMapsTheStartUpCacheTheFirstMade() throws Exception {
		assumeTrue(server != null, "the first start did not run");
		stopTheServer();
		Path cache;
		try (var keys = Files.list(fresh.resolve("data/startup-cache"))) {
			cache = keys.filter(Files::isDirectory).findFirst().orElseThrow();
		}
		assertThat(cache.resolve("ready")).isRegularFile();
		assertThat(cache.resolve("app/latchkey.jar")).isRegularFile();
		// the JVM refuses to start, rather than start without it, when it cannot map the archive
		String mapOrFail = Files.exists(cache.resolve("latchkey.aot")) ? "-XX:AOTMode=on" : "-Xshare:on";

		server = launch(Map.of("JAVA_TOOL_OPTIONS", mapOrFail));

		assertThat(awaitReady().body()).isEqualTo("{\"status\":\"UP\"}");
		assertThat(Files.readString(work.resolve("server.log"))).contains("latchkey: starting with the start-up cache")
			.doesNotContain("latchkey: making the start-up cache");
	}

	@Test
	void aStartWhoseTrainingFailsGoesOnWithoutTheCacheAndSaysSo() throws Exception {
		Path broken = Files.createDirectories(work.resolve("broken"));
		Path said = work.resolve("broken.log");
		ProcessBuilder launcher = new ProcessBuilder(home.resolve("bin/latchkey").toString()).directory(broken.toFile())
			.redirectErrorStream(true)
			.redirectOutput(said.toFile());
		launcher.environment().put("LATCHKEY_ENV_FILE", work.resolve("no.env").toString());
		launcher.environment().put("SERVER_PORT", Integer.toString(freePort()));
		launcher.environment().put("LATCHKEY_MANAGEMENT_PORT", Integer.toString(freePort()));
		// nothing listens there: the training start fails, and so does the server's
		launcher.environment().put("LATCHKEY_DB_URL", "jdbc:postgresql://127.0.0.1:" + freePort() + "/latchkey");

		Process process = launcher.start();

		assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).isNotZero();
		assertThat(Files.readString(said)).contains("latchkey: the start-up cache could not be made", "starting without it")
			.doesNotContain("latchkey: starting with the start-up cache");
		try (var keys = Files.list(broken.resolve("data/startup-cache"))) {
			assertThat(keys).allSatisfy(cache -> assertThat(cache.resolve("ready")).doesNotExist());
		}
	}

	/**
	 * The server the launcher started from the build's ahead-of-time bean definitions serves what the tests check
	 * on the context they build at run time: the setup link creates the first administrator, who signs in.
	 */
	private static void theFirstAdministratorSignsIn(String log) {
		Matcher link = SETUP_LINK.matcher(log);
		assertThat(link.find()).as("the setup link in the log").isTrue();
		Browser browser = new Browser(port);
		Page created = browser.get(link.group(1))
			.form("form[action$=/setup]")
			.set("login", "grace")
			.set("displayName", "Grace Hopper")
			.set("businessEmail", "grace@example.com")
			.set("password", People.PASSWORD)
			.submit();

		assertThat(created.location()).isEqualTo("/login?created=");
		assertThat(browser.signIn("grace", "not her password").location()).isEqualTo("/login?error");
		assertThat(browser.get("/login?error").text()).contains("Wrong login or password");
		assertThat(browser.signIn("grace", People.PASSWORD).location()).isEqualTo("/");
		assertThat(browser.get("/admin").status()).isEqualTo(200);
	}

	private static Process launch(Map<String, String> environment) throws IOException {
		Path env = work.resolve("latchkey.env");
		Files.writeString(env, "SERVER_PORT=" + port + "\nLATCHKEY_MANAGEMENT_PORT=" + managementPort + "\n");
		ProcessBuilder launcher = new ProcessBuilder(home.resolve("bin/latchkey").toString()).directory(fresh.toFile())
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("server.log").toFile());
		launcher.environment().put("LATCHKEY_ENV_FILE", env.toString());
		launcher.environment().putAll(environment);
		return launcher.start();
	}

	private static HttpResponse<String> awaitReady() throws Exception {
		Instant deadline = Instant.now().plus(READY_WITHIN);
		while (Instant.now().isBefore(deadline)) {
			assertThat(server.isAlive()).as("the server is still running; its log: %s", work.resolve("server.log"))
				.isTrue();
			try {
				HttpResponse<String> answer = get("http://127.0.0.1:" + port + "/actuator/health/readiness");
				if (answer.statusCode() == 200) {
					return answer;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(500); // polling a process of its own: no clock of the test's to move
		}
		throw new AssertionError("not ready within " + READY_WITHIN + ":\n" + Files.readString(work.resolve("server.log")));
	}

	private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static boolean onPath(String command) {
		String path = System.getenv().getOrDefault("PATH", "");
		return Collections.list(new java.util.StringTokenizer(path, ":")).stream()
			.anyMatch(directory -> Files.isExecutable(Path.of(directory.toString(), command)));
	}

	private static int run(List<String> command, Path directory) throws IOException, InterruptedException {
		return run(command, directory, work.resolve("command-" + System.nanoTime() + ".txt"));
	}

	private static int run(List<String> command, Path directory, Path output) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
		return process.exitValue();
	}

}
