package org.latchkey.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.support.MultipartResolutionDelegate;

/**
 * Refuses every multipart body before any filter reads the request: no route of Latchkey takes one, and
 * parsing it (the CSRF filter asks for its token among the parameters) only gives whoever sends it a way to
 * make the server work and fail. Answered with the product's error page as a 400, and logged in one line.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class MultipartRefusal extends OncePerRequestFilter {

	private static final Log log = LogFactory.getLog(MultipartRefusal.class);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!MultipartResolutionDelegate.isMultipartRequest(request)) {
			chain.doFilter(request, response);
			return;
		}
		log.info("Refused a multipart " + printable(request.getMethod()) + " request to "
				+ printable(request.getRequestURI()) + ": no route takes one");
		request.setAttribute(ErrorPages.REASON, "form");
		response.sendError(HttpStatus.BAD_REQUEST.value());
	}

	/** What the request named, cut short and without control characters, which could forge log lines. */
	private static String printable(String text) {
		String cut = (text.length() > 100) ? text.substring(0, 100) + "…" : text;
		return cut.replaceAll("\\p{Cntrl}", "?");
	}

}
