package latchkey.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The timing side of enumeration ({@code bench/run.sh --enumeration}): wrong passwords for logins that exist and
 * for logins that do not, one request at a time, the two kinds interleaved in a random order so that any drift
 * of the machine falls on both. Latchkey hashes a dummy password for an unknown login, so the two medians must
 * differ by less than 5 % (security-standards §8 #7). Each known login is tried once, so no account locks;
 * the per-client throttle is raised for this run only, since every attempt comes from 127.0.0.1.
 */
final class EnumerationBench {

	private static final int WARM_UP_PAIRS = 20;

	private static final double GOAL = 0.05;

	private final Config config;

	private final String engine;

	EnumerationBench(Config config, String engine) {
		this.config = config;
		this.engine = engine;
	}

	/** Runs the trials on a fresh server and writes the report; returns the report's path. */
	Path run() throws Exception {
		Path work = this.config.work().resolve(this.engine + "-enumeration");
		EngineBench.deleteAll(work);
		Files.createDirectories(work);
		String loadBefore = Bench.loadAverage();
		long[] known;
		long[] unknown;
		try (Database database = Database.of(this.engine, work)) {
			Map<String, String> properties = new LinkedHashMap<>(this.config.argon2Properties());
			properties.put("latchkey.throttle.client-failures-per-minute", "1000000");
			try (Server server = Server.start(this.config, Server.jvmOptions(this.config), work.resolve("server"),
					database.fresh("latchkey_enumeration"), properties)) {
				int pairs = WARM_UP_PAIRS + this.config.trials();
				List<Users.EmailUser> users = new Fixture(server.controlPort()).emailUsers("known", pairs);
				long[][] timings = trials(server.port(), users);
				known = Arrays.copyOfRange(timings[0], WARM_UP_PAIRS, pairs);
				unknown = Arrays.copyOfRange(timings[1], WARM_UP_PAIRS, pairs);
			}
		}
		return write(known, unknown, loadBefore);
	}

	/** Nanoseconds per wrong-password POST: [0] for known logins, [1] for unknown ones, pair by pair. */
	private static long[][] trials(int port, List<Users.EmailUser> users) throws Exception {
		long[][] timings = new long[2][users.size()];
		Random order = new Random();
		for (int pair = 0; pair < users.size(); pair++) {
			boolean knownFirst = order.nextBoolean();
			for (int turn = 0; turn < 2; turn++) {
				boolean known = (turn == 0) == knownFirst;
				String login = known ? users.get(pair).login() : "nobody-" + pair + "-" + order.nextInt(1_000_000);
				timings[known ? 0 : 1][pair] = wrongPassword(port, login);
			}
		}
		return timings;
	}

	private static long wrongPassword(int port, String login) throws Exception {
		Browser browser = new Browser(port);
		browser.get("/login").hasForm("/login");
		long start = System.nanoTime();
		browser.post("/login", "username", login, "password", "not the password of " + login).redirectsTo("/login?error");
		return System.nanoTime() - start;
	}

	private Path write(long[] known, long[] unknown, String loadBefore) throws Exception {
		long[] pairDifferences = new long[known.length];
		for (int pair = 0; pair < known.length; pair++) {
			pairDifferences[pair] = known[pair] - unknown[pair];
		}
		Arrays.sort(pairDifferences);
		double pairMedian = Run.percentile(pairDifferences, 50);
		Arrays.sort(known);
		Arrays.sort(unknown);
		double knownMedian = Run.percentile(known, 50);
		double unknownMedian = Run.percentile(unknown, 50);
		double difference = Math.abs(unknownMedian - knownMedian) / knownMedian;
		String name = LocalDate.now(ZoneOffset.UTC) + "-" + this.engine + "-enumeration" + (this.config.quick() ? "-smoke" : "");
		List<String> md = new ArrayList<>();
		md.add("# Latchkey benchmark: enumeration by timing, " + this.engine + ", " + LocalDate.now(ZoneOffset.UTC));
		md.add("");
		md.add("- Command: `" + this.config.command() + "`");
		md.add("- Load average before / after: " + loadBefore + " / " + Bench.loadAverage());
		md.add("- " + known.length + " pairs after " + WARM_UP_PAIRS + " warm-up pairs: a wrong password for a login that exists and "
				+ "for one that does not, one POST `/login` at a time (each from a fresh sign-in page), in random order within each pair. "
				+ "Each existing login is tried once; the client-address throttle is raised for this run.");
		md.add("");
		md.add("| login | p10 (ms) | median (ms) | p90 (ms) |");
		md.add("|---|---|---|---|");
		md.add(row("exists, wrong password", known));
		md.add(row("does not exist", unknown));
		md.add("");
		md.add(String.format(Locale.ROOT, "Difference of the medians: **%.1f %%** (goal: under %.0f %%, %s).", 100 * difference,
				100 * GOAL, difference < GOAL ? "met" : "**not met**"));
		md.add(String.format(Locale.ROOT, "Median of the differences within each pair (exists minus does not exist), which the "
				+ "machine's drift affects least: %.1f ms.", pairMedian));
		md.add("");
		Path markdown = this.config.results().resolve(name + ".md");
		Files.createDirectories(this.config.results());
		Files.write(markdown, md);
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("engine", this.engine);
		json.put("command", this.config.command());
		json.put("pairs", known.length);
		json.put("knownMedianMs", knownMedian);
		json.put("unknownMedianMs", unknownMedian);
		json.put("medianDifference", difference);
		json.put("pairDifferenceMedianMs", pairMedian);
		Files.writeString(this.config.results().resolve(name + ".json"), Json.write(json));
		return markdown;
	}

	private static String row(String label, long[] sorted) {
		return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |", label, Run.percentile(sorted, 10),
				Run.percentile(sorted, 50), Run.percentile(sorted, 90));
	}


}
