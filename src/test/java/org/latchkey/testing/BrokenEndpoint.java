package org.latchkey.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP endpoint on this machine that fails the way a provider does: it answers too late, answers an error,
 * or hangs up at once. For the single sign-on tests' token endpoint; closed by the test that opened it.
 */
public final class BrokenEndpoint implements AutoCloseable {

	/** How the endpoint fails. */
	public enum Failure {

		/** Answers after three seconds. */
		SLOW,

		/** Answers 500 with an OAuth error. */
		ERROR,

		/** Closes the connection without a word. */
		HANGS_UP

	}

	private final ServerSocket socket;

	private final Thread thread;

	public BrokenEndpoint(Failure failure) {
		try {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.thread = new Thread(() -> serve(failure), "broken-endpoint");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	public String url() {
		return "http://localhost:" + ((InetSocketAddress) this.socket.getLocalSocketAddress()).getPort() + "/token";
	}

	private void serve(Failure failure) {
		while (!this.socket.isClosed()) {
			try (Socket client = this.socket.accept()) {
				switch (failure) {
					case HANGS_UP -> {
					}
					case SLOW -> {
						Thread.sleep(3000);
						answer(client, "200 OK", "{}");
					}
					case ERROR -> answer(client, "500 Internal Server Error", "{\"error\":\"server_error\"}");
				}
			}
			catch (IOException ex) {
				// closed, or the client went away: the next one
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static void answer(Socket client, String status, String body) throws IOException {
		client.getInputStream().read(new byte[8192]);
		client.getOutputStream().write(("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: "
				+ body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
		client.getOutputStream().flush();
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing
		}
		this.thread.interrupt();
	}

}
