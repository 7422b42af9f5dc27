package org.latchkey.web.api;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.latchkey.verify.ApiCaller;
import org.latchkey.verify.ApiKeys;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the API key of a request ({@code Authorization: Bearer lk_…}), refuses a missing, unknown or revoked one
 * with 401, and counts the request against the key's rate limit (429 with {@code Retry-After} past it). The
 * caller is then the request's authentication, so the audit log names the key.
 */
class ApiKeyFilter extends OncePerRequestFilter {

	static final String CALLER = "org.latchkey.verify.ApiCaller";

	static final String OPENAPI = "/api/v1/openapi.json";

	private final ApiKeys keys;

	ApiKeyFilter(ApiKeys keys) {
		this.keys = keys;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (OPENAPI.equals(request.getRequestURI())) {
			chain.doFilter(request, response);
			return;
		}
		Optional<ApiCaller> caller = this.keys.recognise(bearer(request));
		if (caller.isEmpty()) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"latchkey\"");
			problem(response, 401, "unauthorized", "Unauthorized",
					"A valid API key is required: Authorization: Bearer lk_…");
			return;
		}
		Optional<Duration> wait = this.keys.admit(caller.get());
		if (wait.isPresent()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, wait.get().toSeconds()
					+ ((wait.get().toMillisPart() > 0) ? 1 : 0))));
			problem(response, 429, "rate-limited", "Too Many Requests",
					"This API key made too many requests; retry after the number of seconds in Retry-After.");
			return;
		}
		request.setAttribute(CALLER, caller.get());
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller.get().auditName(), null,
					List.of()));
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static String bearer(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		return header.substring(7).strip();
	}

	/** A problem (RFC 9457) with fixed texts, written without a mapper: nothing of the request is echoed. */
	private static void problem(HttpServletResponse response, int status, String type, String title, String detail)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter()
			.write("{\"type\":\"" + ApiProblems.TYPE_BASE + type + "\",\"title\":\"" + title + "\",\"status\":"
					+ status + ",\"detail\":\"" + detail + "\"}");
	}

}
