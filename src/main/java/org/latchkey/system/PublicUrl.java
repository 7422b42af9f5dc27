package org.latchkey.system;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The address people reach this server at, for links in emails and in the log. It comes from
 * {@code latchkey.base-url}, never from a request's {@code Host} header (which a client chooses); when it is
 * not set, it is {@code http://localhost:<port>}.
 */
@Component
public class PublicUrl {

	private final SystemSettings settings;

	private volatile int port = 8080;

	PublicUrl(SystemSettings settings) {
		this.settings = settings;
	}

	@EventListener
	void on(WebServerInitializedEvent event) {
		// the management port (metrics) starts a server of its own, which is nobody's address for links; a
		// command of the jar listens on none (-1)
		if (!"management".equals(event.getApplicationContext().getServerNamespace())
				&& event.getWebServer().getPort() > 0) {
			this.port = event.getWebServer().getPort();
		}
	}

	/** The absolute URL of a path of this server, for example {@code /setup}. */
	public UriComponentsBuilder to(String path) {
		String base = (this.settings.baseUrl() != null && !this.settings.baseUrl().isBlank())
				? this.settings.baseUrl().replaceAll("/+$", "") : "http://localhost:" + this.port;
		return UriComponentsBuilder.fromUriString(base).path(path);
	}

}
