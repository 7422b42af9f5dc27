package org.latchkey.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.savedrequest.SimpleSavedRequest;
import org.springframework.stereotype.Component;

/**
 * The page a signed-out person asked for, kept in their session to go back to once signed in: its path and
 * query only, relative to this server. Spring Security's default keeps the whole request, its cookies and
 * headers included, which put the browser's device and session cookies in the stored session data; and it
 * gives the address back built from the request's {@code Host} header, which the client chooses. Only a page
 * read with GET is kept; assets and the error page are not pages to go back to.
 */
@Component
public class SavedRequests implements RequestCache {

	/** Where Spring Security keeps its saved request, so that its own readers find this one too. */
	private static final String ATTRIBUTE = "SPRING_SECURITY_SAVED_REQUEST";

	@Override
	public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
		if (!"GET".equals(request.getMethod()) || !isPage(request.getRequestURI())
				|| "XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
			return;
		}
		String query = request.getQueryString();
		request.getSession().setAttribute(ATTRIBUTE,
				new SimpleSavedRequest(local(request.getRequestURI()) + ((query != null) ? "?" + query : "")));
	}

	@Override
	public SavedRequest getRequest(HttpServletRequest request, HttpServletResponse response) {
		HttpSession session = request.getSession(false);
		return (session != null && session.getAttribute(ATTRIBUTE) instanceof SimpleSavedRequest saved) ? saved : null;
	}

	/** Nothing of the original request is replayed: the browser is sent back to its address, and asks again. */
	@Override
	public HttpServletRequest getMatchingRequest(HttpServletRequest request, HttpServletResponse response) {
		return null;
	}

	@Override
	public void removeRequest(HttpServletRequest request, HttpServletResponse response) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(ATTRIBUTE);
		}
	}

	/** Keeps {@code path}, a page of this server, as where the browser goes back to after the step it is sent to. */
	void saveLocal(HttpServletRequest request, String path) {
		request.getSession().setAttribute(ATTRIBUTE, new SimpleSavedRequest(local(path)));
	}

	private static boolean isPage(String path) {
		return !path.equals("/error") && !path.equals("/favicon.ico") && !path.startsWith("/css/")
				&& !path.startsWith("/images/") && !path.startsWith("/js/");
	}

	/** A path of this server: never one a browser would read as another host's ({@code //host/...}). */
	private static String local(String path) {
		return "/" + path.replaceFirst("^[/\\\\]+", "");
	}

}
