package latchkey.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.IntStream;

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

	private static final double WARM_UP_SECONDS = 40;

	private final Config config;

	private final Map<String, String> machine;

	private final Side latchkey = new Side("Latchkey");

	private final Side keycloak;

	private final String version;

	/** Simultaneous users at each server: the widest level of (a). */
	private final int users;

	private int seeded;

	private Target atLatchkey;

	private Target atKeycloak;

	private Profile profile;

	private double warmUpSeconds;

	Versus(Config config, Map<String, String> machine) {
		this.config = config;
		this.machine = machine;
		this.version = System.getProperty("latchkey.keycloak.version", "26.4.7");
		this.keycloak = new Side("Keycloak " + this.version);
		this.users = config.concurrency().get(config.concurrency().size() - 1);
	}

	Path run() throws Exception {
		Path work = this.config.work().resolve("versus");
		EngineBench.deleteAll(work);
		Files.createDirectories(work);
		String loadBefore = Bench.loadAverage();
		long started = System.nanoTime();
		try (Database database = Database.of("h2", work.resolve("latchkey"));
				Server server = startLatchkey(database, work);
				Keycloak peer = startKeycloak(work)) {
			prepare(server, peer);
			alternate();
			this.latchkey.residentAfterLoadMb = server.residentMb();
			this.latchkey.peakResidentMb = server.peakResidentMb();
			this.keycloak.residentAfterLoadMb = peer.residentMb();
			this.keycloak.peakResidentMb = peer.peakResidentMb();
			profileWhenCostly(server, work);
		}
		VersusReport report = new VersusReport(this.config, this.machine, this.latchkey, this.keycloak, this.users,
				this.seeded);
		report.loadBefore = loadBefore;
		report.loadAfter = Bench.loadAverage();
		report.elapsedSeconds = (System.nanoTime() - started) / 1e9;
		report.latchkeyJvmOptions = String.join(" ", Server.jvmOptions(this.config));
		report.warmUpSeconds = this.warmUpSeconds;
		report.profile = this.profile;
		return report.write();
	}

	/** Latchkey at equal work, on a fresh H2 database; its ready time and its memory after (see Side). */
	private Server startLatchkey(Database database, Path work) throws Exception {
		log("starting Latchkey");
		Map<String, String> environment = new LinkedHashMap<>(database.fresh("latchkey"));
		Map<String, String> argon2 = Map.of("latchkey.account.argon2.memory-kib", Integer.toString(EQUAL_WORK[0]),
				"latchkey.account.argon2.iterations", Integer.toString(EQUAL_WORK[1]),
				"latchkey.account.argon2.parallelism", Integer.toString(EQUAL_WORK[2]));
		List<String> options = new ArrayList<>(Server.jvmOptions(this.config));
		if (!"never".equals(this.config.profile())) {
			options.add("-XX:FlightRecorderOptions:stackdepth=512");
		}
		Server server = Server.start(this.config, options, work.resolve("latchkey"), environment, argon2);
		this.latchkey.readySeconds = server.readySeconds();
		this.latchkey.sampleStartMemory(server);
		return server;
	}

	/** Keycloak on a fresh database; its ready time and its memory after (see Side). */
	private Keycloak startKeycloak(Path work) throws Exception {
		log("starting Keycloak");
		Path home = this.config.work().getParent().resolve("keycloak").resolve("keycloak-" + this.version);
		Keycloak peer = Keycloak.start(home, work.resolve("keycloak"));
		this.keycloak.readySeconds = peer.readySeconds();
		this.keycloak.sampleStartMemory(peer);
		return peer;
	}

	/** Both hash floors, then the same users and an application at both servers. */
	private void prepare(Server server, Keycloak peer) throws Exception {
		Fixture fixture = new Fixture(server.controlPort());
		fixture.requireTwoFactor();
		CodeFlow.Client peerClient = new CodeFlow.Client("bench", CodeFlow.token(), CodeFlow.REDIRECT_URI);
		peer.createRealm(peerClient);
		int threads = Runtime.getRuntime().availableProcessors();
		List<String> floorLogins = IntStream.range(0, threads).mapToObj(i -> "floor-" + i).toList();
		peer.createUsers(floorLogins.stream().map(login -> new Users.AppUser(login, new byte[20], 0)).toList());
		log("hash floors, " + this.config.hashes() + " hashes on " + threads + " threads");
		this.latchkey.floor = measure(this.latchkey, () -> latchkeyFloor(server, fixture, threads, this.latchkey));
		this.keycloak.floor = measure(this.keycloak, () -> peer.hashFloor(floorLogins, this.config.hashes()));
		this.keycloak.hash = "`" + Keycloak.PASSWORD_POLICY + "` (the provider's defaults: 7,168 KiB, parallelism 1)";

		this.seeded = userCount();
		log("creating " + this.seeded + " users with an authenticator app at both");
		List<Users.AppUser> ours = fixture.appUsers("app", this.seeded);
		long step = Totp.currentStep() - 1;
		List<Users.AppUser> theirs = ours.stream().map(user -> new Users.AppUser(user.login(), user.key(), step)).toList();
		peer.createUsers(theirs);
		Users.AppPool ourPool = new Users.AppPool(ours);
		Users.AppPool theirPool = new Users.AppPool(theirs);
		CodeFlow flow = new CodeFlow(server.port(), fixture.client(CodeFlow.REDIRECT_URI), ourPool);
		this.atLatchkey = new Target(this.latchkey, server.pid(), ourPool, flow::signIn, fixture);
		this.atKeycloak = new Target(this.keycloak, peer.pid(), theirPool, run -> peer.signIn(run, peerClient, theirPool), null);
	}

	/**
	 * A warm-up of each server, then the measured runs, alternating between them. The warm-up lasts
	 * {@link #WARM_UP_SECONDS} (twice a run in a quick run): after 12 s, Keycloak's JIT compilers were still
	 * busy, and its CPU per sign-in measured 86 ms where, after 40 s, it measured 62 ms.
	 */
	private void alternate() throws Exception {
		double warmUp = this.config.quick() ? 2 * this.config.seconds() : Math.max(WARM_UP_SECONDS, 2 * this.config.seconds());
		this.warmUpSeconds = warmUp;
		log("warming up both, " + this.users + " users each, " + warmUp + " s");
		this.atLatchkey.load(this.users, warmUp);
		this.atKeycloak.load(this.users, warmUp);
		List<Run> ourRuns = new ArrayList<>();
		List<Run> theirRuns = new ArrayList<>();
		for (int i = 1; i <= this.config.runs(); i++) {
			log("code flow (g) at Latchkey, " + this.users + " users, run " + i + "/" + this.config.runs());
			ourRuns.add(this.atLatchkey.load(this.users, this.config.seconds()));
			log("code flow (g) at Keycloak, " + this.users + " users, run " + i + "/" + this.config.runs());
			theirRuns.add(this.atKeycloak.load(this.users, this.config.seconds()));
		}
		this.latchkey.signIn = Run.summarise(ourRuns);
		this.keycloak.signIn = Run.summarise(theirRuns);
	}

	/** One more run of Latchkey's side under JDK Flight Recorder, when its CPU per sign-in is 20 % over its floor. */
	private void profileWhenCostly(Server server, Path work) throws Exception {
		boolean costly = this.latchkey.ratioToFloor() > PROFILE_THRESHOLD;
		if ("always".equals(this.config.profile()) || (costly && !"never".equals(this.config.profile()))) {
			log("profile of the code flow (g) at Latchkey, " + this.users + " users");
			this.profile = Profile.record("(g) the OpenID Connect code flow at Latchkey, " + this.users + " users", "sign-in", server,
					work.resolve("profile-latchkey.jfr"), () -> this.atLatchkey.load(this.users, 2 * this.config.seconds()));
		}
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
		run.figure("threadCpuMsPer", 1000 * hashes.threadCpuSeconds() / this.config.hashes());
		run.figure("threads", threads);
		side.hash = "`" + hashes.parameters() + "` (Argon2id, as its hashes carry them)";
		return run;
	}

	/**
	 * Enough users that none is needed twice within one 30-second code step at the rate the faster floor
	 * allows, at either server.
	 */
	private int userCount() {
		double floorMs = Math.min(this.latchkey.floor.get("cpuMsPer").median(), this.keycloak.floor.get("cpuMsPer").median());
		double fastest = Runtime.getRuntime().availableProcessors() / (floorMs / 1000);
		double loadSeconds = Math.min(Totp.PERIOD_SECONDS + this.config.seconds(),
				this.config.seconds() * (this.config.runs() + 2));
		return (int) Math.ceil(fastest * loadSeconds * 1.2) + 4 * this.users;
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

	private static void log(String message) {
		System.out.printf("[%s versus] %s%n", java.time.LocalTime.now().withNano(0), message);
	}

	/** What one server measured. */
	static final class Side {

		final String name;

		String hash;

		double readySeconds;

		double residentAfterStartMb;

		double residentSettledMb;

		double residentAfterLoadMb;

		double peakResidentMb;

		Map<String, Run.Spread> floor;

		Map<String, Run.Spread> signIn;

		final List<String> errors = new ArrayList<>();

		Side(String name) {
			this.name = name;
		}

		/**
		 * The resident memory 1 s after the server said it was ready, and 5 s later, once settled: a JVM gives
		 * back its compilers' start-up memory every 5 s (as scenario (e) reads Latchkey's).
		 */
		void sampleStartMemory(MeasuredProcess server) throws InterruptedException {
			Thread.sleep(1000);
			this.residentAfterStartMb = server.residentMb();
			Thread.sleep(5000);
			this.residentSettledMb = server.residentMb();
		}

		/** Sign-ins per second of the server's CPU: the median run's. */
		double signInsPerCpuSecond() {
			return 1000 / this.signIn.get("cpuMsPer").median();
		}

		double ratioToFloor() {
			return this.signIn.get("cpuMsPer").median() / this.floor.get("cpuMsPer").median();
		}

	}

	/**
	 * One server's side of the load: the process whose CPU counts, its users and how they sign in, and at
	 * Latchkey the fixture that meters its password hashes (null at Keycloak, which has none).
	 */
	private record Target(Side side, long pid, Users.AppPool apps, Load.SignIn signIn, Fixture hashMeter) {

		/** {@code users} signing in for {@code seconds}; what failed is kept for the report. */
		Run load(int users, double seconds) throws Exception {
			Fixture.Hashes before = (this.hashMeter != null) ? this.hashMeter.hashes() : null;
			Run run = Load.closedLoop(users, seconds, -1, this.pid, OptionalLong.empty(), this.apps, this.signIn);
			if (before != null) {
				run.hashes = this.hashMeter.hashes().since(before);
			}
			return keep(this.side, run);
		}

	}

	private interface Measured {

		Run run() throws Exception;

	}

}
