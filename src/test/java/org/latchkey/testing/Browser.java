package org.latchkey.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A minimal browser for integration tests: keeps cookies, does not follow redirects on its own (so tests
 * can assert them), parses pages with jsoup and submits their forms with every field they carry, CSRF token
 * included.
 */
public final class Browser {

	/** The name of the session cookie over http. */
	public static final String SESSION_COOKIE = "LATCHKEY_SESSION";

	/** Its name over https, where the prefix makes browsers refuse one set by another host or path. */
	public static final String SECURE_SESSION_COOKIE = "__Host-" + SESSION_COOKIE;

	private final String base;

	/** The address redirects name this server by: {@link #base}, or the public address in front of it. */
	private final String origin;

	private final CookieManager cookies;

	private final HttpClient client;

	private String acceptLanguage = "en";

	private final Map<String, String> headers = new LinkedHashMap<>();

	public Browser(int port) {
		this("localhost", port);
	}

	/** A browser that reaches the server at another address of this machine, for example {@code [::1]}. */
	public Browser(String host, int port) {
		this(host, port, new CookieManager());
	}

	private Browser(String host, int port, CookieManager cookies) {
		this("http://" + host + ":" + port, "http://" + host + ":" + port, cookies, cookies, null);
	}

	private Browser(String base, String origin, CookieManager cookies, CookieHandler handler,
			@Nullable SSLContext tls) {
		this.base = base;
		this.origin = origin;
		this.cookies = cookies;
		HttpClient.Builder client = HttpClient.newBuilder()
			.cookieHandler(handler)
			.followRedirects(HttpClient.Redirect.NEVER);
		if (tls != null) {
			client.sslContext(tls);
		}
		this.client = client.build();
	}

	/**
	 * A browser in front of a TLS-terminating proxy at {@code publicAddress} (an {@code https://} address):
	 * it reaches the server on the port over plain HTTP with {@code X-Forwarded-Proto: https}, as the proxy
	 * would, keeps and sends {@code Secure} cookies as a browser does over TLS, and takes redirects to the
	 * public address as redirects to this server.
	 */
	public static Browser behindTlsProxy(String publicAddress, int port) {
		CookieManager cookies = new CookieManager();
		return new Browser("http://localhost:" + port, publicAddress, cookies, new OverTls(cookies), null)
			.header("X-Forwarded-Proto", "https");
	}

	/** A browser that speaks TLS to the server on the port, trusting the certificates of the context. */
	public static Browser overTls(String publicAddress, int port, SSLContext tls) {
		CookieManager cookies = new CookieManager();
		return new Browser("https://localhost:" + port, publicAddress, cookies, cookies, tls);
	}

	/**
	 * This browser, with its cookies, sending its next requests to the server on another port: what a load
	 * balancer does when it sends one person's requests to several nodes.
	 */
	public Browser at(int port) {
		return new Browser("localhost", port, this.cookies).acceptLanguage(this.acceptLanguage);
	}

	public Browser acceptLanguage(String language) {
		this.acceptLanguage = language;
		return this;
	}

	/** Sends this header with every request from now on, as a proxy in front would add it, or a client forge it. */
	public Browser header(String name, String value) {
		this.headers.put(name, value);
		return this;
	}

	public Page get(String path) {
		return send(request(path).GET());
	}

	/** Posts fields as a form would, without a CSRF token unless the fields carry one. */
	public Page post(String path, Map<String, String> fields) {
		fields.forEach((name, value) -> {
			if (name.toLowerCase(java.util.Locale.ROOT).contains("password")) {
				Secrets.typedPassword(value);
			}
			else if (name.equals("token")) {
				Secrets.seen(value);
			}
		});
		return postRaw(path, encode(fields).getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
	}

	public Page postRaw(String path, byte[] body, String contentType) {
		return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	public Page send(String method, String path) {
		return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
	}

	/** The value of the session cookie this browser holds, under its https name or its plain one. */
	public Optional<String> sessionCookie() {
		return cookie(SECURE_SESSION_COOKIE).or(() -> cookie(SESSION_COOKIE));
	}

	/** The value of a cookie this browser holds, if any. */
	public Optional<String> cookie(String name) {
		return this.cookies.getCookieStore().getCookies().stream()
			.filter(cookie -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst();
	}

	/** Holds a cookie from now on, as one an attacker planted or stole would be held. */
	public Browser setCookie(String name, String value) {
		HttpCookie cookie = new HttpCookie(name, value);
		cookie.setPath("/");
		cookie.setVersion(0);
		this.cookies.getCookieStore().add(URI.create(this.base), cookie);
		return this;
	}

	/** Drops every cookie, as a fresh browser would. */
	public void clearCookies() {
		this.cookies.getCookieStore().removeAll();
	}

	/** Signs in through the sign-in page and returns the answer to the form. */
	public Page signIn(String login, String password) {
		return get("/login").form("form[action$=/login]").set("username", login).set("password", password).submit();
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : this.base + path))
			.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
			.header("Accept-Language", this.acceptLanguage);
		this.headers.forEach(request::header);
		return request;
	}

	private Page send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			for (String header : response.headers().allValues("Set-Cookie")) {
				HttpCookie.parse(header).forEach(cookie -> Secrets.cookie(cookie.getName(), cookie.getValue()));
			}
			return new Page(this, response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The cookies of a browser whose connection to the proxy in front is TLS, though the proxy's hop is not. */
	private static final class OverTls extends CookieHandler {

		private final CookieManager cookies;

		OverTls(CookieManager cookies) {
			this.cookies = cookies;
		}

		@Override
		public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
			return this.cookies.get(https(uri), headers);
		}

		@Override
		public void put(URI uri, Map<String, List<String>> headers) throws IOException {
			this.cookies.put(https(uri), headers);
		}

		private static URI https(URI uri) {
			return URI.create("https" + uri.toString().substring(uri.getScheme().length()));
		}

	}

	static String encode(Map<String, String> fields) {
		return fields.entrySet().stream()
			.map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	/** A response and, for HTML, its parsed document. */
	public record Page(Browser browser, HttpResponse<String> response) {

		public int status() {
			return this.response.statusCode();
		}

		public String body() {
			return this.response.body();
		}

		public Optional<String> header(String name) {
			return this.response.headers().firstValue(name);
		}

		/** Where a redirect points, as a path of this server. */
		public String location() {
			String location = header("Location").orElseThrow(() -> new AssertionError("Not a redirect: " + status()));
			return location.startsWith(this.browser.origin) ? location.substring(this.browser.origin.length()) : location;
		}

		public Page follow() {
			return this.browser.get(location());
		}

		public Document document() {
			return Jsoup.parse(body());
		}

		/** The visible text of the page's main element. */
		public String text() {
			Element main = document().selectFirst("main");
			return (main != null) ? main.text() : document().text();
		}

		public String csrf() {
			Element token = document().selectFirst("input[name=_csrf]");
			if (token == null) {
				throw new AssertionError("No CSRF token on the page");
			}
			Secrets.csrfToken(token.val());
			return token.val();
		}

		public Form form(String selector) {
			Element form = document().selectFirst(selector);
			if (form == null) {
				throw new AssertionError("No form '" + selector + "' on the page:\n" + body());
			}
			return new Form(this.browser, form);
		}

	}

	/** A form of a page, with its current field values; {@link #set} changes one. */
	public static final class Form {

		private final Browser browser;

		private final String action;

		private final Map<String, String> fields = new LinkedHashMap<>();

		Form(Browser browser, Element form) {
			this.browser = browser;
			this.action = form.attr("action");
			for (Element input : form.select("input[name], select[name], textarea[name]")) {
				if (input.is("select")) {
					Element selected = Optional.ofNullable(input.selectFirst("option[selected]"))
						.orElse(input.selectFirst("option"));
					this.fields.put(input.attr("name"), (selected != null) ? selected.val() : "");
				}
				else if (!input.is("[type=checkbox], [type=radio]") || input.hasAttr("checked")) {
					this.fields.put(input.attr("name"), input.val());
				}
			}
			if (this.fields.containsKey("_csrf")) {
				Secrets.csrfToken(this.fields.get("_csrf"));
			}
		}

		public Form set(String name, String value) {
			this.fields.put(name, value);
			return this;
		}

		public Form remove(String name) {
			this.fields.remove(name);
			return this;
		}

		public Map<String, String> fields() {
			return Map.copyOf(this.fields);
		}

		public Page submit() {
			return this.browser.post(this.action, this.fields);
		}

	}

}
