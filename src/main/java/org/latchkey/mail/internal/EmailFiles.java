package org.latchkey.mail.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

import org.latchkey.system.MessageRetention;

import org.springframework.stereotype.Component;

/**
 * The {@code .eml} files the file notifier wrote, each a whole message: the retention deletes them with the
 * outbox's rows, whichever notifier the server uses now.
 */
@Component
class EmailFiles implements MessageRetention.Folder {

	private final Path directory;

	EmailFiles(MailSettings settings) {
		this.directory = settings.directory();
	}

	@Override
	public String name() {
		return "email files";
	}

	@Override
	public int deleteBefore(Instant cutoff) {
		if (!Files.isDirectory(this.directory)) {
			return 0;
		}
		int deleted = 0;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.directory, "*.eml")) {
			for (Path file : files) {
				if (writtenBefore(file, cutoff) && Files.deleteIfExists(file)) {
					deleted++;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return deleted;
	}

	private static boolean writtenBefore(Path file, Instant cutoff) throws IOException {
		// a file deleted since the folder was listed is no longer there to delete
		try {
			return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
		}
		catch (NoSuchFileException ex) {
			return false;
		}
	}

}
