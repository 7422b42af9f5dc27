package org.latchkey.forwardauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.latchkey.account.Account;
import org.latchkey.account.AccountManagement;
import org.latchkey.account.Role;
import org.latchkey.audit.AuditLog;
import org.latchkey.audit.AuditOutcome;
import org.latchkey.forwardauth.internal.SitePlaces;
import org.latchkey.forwardauth.internal.SiteRows;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * The list of sites behind a reverse proxy, as the console keeps it: adding one (checked, audited), removing
 * one (audited), the site that covers a request, and whether an address is one a person may be sent back to
 * after signing in (only an address of a listed site: Latchkey never redirects anywhere else).
 */
@Service
public class ProtectedSites {

	/** The longest a fresh second factor may be asked to be: a day. */
	public static final int FRESH_MINUTES_MAX = 1440;

	private static final int NAMED_MAX = 200;

	private final SiteRows rows;

	private final AccountManagement accounts;

	private final AuditLog audit;

	private final Clock clock;

	ProtectedSites(SiteRows rows, AccountManagement accounts, AuditLog audit, Clock clock) {
		this.rows = rows;
		this.accounts = accounts;
		this.audit = audit;
		this.clock = clock;
	}

	public List<ProtectedSite> list() {
		return this.rows.all();
	}

	/**
	 * Adds a site.
	 * @throws InvalidSiteException naming the field at fault: a host that is not a host name, a prefix that is
	 * not a plain path, no one allowed, an unknown login, a factor or a number of minutes out of range, or a
	 * place (host and prefix) already listed
	 */
	@Transactional
	public ProtectedSite add(NewProtectedSite form) {
		String host = SitePlaces.host(form.host()).orElseThrow(() -> new InvalidSiteException("host", "forward-auth.error.host"));
		String prefix = SitePlaces.pathPrefix(form.pathPrefix())
			.orElseThrow(() -> new InvalidSiteException("pathPrefix", "forward-auth.error.path"));
		Set<Role> roles = EnumSet.noneOf(Role.class);
		List<Long> named = new ArrayList<>();
		List<String> logins = new ArrayList<>();
		if (!form.everyone()) {
			for (String role : form.roles()) {
				roles.add(Role.named(role).orElseThrow(() -> new InvalidSiteException("roles", "forward-auth.error.role")));
			}
			Set<String> typed = new LinkedHashSet<>(form.logins().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
			if (typed.size() > NAMED_MAX) {
				throw new InvalidSiteException("logins", "forward-auth.error.too-many");
			}
			for (String login : typed) {
				Account account = this.accounts.findByLogin(login)
					.orElseThrow(() -> new InvalidSiteException("logins", "forward-auth.error.login"));
				if (!named.contains(account.id())) {
					named.add(account.id());
					logins.add(account.login());
				}
			}
			if (roles.isEmpty() && named.isEmpty()) {
				throw new InvalidSiteException("logins", "forward-auth.error.nobody");
			}
		}
		RequiredFactor factor = factorNamed(form.factor());
		Integer fresh = null;
		if (factor == RequiredFactor.FRESH_TWO_FACTOR) {
			String minutes = form.freshMinutes().strip();
			if (!minutes.matches("[0-9]{1,4}") || Integer.parseInt(minutes) < 1
					|| Integer.parseInt(minutes) > FRESH_MINUTES_MAX) {
				throw new InvalidSiteException("freshMinutes", "forward-auth.error.minutes");
			}
			fresh = Integer.parseInt(minutes);
		}
		Optional<Long> id = this.rows.insert(host, prefix, form.everyone(), roles, named, factor, fresh,
				this.clock.instant());
		if (id.isEmpty()) {
			TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
			throw new InvalidSiteException("host", "forward-auth.error.duplicate");
		}
		ProtectedSite site = new ProtectedSite(id.get(), host, prefix, form.everyone(), roles, logins, factor, fresh);
		this.audit.record(ForwardAuthEvent.PROTECTED_SITE_ADDED, AuditOutcome.SUCCESS, null, null, describe(site));
		return site;
	}

	/** Removes a site; whether there was one. */
	@Transactional
	public boolean remove(long id) {
		Optional<ProtectedSite> site = this.rows.find(id);
		if (site.isEmpty() || !this.rows.delete(id)) {
			return false;
		}
		this.audit.record(ForwardAuthEvent.PROTECTED_SITE_REMOVED, AuditOutcome.SUCCESS, null, null,
				describe(site.get()));
		return true;
	}

	/**
	 * The listed site that covers a request's host and path (as {@link SitePlaces#requestPath} reads it): the
	 * one with the longest prefix, so that a stricter rule for {@code /admin} holds under a laxer one for
	 * {@code /}.
	 */
	public Optional<ProtectedSite> covering(String host, String path) {
		return this.rows.onHost(host)
			.stream()
			.filter(site -> SitePlaces.covers(site.pathPrefix(), path))
			.max(Comparator.comparingInt(site -> site.pathPrefix().length()));
	}

	/**
	 * The address to send a person back to after signing in, when it is an address of a listed site: absolute,
	 * {@code https} (or {@code http} unless {@code httpsOnly}), with no user information, on a listed host
	 * under a listed prefix. Empty for anything else, so that the sign-in cannot be made an open redirect.
	 */
	public Optional<URI> returnAddress(String text, boolean httpsOnly) {
		if (text == null || text.isEmpty() || text.length() > 4000
				|| text.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f || c == '\\')) {
			return Optional.empty();
		}
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!(scheme.equals("https") || (scheme.equals("http") && !httpsOnly)) || uri.isOpaque()
				|| uri.getRawUserInfo() != null || uri.getHost() == null || uri.getRawAuthority() == null
				|| !uri.getRawAuthority().equals(uri.getHost() + ((uri.getPort() >= 0) ? ":" + uri.getPort() : ""))) {
			return Optional.empty();
		}
		String rawPath = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
		Optional<String> host = SitePlaces.requestHost(uri.getRawAuthority());
		Optional<String> path = SitePlaces.requestPath(rawPath);
		if (host.isEmpty() || path.isEmpty() || covering(host.get(), path.get()).isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(uri);
	}

	private static RequiredFactor factorNamed(String name) {
		for (RequiredFactor factor : RequiredFactor.values()) {
			if (factor.name().equals(name)) {
				return factor;
			}
		}
		throw new InvalidSiteException("factor", "forward-auth.error.factor");
	}

	/** What the audit log keeps of a site: its place and its rule, never more than the column holds. */
	private static String describe(ProtectedSite site) {
		String who = site.everyone() ? "everyone signed in"
				: "roles " + site.roles().stream().map(Role::name).sorted().toList() + ", " + site.logins().size()
						+ " people";
		String factor = site.factor().name() + ((site.freshMinutes() != null) ? " " + site.freshMinutes() + " min" : "");
		String text = site.host() + site.pathPrefix() + "; " + who + "; " + factor;
		return (text.length() > 500) ? text.substring(0, 500) : text;
	}

}
