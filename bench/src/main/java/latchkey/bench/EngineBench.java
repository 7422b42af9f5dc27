package latchkey.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The whole benchmark on one database engine: start-ups, then one server under load for the hash floor (d),
 * the sign-ins (a) and (b), the second-factor check (c), the OpenID Connect code flow (g), the session sweep (h), the
 * burst (f), and profiles where the CPU beyond the hash is more than 20 % of it or the check misses its goal.
 */
final class EngineBench {

	private static final double PROFILE_THRESHOLD = 1.2;

	/** The checks per second below which (c) is profiled: the goal's. */
	private static final double CHECK_GOAL = 2000;

	/**
	 * The checks of each of the two runs a profile of (c) takes: a run of (c)'s own few hundred lasts under a
	 * second, too short for the recorder's samples to say where the CPU goes.
	 */
	private static final int PROFILED_CHECKS = 2000;

	/** How long after the first memory sample of a start the settled one is taken. */
	private static final Duration SETTLING = Duration.ofSeconds(5);

	private final Config config;

	private final String engine;

	private final Results results;

	private Server server;

	private Database database;

	private Users.AppPool apps;

	private Users.EmailPool emails;

	private Outbox outbox;

	EngineBench(Config config, String engine, Results results) {
		this.config = config;
		this.engine = engine;
		this.results = results;
	}

	void run() throws Exception {
		Path work = this.config.work().resolve(this.engine);
		deleteAll(work);
		java.nio.file.Files.createDirectories(work);
		try (Database database = Database.of(this.engine, work)) {
			this.database = database;
			startUps(work);
			try {
				log("hash floor (d)");
				hashFloor();
				seedUsers();
				this.outbox = new Outbox(work.resolve("server/data/outbox"));
				int widest = this.config.concurrency().get(this.config.concurrency().size() - 1);
				log("warming up the sign-in paths, " + widest + " users");
				this.results.errorSamples.addAll(closedLoop(widest, 2 * this.config.seconds(), -1, this::appSignIn).errorSamples());
				for (int users : this.config.concurrency()) {
					log("password + authenticator app (a), " + users + " users");
					this.results.app.put(users, measure(() -> closedLoop(users, this::appSignIn)));
				}
				log("password + email code (b), " + this.config.emailConcurrency() + " users");
				this.results.email = measure(() -> closedLoop(this.config.emailConcurrency(), this::emailSignIn));
				log("second-factor check alone (c), " + this.config.checkConcurrency() + " users");
				this.results.check = measure(this::secondFactorChecks);
				log("OIDC code flow (g), " + widest + " users");
				CodeFlow codeFlow = new CodeFlow(this.server.port(),
						new Fixture(this.server.controlPort()).client(CodeFlow.REDIRECT_URI), this.apps);
				this.results.codeFlow = measure(() -> closedLoop(widest, codeFlow::signIn));
				log("session sweep (h), under the sign-ins of (a), " + widest + " users");
				this.results.sweep = measure(() -> sweepWhileSigningIn(widest));
				log("burst of " + this.config.burst() + " simultaneous password posts (f)");
				this.results.burst = Burst.run(this.server, this.apps, this.config.burst());
				this.results.errorSamples.addAll(this.results.burst.failures());
				// before the profiles: a recording and the browsers a profile of (c) prepares are not the load's
				this.results.residentAfterLoadMb = this.server.residentMb();
				this.results.peakResidentMb = this.server.peakResidentMb();
				profiles(work);
			}
			finally {
				if (this.outbox != null) {
					this.outbox.close();
				}
				this.server.close();
			}
		}
	}

	/**
	 * (e): the release's launcher as shipped, on one data directory and database: a first start, which makes the
	 * start-up cache, then {@code runs} timed later starts (restarts), each stopped once it settled; then the server
	 * the load runs against, started from the jar with the bench fixture (plus a deeper JFR stack when profiles
	 * may be taken).
	 */
	private void startUps(Path work) throws Exception {
		Path release = unpack(work.resolve("release"));
		Map<String, String> database = this.database.fresh("latchkey_start");
		List<Run> runs = new ArrayList<>();
		for (int i = 0; i <= this.config.runs(); i++) {
			log("start-up (e) " + (i == 0 ? "first start, making the start-up cache" : i + "/" + this.config.runs()));
			try (Server started = Server.launch(this.config, release, work.resolve("start"), database)) {
				// what the process holds 1 s after it said it was ready (the first request has not come yet)
				Thread.sleep(1000);
				if (i == 0) {
					this.results.firstStartSeconds = started.readySeconds();
					continue;
				}
				Run run = new Run();
				run.figure("readySeconds", started.readySeconds());
				run.figure("residentMb", started.residentMb());
				// and once settled: the JVM frees what its compilers used at start when its chunk pools are cleaned
				// (every 5 s), and the launcher has the native heap trimmed every second
				Thread.sleep(SETTLING.toMillis());
				run.figure("settledResidentMb", started.residentMb());
				started.startPhases().forEach((phase, seconds) -> run.figure("phase: " + phase, seconds));
				runs.add(run);
			}
		}
		this.results.startUp = Run.summarise(runs);
		List<String> options = new ArrayList<>(Server.jvmOptions(this.config));
		if (!"never".equals(this.config.profile())) {
			options.add("-XX:FlightRecorderOptions:stackdepth=512");
		}
		log("starting the server under test");
		this.server = Server.start(this.config, options, work.resolve("server"), this.database.fresh("latchkey"),
				this.config.argon2Properties());
	}

	private Path unpack(Path directory) throws Exception {
		java.nio.file.Files.createDirectories(directory);
		Process tar = new ProcessBuilder("tar", "xzf", this.config.tarball().toAbsolutePath().toString(), "-C",
				directory.toString()).inheritIO().start();
		if (tar.waitFor() != 0) {
			throw new IllegalStateException("Could not unpack " + this.config.tarball());
		}
		try (var entries = java.nio.file.Files.list(directory)) {
			return entries.findFirst().orElseThrow();
		}
	}

	/** (d): the server's own password encoder, alone, on as many threads as there are processors. */
	private void hashFloor() throws Exception {
		Fixture fixture = new Fixture(this.server.controlPort());
		fixture.requireTwoFactor();
		int threads = Runtime.getRuntime().availableProcessors();
		this.results.floor = measure(() -> {
			Run run = new Run();
			double cpu = this.server.cpuSeconds();
			Fixture.HashRun hashes = fixture.hash(this.config.hashes(), threads);
			run.cpuSeconds = this.server.cpuSeconds() - cpu;
			run.wallSeconds = hashes.wallSeconds();
			for (int i = 0; i < this.config.hashes(); i++) {
				run.completed();
			}
			run.figure("threadCpuMsPer", 1000 * hashes.threadCpuSeconds() / this.config.hashes());
			this.results.argon2 = hashes.parameters();
			run.figure("threads", threads);
			return run;
		});
	}

	/**
	 * Enough users that none is needed twice within one 30-second code step at the highest rate the hash
	 * floor allows, and that none is sent more than 4 email codes (the server allows 5 per 15 minutes).
	 */
	private void seedUsers() throws Exception {
		double floorSeconds = this.results.floor.get("cpuMsPer").median() / 1000;
		double fastest = Runtime.getRuntime().availableProcessors() / floorSeconds;
		// the levels of (a), its warm-up, (g) and (h)
		int levels = this.config.concurrency().size() + 3;
		double appLoadSeconds = Math.min(Totp.PERIOD_SECONDS + this.config.seconds(),
				this.config.seconds() * (this.config.runs() + 1) * levels);
		int widest = this.config.concurrency().stream().mapToInt(Integer::intValue).max().orElse(1);
		// a profile of (c) takes its browsers past the password first, one user each
		int profiledChecks = "never".equals(this.config.profile()) ? 0 : 2 * PROFILED_CHECKS;
		int appUsers = (int) Math.ceil(fastest * appLoadSeconds * 1.2) + this.config.checks() + 4 * widest
				+ this.config.burst() + profiledChecks;
		int emailUsers = (int) Math.ceil(fastest * this.config.seconds() * (this.config.runs() + 2) / 4)
				+ 4 * this.config.emailConcurrency();
		log("creating " + appUsers + " users with an app and " + emailUsers + " with a 2FA email");
		Fixture fixture = new Fixture(this.server.controlPort());
		long start = System.nanoTime();
		this.apps = new Users.AppPool(fixture.appUsers("app", appUsers));
		this.emails = new Users.EmailPool(fixture.emailUsers("mail", emailUsers));
		this.results.appUsers = appUsers;
		this.results.emailUsers = emailUsers;
		this.results.seedSeconds = (System.nanoTime() - start) / 1e9;
	}

	/** (a): the sign-in a person with an authenticator app goes through, page by page. */
	private void appSignIn(Run run) throws Exception {
		Users.AppUser user = this.apps.next();
		Browser browser = new Browser(this.server.port());
		long start = System.nanoTime();
		password(run, browser, user.login(), "/login/verify/app");
		String code = user.code();
		run.step("code", () -> browser.post("/login/verify/app", "code", code).redirectsTo("/"));
		run.step("home", () -> browser.get("/").ok());
		run.time("whole sign-in", System.nanoTime() - start);
	}

	/** (b): the sign-in with a code sent by email, read from the file outbox as soon as it is written. */
	private void emailSignIn(Run run) throws Exception {
		Users.EmailUser user = this.emails.next();
		Browser browser = new Browser(this.server.port());
		long start = System.nanoTime();
		password(run, browser, user.login(), "/login/verify");
		String code = run.step("email delivery", () -> this.outbox.nextCode(user.address(), 60));
		run.step("code", () -> browser.post("/login/verify", "code", code).redirectsTo("/"));
		run.step("home", () -> browser.get("/").ok());
		run.time("whole sign-in", System.nanoTime() - start);
	}

	/** Step 1, timed page by page: the sign-in page, the password, and the code page with its form. */
	private static void password(Run run, Browser browser, String login, String codeForm) throws Exception {
		run.step("login page", () -> browser.get("/login").hasForm("/login"));
		run.step("password", () -> browser.post("/login", "username", login, "password", Users.PASSWORD)
			.redirectsTo("/login/verify"));
		run.step("code page", () -> browser.get("/login/verify").hasForm(codeForm));
	}

	/**
	 * (c): browsers already past the password (prepared first, not measured), then only their authenticator
	 * codes, each checked once.
	 */
	private Run secondFactorChecks() throws Exception {
		return checks(pendingChecks(this.config.checks()), this.config.checks());
	}

	/** Browsers taken past the password by as many users, each waiting to send its authenticator code. */
	private ConcurrentLinkedQueue<PendingCheck> pendingChecks(int count) throws Exception {
		ConcurrentLinkedQueue<PendingCheck> pending = new ConcurrentLinkedQueue<>();
		Run preparation = closedLoop(this.config.checkConcurrency(), 0, count, run -> {
			Users.AppUser user = this.apps.next();
			Browser browser = new Browser(this.server.port());
			password(new Run(), browser, user.login(), "/login/verify/app");
			pending.add(new PendingCheck(browser, user));
		});
		if (preparation.errors() > 0) {
			throw new IllegalStateException("Preparing the second-factor checks failed: " + preparation.errorSamples());
		}
		return pending;
	}

	/** {@code count} of the {@code pending} browsers send their codes, one check each. */
	private Run checks(ConcurrentLinkedQueue<PendingCheck> pending, int count) throws Exception {
		return closedLoop(this.config.checkConcurrency(), 0, count, run -> {
			PendingCheck next = pending.poll();
			String code = next.user().code();
			run.step("code", () -> next.browser().post("/login/verify/app", "code", code).redirectsTo("/"));
		});
	}

	private record PendingCheck(Browser browser, Users.AppUser user) {
	}

	/**
	 * Profiles (a) at its highest concurrency and (b) where they cost more than 20 % beyond the floor, and (c) where
	 * it misses its goal.
	 */
	private void profiles(Path work) throws Exception {
		if ("never".equals(this.config.profile())) {
			return;
		}
		double floor = this.results.floor.get("cpuMsPer").median();
		int widest = this.config.concurrency().get(this.config.concurrency().size() - 1);
		double app = this.results.app.get(widest).get("cpuMsPer").median() / floor;
		if ("always".equals(this.config.profile()) || app > PROFILE_THRESHOLD) {
			log("profile of (a), " + widest + " users");
			this.results.profiles.add(Profile.record("(a) password + authenticator app, " + widest + " users", "sign-in",
					this.server, work.resolve("profile-app.jfr"), () -> closedLoop(widest, 2 * this.config.seconds(), -1, this::appSignIn)));
		}
		double email = this.results.email.get("cpuMsPer").median() / floor;
		if ("always".equals(this.config.profile()) || email > PROFILE_THRESHOLD) {
			log("profile of (b), " + this.config.emailConcurrency() + " users");
			this.results.profiles.add(Profile.record(
					"(b) password + email code, " + this.config.emailConcurrency() + " users", "sign-in", this.server,
					work.resolve("profile-email.jfr"),
					() -> closedLoop(this.config.emailConcurrency(), 2 * this.config.seconds(), -1, this::emailSignIn)));
		}
		double checks = this.results.check.get("perSecond").median();
		if ("always".equals(this.config.profile()) || checks < CHECK_GOAL) {
			log("profile of (c), " + this.config.checkConcurrency() + " users, preparing " + 2 * PROFILED_CHECKS + " browsers");
			ConcurrentLinkedQueue<PendingCheck> pending = pendingChecks(2 * PROFILED_CHECKS);
			this.results.profiles.add(Profile.record("(c) the second-factor check alone, " + this.config.checkConcurrency()
					+ " users", "check", this.server, work.resolve("profile-check.jfr"), () -> checks(pending, PROFILED_CHECKS)));
		}
	}

	/**
	 * (h): the sweep of the sessions over a timeout, which each node runs every minute, run once a second into a
	 * run of (a), so that it reads the sessions while sign-ins write them.
	 */
	private Run sweepWhileSigningIn(int users) throws Exception {
		ExecutorService signingIn = Executors.newSingleThreadExecutor();
		try {
			Future<Run> load = signingIn.submit(() -> closedLoop(users, this::appSignIn));
			Thread.sleep(1000);
			Fixture.Sweep sweep = new Fixture(this.server.controlPort()).sweep();
			Run run = load.get();
			run.figure("sweepMs", sweep.millis());
			run.figure("signedIn", sweep.signedIn());
			return run;
		}
		finally {
			signingIn.shutdown();
		}
	}

	/** A warm-up run, then the measured runs, summarised. */
	private Map<String, Run.Spread> measure(Measured measured) throws Exception {
		Run warmUp = measured.run();
		if (warmUp.errors() > 0) {
			this.results.errorSamples.addAll(warmUp.errorSamples());
		}
		List<Run> runs = new ArrayList<>();
		for (int i = 0; i < this.config.runs(); i++) {
			Run run = measured.run();
			this.results.errorSamples.addAll(run.errorSamples());
			runs.add(run);
		}
		return Run.summarise(runs);
	}

	/** Users signing in one after the other, each on their own thread, for the configured time. */
	private Run closedLoop(int users, Load.SignIn signIn) throws Exception {
		return closedLoop(users, this.config.seconds(), -1, signIn);
	}

	/**
	 * Users each on their own thread, repeating {@code signIn} for {@code seconds}, or until {@code count} were
	 * done when it is positive (see {@link Load}), with the password hashes the server made meanwhile.
	 */
	private Run closedLoop(int users, double seconds, int count, Load.SignIn signIn) throws Exception {
		Fixture fixture = new Fixture(this.server.controlPort());
		Fixture.Hashes before = fixture.hashes();
		Run run = Load.closedLoop(users, seconds, count, this.server.pid(), this.database.processId(), this.apps, signIn);
		run.hashes = fixture.hashes().since(before);
		return run;
	}

	static void deleteAll(Path directory) throws java.io.IOException {
		if (java.nio.file.Files.exists(directory)) {
			try (var paths = java.nio.file.Files.walk(directory)) {
				for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
					java.nio.file.Files.delete(path);
				}
			}
		}
	}

	private void log(String message) {
		System.out.printf("[%s %s] %s%n", java.time.LocalTime.now().withNano(0), this.engine, message);
	}

	private interface Measured {

		Run run() throws Exception;

	}

}
