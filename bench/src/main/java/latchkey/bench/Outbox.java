package latchkey.bench;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the sign-in codes the server writes to its file outbox ({@code <data>/outbox/*.eml}), as a person
 * reads their mail: a watcher thread takes each new message, finds its recipient and code, hands the code to
 * whoever waits for that address, and deletes the file.
 */
final class Outbox implements AutoCloseable {

	private static final Pattern TO = Pattern.compile("(?m)^To: (.+?)\\r?$");

	private static final Pattern CODE = Pattern.compile("(?m)^\\s+(\\d{6})\\s*$");

	private final Path directory;

	private final WatchService watcher;

	private final Map<String, BlockingQueue<String>> codes = new ConcurrentHashMap<>();

	private final Thread thread;

	Outbox(Path directory) throws IOException {
		this.directory = directory;
		Files.createDirectories(directory);
		this.watcher = directory.getFileSystem().newWatchService();
		directory.register(this.watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
		this.thread = new Thread(this::watch, "outbox-reader");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** The next code sent to {@code address}, waiting at most {@code seconds}. */
	String nextCode(String address, double seconds) throws InterruptedException {
		String code = queue(address).poll((long) (seconds * 1000), TimeUnit.MILLISECONDS);
		if (code == null) {
			throw new Browser.StepFailed("no code reached " + address + " within " + seconds + " s");
		}
		return code;
	}

	private BlockingQueue<String> queue(String address) {
		return this.codes.computeIfAbsent(address.toLowerCase(java.util.Locale.ROOT), any -> new LinkedBlockingQueue<>());
	}

	private void watch() {
		try {
			while (true) {
				// a missed event (overflow, a file still being written) is caught by the next look
				WatchKey key = this.watcher.poll(100, TimeUnit.MILLISECONDS);
				if (key != null) {
					key.pollEvents();
					key.reset();
				}
				readAll();
			}
		}
		catch (InterruptedException | ClosedWatchServiceException stopped) {
			// closed
		}
	}

	private void readAll() {
		try (DirectoryStream<Path> messages = Files.newDirectoryStream(this.directory, "*.eml")) {
			for (Path message : messages) {
				read(message);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void read(Path message) {
		try {
			String text = Files.readString(message);
			Matcher to = TO.matcher(text);
			if (!text.trim().endsWith("--") || !to.find()) {
				return; // still being written
			}
			Matcher code = CODE.matcher(text);
			if (code.find()) {
				queue(to.group(1).trim()).add(code.group(1));
			}
			Files.deleteIfExists(message);
		}
		catch (IOException ex) {
			// deleted or replaced meanwhile: the next look reads it again
		}
	}

	@Override
	public void close() throws IOException, InterruptedException {
		this.thread.interrupt();
		this.watcher.close();
		this.thread.join(1000);
	}

}
