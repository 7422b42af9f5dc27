package latchkey.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's options, from the command line ({@code bench/run.sh --help} lists them).
 *
 * @param engines the databases to run on, in order
 * @param quick a smoke run: short runs, few users; its results are labelled as such
 * @param runs measured runs per figure (each after a warm-up)
 * @param seconds length of one load run
 * @param concurrency simultaneous users of scenario (a)
 * @param emailConcurrency simultaneous users of scenario (b)
 * @param checkConcurrency simultaneous users of scenario (c)
 * @param checks second-factor checks per run of scenario (c)
 * @param hashes password checks per run of scenario (d)
 * @param burst simultaneous password posts of scenario (f)
 * @param argon2 memory (KiB), iterations and parallelism of Argon2id, or null for the server's defaults
 * @param enumeration only the enumeration-by-timing check, not the load scenarios
 * @param trials pairs of wrong passwords (known and unknown login) in the enumeration check
 * @param versus the peer to measure beside Latchkey ({@code keycloak}) instead of the scenarios, or null
 * @param profile {@code auto} (when CPU per sign-in exceeds the floor by more than 20 %, or the check misses its goal),
 * {@code always} or
 * {@code never}
 * @param serverJvmOptions options for the server's JVM
 * @param serverJava the JDK the server runs on, or null for the driver's own
 * @param jar the server's executable jar
 * @param fixture the compiled benchmark fixture put on the server's class path
 * @param results where the reports go
 * @param work where servers, databases, logs and recordings live during the run
 * @param command the command line, as the report quotes it
 */
record Config(List<String> engines, boolean quick, int runs, double seconds, List<Integer> concurrency,
		int emailConcurrency, int checkConcurrency, int checks, int hashes, int burst, int[] argon2, boolean enumeration, int trials, String versus, String profile,
		List<String> serverJvmOptions, Path serverJava, Path jar, Path fixture, Path results, Path work, String command) {

	static final String USAGE = """
			Usage: bench/run.sh [options]
			  --engines h2,postgresql   databases to run on (default both)
			  --quick                   smoke run: short runs, few users (results are labelled SMOKE)
			  --runs N                  measured runs per figure, each after a warm-up (default 3; quick 1)
			  --seconds S               length of one load run (default 6; quick 3)
			  --users 1,4,16            simultaneous users of (a) (quick 1,4)
			  --email-users N           simultaneous users of (b) (default 16; quick 4)
			  --check-users N           simultaneous users of (c) (default 16; quick 4)
			  --checks N                second-factor checks per run of (c) (default 400; quick 40)
			  --hashes N                password hashes per run of (d) (default 48; quick 16)
			  --burst N                 simultaneous password posts of (f) (default 200; quick 50)
			  --equal-work              Argon2id at 7 MiB, 5 iterations, parallelism 1 (as Keycloak hashes)
			  --argon2 M,T,P            Argon2id memory in KiB, iterations, parallelism
			  --enumeration             only the enumeration check: wrong passwords for known and unknown logins
			  --trials N                pairs in the enumeration check (default 200; quick 40)
			  --versus keycloak         only the OIDC code flow (g), at Latchkey and at Keycloak, side by side, at
			                            equal Argon2id cost (Keycloak downloaded by run.sh; docs/benchmark.md)
			  --profile auto|always|never  JFR profiles where CPU per sign-in exceeds the floor by > 20 % or the check misses 2,000/s (auto)
			  --server-jvm-options "..."   options for the server's JVM (default the launcher's)
			  --server-java DIR         the JDK the server runs on (default the one running the benchmark)
			""";

	static Config parse(String[] args, Path root) {
		List<String> engines = List.of("h2", "postgresql");
		boolean quick = Arrays.asList(args).contains("--quick");
		int runs = quick ? 1 : 3;
		double seconds = quick ? 3 : 6;
		List<Integer> concurrency = quick ? List.of(1, 4) : List.of(1, 4, 16);
		int emailConcurrency = quick ? 4 : 16;
		int checkConcurrency = quick ? 4 : 16;
		int checks = quick ? 40 : 400;
		int hashes = quick ? 16 : 48;
		int burst = quick ? 50 : 200;
		boolean enumeration = false;
		int trials = quick ? 40 : 200;
		int[] argon2 = null;
		String versus = null;
		String profile = "auto";
		List<String> jvm = List.of();
		Path serverJava = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick" -> {
				}
				case "--engines" -> engines = List.of(args[++i].split(","));
				case "--runs" -> runs = Integer.parseInt(args[++i]);
				case "--seconds" -> seconds = Double.parseDouble(args[++i]);
				case "--users" -> concurrency = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
				case "--email-users" -> emailConcurrency = Integer.parseInt(args[++i]);
				case "--check-users" -> checkConcurrency = Integer.parseInt(args[++i]);
				case "--checks" -> checks = Integer.parseInt(args[++i]);
				case "--hashes" -> hashes = Integer.parseInt(args[++i]);
				case "--burst" -> burst = Integer.parseInt(args[++i]);
				case "--equal-work" -> argon2 = new int[] { 7168, 5, 1 };
				case "--argon2" -> argon2 = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
				case "--enumeration" -> enumeration = true;
				case "--trials" -> trials = Integer.parseInt(args[++i]);
				case "--versus" -> versus = args[++i];
				case "--profile" -> profile = args[++i];
				case "--server-jvm-options" -> jvm = List.of(args[++i].trim().split("\\s+"));
				case "--server-java" -> serverJava = Path.of(args[++i]).toAbsolutePath();
				default -> throw new IllegalArgumentException("Unknown option " + args[i] + "\n" + USAGE);
			}
		}
		if (argon2 != null && argon2.length != 3) {
			throw new IllegalArgumentException("--argon2 takes memory (KiB), iterations and parallelism\n" + USAGE);
		}
		if (versus != null && !versus.equals("keycloak")) {
			throw new IllegalArgumentException("--versus knows only keycloak\n" + USAGE);
		}
		if (runs < 3 && !quick) {
			throw new IllegalArgumentException("A full run takes at least 3 measured runs per figure");
		}
		List<String> serverJvm = new ArrayList<>(jvm);
		serverJvm.removeIf(String::isEmpty);
		return new Config(engines, quick, runs, seconds, concurrency, emailConcurrency, checkConcurrency, checks,
				hashes, burst, argon2, enumeration, trials, versus, profile, serverJvm, serverJava, root.resolve("target/latchkey-0.1.0.jar"),
				root.resolve("bench/target/fixture"), root.resolve("bench/results"), root.resolve("bench/target/work"),
				"bench/run.sh" + (args.length == 0 ? "" : " " + String.join(" ", args)));
	}

	/** The JDK the server runs on: {@code --server-java}, or the one running the benchmark. */
	Path serverJavaHome() {
		return this.serverJava != null ? this.serverJava : Path.of(System.getProperty("java.home"));
	}

	/** The release's launcher, as the source tree holds it: {@link Server#jvmOptions} asks it for its options. */
	Path launcher() {
		return this.jar.toAbsolutePath().getParent().resolveSibling("src/dist/bin/latchkey");
	}

	/** The release tarball {@code mvn package} makes beside the jar: its launcher is what the start-up runs use. */
	Path tarball() {
		return this.jar.resolveSibling(this.jar.getFileName().toString().replaceFirst("\\.jar$", ".tar.gz"));
	}

	/** The Argon2id properties handed to the server, none when it keeps its defaults. */
	java.util.Map<String, String> argon2Properties() {
		if (this.argon2 == null) {
			return java.util.Map.of();
		}
		return java.util.Map.of("latchkey.account.argon2.memory-kib", Integer.toString(this.argon2[0]),
				"latchkey.account.argon2.iterations", Integer.toString(this.argon2[1]),
				"latchkey.account.argon2.parallelism", Integer.toString(this.argon2[2]));
	}

}
