package latchkey.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The driver's side of the server's bench fixture (see {@code bench/fixture}): users, policy, hash floor, an
 * application to sign in to, the session sweep.
 */
final class Fixture {

	private static final HttpClient client = HttpClient.newHttpClient();

	private static final int CONFIRM_BATCH = 100;

	private final int port;

	Fixture(int port) {
		this.port = port;
	}

	/** Requires a second factor of every user, as an administrator switches it on. */
	void requireTwoFactor() throws IOException, InterruptedException {
		call("/policy?mode=REQUIRED", "");
	}

	/**
	 * Creates users with an authenticator app, each enrolment confirmed with the code of the step before the
	 * current one (the server's window accepts it), so that every user can sign in at once. Confirmations go in
	 * batches, each started with at least 10 seconds left in the current step, so that no code leaves the
	 * window while its batch is being confirmed.
	 */
	List<Users.AppUser> appUsers(String prefix, int count) throws IOException, InterruptedException {
		List<String[]> enrolments = call("/users?kind=app&prefix=" + prefix + "&count=" + count, "").lines()
			.map(line -> line.split("\t"))
			.toList();
		List<Users.AppUser> users = new ArrayList<>();
		for (int from = 0; from < enrolments.size(); from += CONFIRM_BATCH) {
			long millisLeft = Totp.PERIOD_SECONDS * 1000 - System.currentTimeMillis() % (Totp.PERIOD_SECONDS * 1000);
			if (millisLeft < 10_000) {
				Thread.sleep(millisLeft + 5);
			}
			long step = Totp.currentStep() - 1;
			List<Users.AppUser> batch = enrolments.subList(from, Math.min(from + CONFIRM_BATCH, enrolments.size()))
				.stream()
				.map(fields -> new Users.AppUser(fields[0], Totp.base32(fields[1]), step))
				.toList();
			call("/confirm", String.join("\n",
					batch.stream().map(user -> user.login() + "\t" + Totp.code(user.key(), step)).toList()));
			users.addAll(batch);
		}
		return users;
	}

	/** Creates users with a 2FA email. */
	List<Users.EmailUser> emailUsers(String prefix, int count) throws IOException, InterruptedException {
		return call("/users?kind=email&prefix=" + prefix + "&count=" + count, "").lines().map(line -> {
			String[] fields = line.split("\t");
			return new Users.EmailUser(fields[0], fields[1]);
		}).toList();
	}

	/** Checks the password against its hash {@code count} times on {@code threads} threads in the server. */
	HashRun hash(int count, int threads) throws IOException, InterruptedException {
		String json = call("/hash?count=" + count + "&threads=" + threads, "");
		Matcher parameters = Pattern.compile("\"parameters\":\"([^\"]*)\"").matcher(json);
		return new HashRun(number(json, "wallSeconds"), number(json, "threadCpuSeconds"),
				parameters.find() ? parameters.group(1) : "unknown");
	}

	/** The password hashes the server made so far, and the CPU time their threads spent in them. */
	Hashes hashes() throws IOException, InterruptedException {
		String json = call("/hashes", "");
		return new Hashes((long) number(json, "hashes"), number(json, "cpuSeconds"));
	}

	/** Registers a confidential first-party application that receives its codes at {@code redirectUri}. */
	CodeFlow.Client client(String redirectUri) throws IOException, InterruptedException {
		String[] fields = call("/client?redirect=" + java.net.URLEncoder.encode(redirectUri, java.nio.charset.StandardCharsets.UTF_8), "")
			.split("\t");
		return new CodeFlow.Client(fields[0], fields[1], redirectUri);
	}

	/** Runs, in the server, the sweep of the sessions over a timeout that it runs every minute. */
	Sweep sweep() throws IOException, InterruptedException {
		String[] fields = call("/sweep", "").split("\t");
		return new Sweep(Double.parseDouble(fields[0]), Integer.parseInt(fields[1]));
	}

	private String call(String path, String body) throws IOException, InterruptedException {
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofMinutes(30))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("The bench fixture refused " + path + ": " + response.body());
		}
		return response.body();
	}

	private static double number(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\":([0-9.Ee-]+)").matcher(json);
		if (!matcher.find()) {
			throw new IllegalStateException("No " + name + " in " + json);
		}
		return Double.parseDouble(matcher.group(1));
	}

	/**
	 * One batch of hashes: its wall time, the CPU time of the hashing threads, and the Argon2id parameters
	 * ({@code m=...,t=...,p=...}) the server's hash carries.
	 */
	record HashRun(double wallSeconds, double threadCpuSeconds, String parameters) {
	}

	/** Password hashes and the CPU seconds their threads spent in them. */
	record Hashes(long count, double cpuSeconds) {

		Hashes since(Hashes before) {
			return new Hashes(this.count - before.count, this.cpuSeconds - before.cpuSeconds);
		}

	}

	/** One sweep: its milliseconds, and the sessions that were signed in before it. */
	record Sweep(double millis, int signedIn) {
	}

}
