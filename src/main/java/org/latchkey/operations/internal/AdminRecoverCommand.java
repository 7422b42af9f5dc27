package org.latchkey.operations.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.latchkey.recovery.AdministratorRecovery;
import org.latchkey.recovery.AdministratorRecovery.RecoveryLink;
import org.latchkey.recovery.AdministratorRecovery.RecoveryRefusedException;
import org.latchkey.system.CommandOutput;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code latchkey admin-recover --login NAME} (or {@code java -jar latchkey.jar admin-recover --login NAME}): prints
 * the one-time recovery link of an administrator ({@link AdministratorRecovery}). It runs only as a command of the
 * jar, which starts no web server: there is no way to ask for it over HTTP. Its run needs the database (the
 * command does not start at all when it is unreachable) and the master key, exactly as the servers have them.
 */
@Component
class AdminRecoverCommand implements ApplicationRunner, ExitCodeGenerator {

	private final AdministratorRecovery recovery;

	private final JdbcClient jdbc;

	private final ObjectProvider<CommandOutput> output;

	private int status;

	AdminRecoverCommand(AdministratorRecovery recovery, JdbcClient jdbc, ObjectProvider<CommandOutput> output) {
		this.recovery = recovery;
		this.jdbc = jdbc;
		this.output = output;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		if (!arguments.getNonOptionArgs().contains(AdministratorRecovery.COMMAND)) {
			return;
		}
		CommandOutput out = this.output.getIfAvailable(() -> new CommandOutput(System.out));
		List<String> logins = logins(arguments.getSourceArgs());
		if (logins.size() != 1 || logins.get(0).isBlank()) {
			out.println("Usage: latchkey admin-recover --login NAME");
			this.status = 1;
			return;
		}
		// the start ran the migrations; this says the database still answers now
		this.jdbc.sql("SELECT COUNT(*) FROM account").query(Long.class).single();
		try {
			RecoveryLink link = this.recovery.issue(logins.get(0), Locale.ENGLISH);
			out.println("Recovery link for the administrator " + link.login() + ", valid once until "
					+ link.expiresAt() + ":");
			out.println(link.url());
			out.println("It sets a new password and removes every second factor of the account; its business email "
					+ "was told. Give it to " + link.login() + " only.");
			this.status = 0;
		}
		catch (RecoveryRefusedException ex) {
			out.println("admin-recover refused: " + ex.getMessage());
			this.status = 1;
		}
	}

	/** The values of {@code --login NAME} and {@code --login=NAME}, as an operator types either. */
	static List<String> logins(String[] args) {
		List<String> logins = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--login")) {
				logins.add((i + 1 < args.length && !args[i + 1].startsWith("--")) ? args[++i] : "");
			}
			else if (args[i].startsWith("--login=")) {
				logins.add(args[i].substring("--login=".length()));
			}
		}
		return logins;
	}

	@Override
	public int getExitCode() {
		return this.status;
	}

}
