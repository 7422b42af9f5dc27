package org.latchkey;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.latchkey.recovery.AdministratorRecovery;
import org.latchkey.secret.MasterKeyRotation;
import org.latchkey.system.CommandOutput;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

@SpringBootApplication
public class LatchkeyApplication {

	/** The commands of the jar: each runs once with the server's settings, opens no port, and exits. */
	static final Set<String> COMMANDS = Set.of(MasterKeyRotation.COMMAND, AdministratorRecovery.COMMAND);

	public static void main(String[] args) {
		if (List.of(args).stream().anyMatch(COMMANDS::contains)) {
			System.exit(runCommand(System.out, args));
		}
		new SpringApplicationBuilder(LatchkeyApplication.class).web(WebApplicationType.SERVLET).run(args);
	}

	/**
	 * Runs a command of the jar beside the running servers, with their settings, and returns its exit status:
	 * 0 when it did its work, 1 when it refused (it printed why), 2 when it could not start at all (the database
	 * unreachable, a setting wrong). The command's context is the server's, so that every bean it needs is there,
	 * but it listens on no port ({@code server.port=-1}, which no environment variable overrides) and runs no
	 * background work: nothing of a command is reachable over HTTP.
	 * @param out where the command prints what its operator reads
	 */
	public static int runCommand(PrintStream out, String... args) {
		return runCommand(out, List.of(), args);
	}

	/** {@link #runCommand(PrintStream, String...)} with more initializers, for tests (a clock of their own). */
	public static int runCommand(PrintStream out,
			List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers, String... args) {
		List<String> arguments = new ArrayList<>(List.of(args));
		// last, so that they win over the same settings given before them
		arguments.addAll(List.of("--server.port=-1", "--management.server.port=-1", "--latchkey.background-work=false"));
		ConfigurableApplicationContext context;
		try {
			context = new SpringApplicationBuilder(LatchkeyApplication.class).web(WebApplicationType.SERVLET)
				.initializers(started -> ((GenericApplicationContext) started).registerBean(CommandOutput.class,
						() -> new CommandOutput(out)))
				.initializers(initializers.toArray(ApplicationContextInitializer[]::new))
				.run(arguments.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			out.println("latchkey: the command did not run, nothing was changed: the server's settings or its database "
					+ "could not be used (" + rootCause(ex) + ")");
			return 2;
		}
		return SpringApplication.exit(context);
	}

	private static String rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

}
