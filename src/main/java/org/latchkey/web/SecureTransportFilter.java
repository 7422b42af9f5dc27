package org.latchkey.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Behind TLS (see {@link SecureTransport}), the first thing every request meets, ahead of Spring Session and
 * the security filters, so that nothing sets or reads a cookie over plain HTTP: a request that did not arrive
 * over TLS is sent to the same path on the https address (GET, HEAD) or refused (anything else, whose body
 * may carry a password or a code that has already crossed the network in clear: the client must not be told
 * to send it again). A request that did arrive over TLS gets {@code Strict-Transport-Security} for a year,
 * subdomains included, so the browser never tries plain HTTP again; and it is shown to the application as
 * the https request it was, at the public address: Spring Security's own HSTS writer, its saved requests and
 * the servlet container's redirects otherwise see the proxy's plain-HTTP hop and point browsers back to
 * {@code http://}. Health probes are exempt: a load balancer checks each node directly over HTTP, they carry
 * no cookie, and a redirect would read as healthy.
 */
class SecureTransportFilter extends OncePerRequestFilter {

	static final String HSTS = "max-age=31536000; includeSubDomains";

	private final SecureTransport transport;

	private final MessageSource messages;

	SecureTransportFilter(SecureTransport transport, MessageSource messages) {
		this.transport = transport;
		this.messages = messages;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.transport.required() || isHealthProbe(request);
	}

	/** The decoded, normalised path: the raw URI could name the health endpoint and lead elsewhere with "..". */
	private static boolean isHealthProbe(HttpServletRequest request) {
		String path = request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
		return isRead(request) && (path.equals("/actuator/health") || path.startsWith("/actuator/health/"));
	}

	private static boolean isRead(HttpServletRequest request) {
		return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.transport.arrivedOverTls(request)) {
			response.setHeader("Strict-Transport-Security", HSTS);
			chain.doFilter(new PublicHttpsRequest(request), new PublicHttpsRedirects(response));
		}
		else if (isRead(request)) {
			String query = (request.getQueryString() != null) ? "?" + request.getQueryString() : "";
			response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
			response.setHeader(HttpHeaders.LOCATION, origin() + request.getRequestURI() + query);
		}
		else {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			response.setContentType(MediaType.TEXT_PLAIN_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8);
			response.getWriter().println(this.messages.getMessage("error.https-only", null, request.getLocale()));
		}
	}

	private URI origin() {
		return this.transport.origin();
	}

	/** A request that arrived over TLS, with the scheme, host and port people reach this server at. */
	private final class PublicHttpsRequest extends HttpServletRequestWrapper {

		PublicHttpsRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public boolean isSecure() {
			return true;
		}

		@Override
		public String getScheme() {
			return "https";
		}

		@Override
		public String getServerName() {
			return origin().getHost();
		}

		@Override
		public int getServerPort() {
			return (origin().getPort() != -1) ? origin().getPort() : 443;
		}

		@Override
		public StringBuffer getRequestURL() {
			return new StringBuffer(origin().toString()).append(getRequestURI());
		}

	}

	/**
	 * Redirects to the public https address: the servlet container makes a relative redirect absolute with
	 * the scheme and host of the connection it received, the proxy's plain HTTP.
	 */
	private final class PublicHttpsRedirects extends HttpServletResponseWrapper {

		PublicHttpsRedirects(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			super.sendRedirect(absolute(location));
		}

		@Override
		public void sendRedirect(String location, int status) throws IOException {
			super.sendRedirect(absolute(location), status);
		}

		@Override
		public void sendRedirect(String location, boolean clearBuffer) throws IOException {
			super.sendRedirect(absolute(location), clearBuffer);
		}

		@Override
		public void sendRedirect(String location, int status, boolean clearBuffer) throws IOException {
			super.sendRedirect(absolute(location), status, clearBuffer);
		}

		private String absolute(String location) {
			return (location.startsWith("/") && !location.startsWith("//")) ? origin() + location : location;
		}

	}

}
