package org.latchkey.forwardauth.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How listed hosts and prefixes, and forwarded hosts and paths, are read: a plain class, no Spring. */
class SitePlacesTests {

	@Test
	void listedHostIsALowerCaseNameWithoutSchemePortOrWildcard() {
		assertThat(SitePlaces.host(" Wiki.Example.COM ")).contains("wiki.example.com");
		assertThat(SitePlaces.host("localhost")).contains("localhost");
		assertThat(SitePlaces.host("https://wiki.example.com")).isEmpty();
		assertThat(SitePlaces.host("wiki.example.com:443")).isEmpty();
		assertThat(SitePlaces.host("*.example.com")).isEmpty();
		assertThat(SitePlaces.host("-wiki.example.com")).isEmpty();
		assertThat(SitePlaces.host("a".repeat(64) + ".example.com")).isEmpty();
	}

	@Test
	void prefixIsAPlainPathWithoutItsTrailingSlash() {
		assertThat(SitePlaces.pathPrefix("")).contains("/");
		assertThat(SitePlaces.pathPrefix("/")).contains("/");
		assertThat(SitePlaces.pathPrefix("/admin/")).contains("/admin");
		assertThat(SitePlaces.pathPrefix("admin")).isEmpty();
		assertThat(SitePlaces.pathPrefix("/a/../b")).isEmpty();
		assertThat(SitePlaces.pathPrefix("/a/./b")).isEmpty();
		assertThat(SitePlaces.pathPrefix("/a%2fb")).isEmpty();
		assertThat(SitePlaces.pathPrefix("//a")).isEmpty();
	}

	@Test
	void forwardedHostLosesItsPort() {
		assertThat(SitePlaces.requestHost("Wiki.example.com:8443")).contains("wiki.example.com");
		assertThat(SitePlaces.requestHost("wiki.example.com")).contains("wiki.example.com");
		assertThat(SitePlaces.requestHost("wiki.example.com:x")).isEmpty();
		assertThat(SitePlaces.requestHost("[::1]:80")).isEmpty();
		assertThat(SitePlaces.requestHost("wiki.example.com evil")).isEmpty();
	}

	@Test
	void forwardedPathIsReadAsTheApplicationWillOrRefused() {
		assertThat(SitePlaces.requestPath("/docs/a%20b?x=1#top")).contains("/docs/a b");
		assertThat(SitePlaces.requestPath("//admin///page")).contains("/admin/page");
		assertThat(SitePlaces.requestPath("/%61dmin")).contains("/admin");
		assertThat(SitePlaces.requestPath("/open/../admin")).isEmpty();
		assertThat(SitePlaces.requestPath("/open/%2e%2e/admin")).isEmpty();
		assertThat(SitePlaces.requestPath("/open%2fadmin")).isEmpty();
		assertThat(SitePlaces.requestPath("/open%5cadmin")).isEmpty();
		assertThat(SitePlaces.requestPath("/open\\admin")).isEmpty();
		assertThat(SitePlaces.requestPath("/%ff")).isEmpty();
		assertThat(SitePlaces.requestPath("/%0d%0a")).isEmpty();
		assertThat(SitePlaces.requestPath("/%")).isEmpty();
		assertThat(SitePlaces.requestPath("docs")).isEmpty();
		assertThat(SitePlaces.requestPath("/caf\u00e9")).isEmpty();
		assertThat(SitePlaces.requestPath("/caf%C3%A9")).contains("/caf\u00e9");
	}

	@Test
	void prefixCoversItselfAndWhatIsBelowNeverALongerName() {
		assertThat(SitePlaces.covers("/", "/anything")).isTrue();
		assertThat(SitePlaces.covers("/admin", "/admin")).isTrue();
		assertThat(SitePlaces.covers("/admin", "/admin/users")).isTrue();
		assertThat(SitePlaces.covers("/admin", "/administration")).isFalse();
		assertThat(SitePlaces.covers("/admin", "/")).isFalse();
	}

}
