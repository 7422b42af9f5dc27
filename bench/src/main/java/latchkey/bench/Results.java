package latchkey.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything one engine's benchmark measured, for the report. */
final class Results {

	final String engine;

	Map<String, Run.Spread> startUp;

	/** The launcher's first start: it makes the start-up cache, then starts with it. */
	double firstStartSeconds;

	Map<String, Run.Spread> floor;

	/** The Argon2id parameters the server's hashes carry, as it reported them: {@code m=...,t=...,p=...}. */
	String argon2;

	final Map<Integer, Map<String, Run.Spread>> app = new TreeMap<>();

	Map<String, Run.Spread> email;

	Map<String, Run.Spread> check;

	/** (g), at the highest concurrency of (a). */
	Map<String, Run.Spread> codeFlow;

	/** (h), under (a) at its highest concurrency. */
	Map<String, Run.Spread> sweep;

	Burst.Outcome burst;

	double residentAfterLoadMb;

	double peakResidentMb;

	int appUsers;

	int emailUsers;

	double seedSeconds;

	final List<String> errorSamples = new ArrayList<>();

	final List<Profile> profiles = new ArrayList<>();

	String loadBefore;

	String loadAfter;

	double elapsedSeconds;

	Path markdown;

	Results(String engine) {
		this.engine = engine;
	}

}
