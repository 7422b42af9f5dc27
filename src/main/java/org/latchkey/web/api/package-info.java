/**
 * The Verify REST API ({@code /api/v1}): JSON over HTTP, stateless, authenticated by API keys, documented by the
 * OpenAPI document at {@code /api/v1/openapi.json}. Part of the web layer, like the pages: a thin adapter over the
 * {@code verify} module's use cases that reads the key, counts the request against the key's rate limit, and turns
 * refusals into RFC 9457 problems.
 */
package org.latchkey.web.api;
