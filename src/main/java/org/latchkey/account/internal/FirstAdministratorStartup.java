package org.latchkey.account.internal;

import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.FirstAdministrator;
import org.latchkey.account.InvalidAccountException;
import org.latchkey.account.NewAccount;
import org.latchkey.account.Role;
import org.latchkey.system.PublicUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start, while no administrator exists: creates the one named by the bootstrap settings, or else prints
 * the one-time setup link. The link is the one secret Latchkey writes to its log, on purpose: whoever can
 * read the server's console is the person installing it.
 */
@Component
public class FirstAdministratorStartup {

	private static final Logger log = LoggerFactory.getLogger(FirstAdministratorStartup.class);

	private final FirstAdministrator firstAdministrator;

	private final AccountManagement management;

	private final AccountSettings settings;

	private final PublicUrl publicUrl;

	FirstAdministratorStartup(FirstAdministrator firstAdministrator, AccountManagement management,
			AccountSettings settings, PublicUrl publicUrl) {
		this.firstAdministrator = firstAdministrator;
		this.management = management;
		this.settings = settings;
		this.publicUrl = publicUrl;
	}

	@EventListener(ApplicationReadyEvent.class)
	public void onReady() {
		if (!this.firstAdministrator.isNeeded()) {
			return;
		}
		if (this.settings.bootstrap().requested()) {
			bootstrap(this.settings.bootstrap());
			return;
		}
		String token = this.firstAdministrator.openSetup();
		String link = this.publicUrl.to("/setup").queryParam("token", token).build().toUriString();
		log.warn("No administrator exists yet. Create the first one within {} minutes at: {}",
				this.settings.setupLinkLifetime().toMinutes(), link);
	}

	private void bootstrap(AccountSettings.Bootstrap bootstrap) {
		try {
			Account admin = this.management.createActive(
					new NewAccount(bootstrap.login(), bootstrap.name(), bootstrap.email(), Role.ADMINISTRATOR),
					bootstrap.password());
			log.info("Created the first administrator '{}' from the bootstrap settings", admin.login());
		}
		catch (InvalidAccountException ex) {
			log.error("The bootstrap administrator was not created: field '{}' was refused ({})", ex.field(),
					ex.messageKey());
		}
	}

}
