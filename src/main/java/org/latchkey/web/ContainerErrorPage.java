package org.latchkey.web;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

import org.apache.catalina.Host;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The page of an error the container answers before any filter or page of Latchkey sees the request (a
 * request line or header it cannot parse): the product's plain page with the security headers of every other
 * response, in place of Tomcat's own report, which shows the server's name and carries no such header.
 */
@Component
class ContainerErrorPage implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	private final MessageSource messages;

	ContainerErrorPage(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		// the context is the host's child by the time its customizers run
		factory.addContextCustomizers(context -> replaceReport((Host) context.getParent()));
	}

	private void replaceReport(Host host) {
		if (host instanceof StandardHost standard) {
			// the host adds a report valve of this class at start only when it holds none of it
			standard.setErrorReportValveClass(Report.class.getName());
		}
		host.getPipeline().addValve(new Report(this.messages));
	}

	/** Writes the product's page for a response the container marked as an error and left empty. */
	static final class Report extends ErrorReportValve {

		private final MessageSource messages;

		Report(MessageSource messages) {
			this.messages = messages;
			setShowReport(false);
			setShowServerInfo(false);
		}

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			int status = response.getStatus();
			if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
				return;
			}
			String key = (status < 500) ? "error.400" : "error.500";
			Locale locale = (request.getLocale() != null) ? request.getLocale() : Locale.ENGLISH;
			try {
				response.setHeader("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY);
				response.setHeader("X-Content-Type-Options", "nosniff");
				response.setHeader("X-Frame-Options", "DENY");
				response.setHeader("Referrer-Policy", "no-referrer");
				response.setHeader("Cache-Control", "no-store");
				response.setContentType("text/html");
				response.setCharacterEncoding("UTF-8");
				Writer writer = response.getReporter();
				if (writer != null) {
					writer.write(page(status, text(key + ".title", locale), text(key + ".text", locale),
							text("error.home", locale)));
				}
			}
			catch (IOException | IllegalStateException ex) {
				// the client is gone or the response was committed meanwhile: there is no one to tell
			}
		}

		private String text(String key, Locale locale) {
			return HtmlUtils.htmlEscape(this.messages.getMessage(key, null, key, locale));
		}

		private static String page(int status, String title, String text, String home) {
			return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + " · Latchkey</title>"
					+ "<link rel=\"stylesheet\" href=\"/css/latchkey.css\"></head><body><main class=\"narrow\">"
					+ "<p class=\"status-code\">" + status + "</p><h1>" + title + "</h1><p>" + text + "</p>"
					+ "<p><a class=\"button\" href=\"/\">" + home + "</a></p></main></body></html>";
		}

	}

}
