package latchkey.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code bench/run.sh --versus keycloak}: the same work at Latchkey and at Keycloak, measured in one run on
 * the same JDK. Both servers start on a fresh H2 database embedded in their own process (so that each one's
 * CPU counts its database's work), hash with Argon2id at 7 MiB, 5 iterations and parallelism 1, and get the
 * same users with the same authenticator secrets and a confidential application; then scenario (g), the
 * OpenID Connect code flow, runs against each in turn (a warm-up each, then the measured runs alternating
 * between them, so that the machine's other work falls on both alike). Where Latchkey's CPU per sign-in exceeds
 * its floor by more than 20 %, one more run of it is recorded with JDK Flight Recorder, measured after the
 * memory figures.
 */
final class Versus {

	/** Latchkey's equal-work option: Keycloak's Argon2id defaults. */
	static final int[] EQUAL_WORK = { 7168, 5, 1 };

	/** As in the scenarios: Latchkey's side is profiled when its CPU per sign-in exceeds its floor by 20 %. */
	private static final double PROFILE_THRESHOLD = 1.2;

	private final Config config;

	private final Map<String, String> machine;

	Versus(Config config, Map<String, String> machine) {
		this.config = config;
		this.machine = machine;
	}

	Path run() throws Exception {
		String version = System.getProperty("latchkey.keycloak.version", "26.4.7");
		Path home = this.config.work().getParent().resolve("keycloak").resolve("keycloak-" + version);
		Path work = this.config.work().resolve("versus");
		EngineBench.deleteAll(work);
		Files.createDirectories(work);
		Side latchkey = new Side("Latchkey");
		Side keycloak = new Side("Keycloak " + version);
		int users = this.config.concurrency().get(this.config.concurrency().size() - 1);
		String loadBefore = Bench.loadAverage();
		long started = System.nanoTime();
		int seeded;
		Profile profile = null;
		try (Database database = Database.of("h2", work.resolve("latchkey"))) {
			log("starting Latchkey");
			Map<String, String> environment = new LinkedHashMap<>(database.fresh("latchkey"));
			environment.putAll(launcherEnvironment());
			Map<String, String> argon2 = Map.of("latchkey.account.argon2.memory-kib", Integer.toString(EQUAL_WORK[0]),
					"latchkey.account.argon2.iterations", Integer.toString(EQUAL_WORK[1]),
					"latchkey.account.argon2.parallelism", Integer.toString(EQUAL_WORK[2]));
			List<String> options = new ArrayList<>(latchkeyJvmOptions());
			if (!"never".equals(this.config.profile())) {
				options.add("-XX:FlightRecorderOptions:stackdepth=512");
			}
			try (Server server = Server.start(this.config, options, work.resolve("latchkey"), environment, argon2)) {
				latchkey.readySeconds = server.readySeconds();
				Thread.sleep(1000);
				latchkey.residentAfterStartMb = server.residentMb();
				log("starting Keycloak");
				try (Keycloak peer = Keycloak.start(home, work.resolve("keycloak"))) {
					keycloak.readySeconds = peer.readySeconds();
					Thread.sleep(1000);
					keycloak.residentAfterStartMb = peer.residentMb();

					Fixture fixture = new Fixture(server.controlPort());
					fixture.requireTwoFactor();
					CodeFlow.Client peerClient = new CodeFlow.Client("bench", CodeFlow.token(), CodeFlow.REDIRECT_URI);
					peer.createRealm(peerClient);
					int threads = Runtime.getRuntime().availableProcessors();
					List<String> floorLogins = java.util.stream.IntStream.range(0, threads).mapToObj(i -> "floor-" + i).toList();
					peer.createUsers(floorLogins.stream().map(login -> new Users.AppUser(login, new byte[20], 0)).toList());
					log("hash floors, " + this.config.hashes() + " hashes on " + threads + " threads");
					latchkey.floor = measure(latchkey, () -> latchkeyFloor(server, fixture, threads, latchkey));
					keycloak.floor = measure(keycloak, () -> peer.hashFloor(floorLogins, this.config.hashes()));
					keycloak.hash = "`" + Keycloak.PASSWORD_POLICY + "` (the provider's defaults: 7,168 KiB, parallelism 1)";

					seeded = userCount(latchkey, keycloak, users);
					log("creating " + seeded + " users with an authenticator app at both");
					List<Users.AppUser> ours = fixture.appUsers("app", seeded);
					long step = Totp.currentStep() - 1;
					List<Users.AppUser> theirs = ours.stream()
						.map(user -> new Users.AppUser(user.login(), user.key(), step))
						.toList();
					peer.createUsers(theirs);
					Users.AppPool theirPool = new Users.AppPool(theirs);
					Users.AppPool ourPool = new Users.AppPool(ours);
					CodeFlow flow = new CodeFlow(server.port(), fixture.client(CodeFlow.REDIRECT_URI), ourPool);
					Target atLatchkey = new Target(latchkey, server.pid(), ourPool, flow::signIn);
					Target atKeycloak = new Target(keycloak, peer.pid(), theirPool,
							run -> peer.signIn(run, peerClient, theirPool));

					log("warming up both, " + users + " users each");
					atLatchkey.load(users, 2 * this.config.seconds());
					atKeycloak.load(users, 2 * this.config.seconds());
					List<Run> ourRuns = new ArrayList<>();
					List<Run> theirRuns = new ArrayList<>();
					for (int i = 1; i <= this.config.runs(); i++) {
						log("code flow (g) at Latchkey, " + users + " users, run " + i + "/" + this.config.runs());
						ourRuns.add(atLatchkey.load(users, this.config.seconds()));
						log("code flow (g) at Keycloak, " + users + " users, run " + i + "/" + this.config.runs());
						theirRuns.add(atKeycloak.load(users, this.config.seconds()));
					}
					latchkey.signIn = Run.summarise(ourRuns);
					keycloak.signIn = Run.summarise(theirRuns);
					latchkey.residentAfterLoadMb = server.residentMb();
					latchkey.peakResidentMb = server.peakResidentMb();
					keycloak.residentAfterLoadMb = peer.residentMb();
					keycloak.peakResidentMb = peer.peakResidentMb();
					if ("always".equals(this.config.profile())
							|| (!"never".equals(this.config.profile()) && latchkey.ratioToFloor() > PROFILE_THRESHOLD)) {
						log("profile of the code flow (g) at Latchkey, " + users + " users");
						profile = Profile.record("(g) the OpenID Connect code flow at Latchkey, " + users + " users", server,
								work.resolve("profile-latchkey.jfr"), () -> atLatchkey.load(users, 2 * this.config.seconds()));
					}
				}
			}
		}
		VersusReport report = new VersusReport(this.config, this.machine, latchkey, keycloak, users, seeded);
		report.loadBefore = loadBefore;
		report.loadAfter = Bench.loadAverage();
		report.elapsedSeconds = (System.nanoTime() - started) / 1e9;
		report.latchkeyJvmOptions = String.join(" ", latchkeyJvmOptions());
		report.profile = profile;
		return report.write();
	}

	/** The server's own password encoder, alone, as scenario (d) measures it. */
	private Run latchkeyFloor(Server server, Fixture fixture, int threads, Side side) throws Exception {
		Run run = new Run();
		double cpu = server.cpuSeconds();
		Fixture.HashRun hashes = fixture.hash(this.config.hashes(), threads);
		run.cpuSeconds = server.cpuSeconds() - cpu;
		run.wallSeconds = hashes.wallSeconds();
		for (int i = 0; i < this.config.hashes(); i++) {
			run.completed();
		}
		run.figure("threads", threads);
		side.hash = "`" + hashes.parameters() + "` (Argon2id, as its hashes carry them)";
		return run;
	}

	/**
	 * Enough users that none is needed twice within one 30-second code step at the rate the faster floor
	 * allows, at either server.
	 */
	private int userCount(Side latchkey, Side keycloak, int users) {
		double floorSeconds = Math.min(latchkey.floor.get("cpuMsPer").median(), keycloak.floor.get("cpuMsPer").median()) / 1000;
		double fastest = Runtime.getRuntime().availableProcessors() / floorSeconds;
		double loadSeconds = Math.min(Totp.PERIOD_SECONDS + this.config.seconds(), this.config.seconds() * (this.config.runs() + 2));
		return (int) Math.ceil(fastest * loadSeconds * 1.2) + 4 * users;
	}

	/** A warm-up run, then the measured runs, summarised. */
	private Map<String, Run.Spread> measure(Side side, Measured measured) throws Exception {
		side.errors.addAll(measured.run().errorSamples());
		List<Run> runs = new ArrayList<>();
		for (int i = 0; i < this.config.runs(); i++) {
			runs.add(keep(side, measured.run()));
		}
		return Run.summarise(runs);
	}

	private static Run keep(Side side, Run run) {
		side.errors.addAll(run.errorSamples());
		return run;
	}

	/**
	 * Latchkey's JVM as its launcher ({@code src/dist/bin/latchkey}) starts it on this machine, unless
	 * {@code --server-jvm-options} says otherwise; Keycloak's is what {@code kc.sh} gives it.
	 */
	private List<String> latchkeyJvmOptions() {
		if (!this.config.serverJvmOptions().isEmpty()) {
			return this.config.serverJvmOptions();
		}
		int heapMb = 64 + 32 * Runtime.getRuntime().availableProcessors();
		return List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx" + heapMb + "m", "-XX:MinHeapFreeRatio=10",
				"-XX:MaxHeapFreeRatio=30", "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8");
	}

	private static Map<String, String> launcherEnvironment() {
		return Map.of("MALLOC_ARENA_MAX", "2");
	}

	private static void log(String message) {
		System.out.printf("[%s versus] %s%n", java.time.LocalTime.now().withNano(0), message);
	}

	/** What one server measured. */
	static final class Side {

		final String name;

		String hash;

		double readySeconds;

		double residentAfterStartMb;

		double residentAfterLoadMb;

		double peakResidentMb;

		Map<String, Run.Spread> floor;

		Map<String, Run.Spread> signIn;

		final List<String> errors = new ArrayList<>();

		Side(String name) {
			this.name = name;
		}

		/** Sign-ins per second of the server's CPU: the median run's. */
		double signInsPerCpuSecond() {
			return 1000 / this.signIn.get("cpuMsPer").median();
		}

		double ratioToFloor() {
			return this.signIn.get("cpuMsPer").median() / this.floor.get("cpuMsPer").median();
		}

	}

	/** One server's side of the load: the process whose CPU counts, its users and how they sign in. */
	private record Target(Side side, long pid, Users.AppPool apps, Load.SignIn signIn) {

		/** {@code users} signing in for {@code seconds}; what failed is kept for the report. */
		Run load(int users, double seconds) throws InterruptedException {
			return keep(this.side, Load.closedLoop(users, seconds, -1, this.pid, OptionalLong.empty(), this.apps, this.signIn));
		}

	}

	private interface Measured {

		Run run() throws Exception;

	}

}
