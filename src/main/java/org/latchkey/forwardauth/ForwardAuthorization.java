package org.latchkey.forwardauth;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.AccountStatus;
import org.latchkey.account.Role;
import org.latchkey.forwardauth.ForwardDecision.Verdict;
import org.latchkey.forwardauth.internal.SitePlaces;
import org.latchkey.forwardauth.internal.SiteRows;
import org.latchkey.policy.OrganisationPolicy;
import org.latchkey.policy.TwoFactorMode;

import org.springframework.stereotype.Service;

/**
 * The one rule of forward authentication: may this session enter this site? The site is the listed one that
 * covers the request's host and path (the longest prefix wins); then, in this order, a complete sign-in is
 * needed, the person must be allowed on the site (everyone signed in, or one of its roles, or named), and the
 * session must hold the factor the site asks for: any, a second factor, or a second factor presented within
 * the site's minutes. A second factor that is missing or stale is asked for when two-factor authentication
 * is on; while it is off, none can be, and the site stays closed to that person.
 */
@Service
public class ForwardAuthorization {

	private final ProtectedSites sites;

	private final SiteRows rows;

	private final AccountManagement accounts;

	private final OrganisationPolicy policy;

	private final Clock clock;

	ForwardAuthorization(ProtectedSites sites, SiteRows rows, AccountManagement accounts, OrganisationPolicy policy,
			Clock clock) {
		this.sites = sites;
		this.rows = rows;
		this.accounts = accounts;
		this.policy = policy;
		this.clock = clock;
	}

	/**
	 * The decision for a request to {@code host} (as {@code X-Forwarded-Host} gives it, port included or not)
	 * and {@code uri} (path and query, as {@code X-Forwarded-Uri} gives it).
	 */
	public ForwardDecision decide(Visitor visitor, String host, String uri) {
		Optional<String> siteHost = SitePlaces.requestHost(host);
		Optional<String> path = SitePlaces.requestPath(uri);
		if (siteHost.isEmpty() || path.isEmpty()) {
			return ForwardDecision.of(Verdict.NOT_LISTED);
		}
		Optional<ProtectedSite> covering = this.sites.covering(siteHost.get(), path.get());
		if (covering.isEmpty()) {
			return ForwardDecision.of(Verdict.NOT_LISTED);
		}
		ProtectedSite site = covering.get();
		Optional<Account> account = (visitor.accountId() != null) ? this.accounts.findById(visitor.accountId())
				: Optional.empty();
		if (account.isEmpty() || account.get().status() != AccountStatus.ACTIVE) {
			return ForwardDecision.of(Verdict.SIGN_IN);
		}
		if (!mayEnter(site, account.get())) {
			return ForwardDecision.of(Verdict.FORBIDDEN);
		}
		if (!hasFactor(site, visitor)) {
			return ForwardDecision.of(
					(this.policy.current().twoFactorMode() != TwoFactorMode.OFF) ? Verdict.SECOND_FACTOR : Verdict.FORBIDDEN);
		}
		return new ForwardDecision(Verdict.ENTER, identity(account.get()));
	}

	private boolean mayEnter(ProtectedSite site, Account account) {
		return site.everyone() || site.roles().contains(account.role())
				|| (account.role() == Role.ADMINISTRATOR && site.roles().contains(Role.USER))
				|| this.rows.names(site.id(), account.id());
	}

	private boolean hasFactor(ProtectedSite site, Visitor visitor) {
		return switch (site.factor()) {
			case PASSWORD -> true;
			case TWO_FACTOR -> visitor.secondFactorAt() != null;
			case FRESH_TWO_FACTOR -> visitor.secondFactorAt() != null && !visitor.secondFactorAt()
				.plus(Duration.ofMinutes(site.freshMinutes()))
				.isBefore(this.clock.instant());
		};
	}

	private static RemoteIdentity identity(Account account) {
		List<String> groups = (account.role() == Role.ADMINISTRATOR) ? List.of("user", "administrator")
				: List.of(account.role().name().toLowerCase(Locale.ROOT));
		return new RemoteIdentity(account.login(), account.businessEmail(), account.displayName(), groups);
	}

}
