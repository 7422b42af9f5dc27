/**
 * Forward authentication: the sites a reverse proxy (nginx, Traefik, Caddy) puts behind Latchkey, who may enter
 * each and with which factor, and the one rule that decides whether a signed-in session may enter a site.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Forward authentication")
package org.latchkey.forwardauth;
