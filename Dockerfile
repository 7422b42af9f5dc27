# Latchkey's container image. Build it from the unpacked release tarball (mvn package makes
# target/latchkey-<version>.tar.gz), which holds this file beside lib/ and bin/:
#   tar xzf target/latchkey-*.tar.gz -C target && docker build -t latchkey target/latchkey-*/
# See docs/install.md. DockerfileTests checks this recipe's structure.
FROM eclipse-temurin:17-jre

# a user of its own, never root; /data is its only writable place
RUN groupadd --system --gid 10001 latchkey \
 && useradd --system --uid 10001 --gid latchkey --home-dir /data --no-create-home --shell /usr/sbin/nologin latchkey \
 && mkdir -p /data \
 && chown latchkey:latchkey /data \
 && chmod 0700 /data

COPY --chmod=0755 bin/latchkey /opt/latchkey/bin/latchkey
COPY --chmod=0644 lib/latchkey.jar /opt/latchkey/lib/latchkey.jar

# The H2 database, the generated master key and the email outbox live in ./data (here /data) unless PostgreSQL,
# LATCHKEY_MASTER_KEY and SMTP are configured. The launcher sizes the JVM's memory as on any host (docs/install.md,
# "Memory"); LATCHKEY_JVM_OPTS replaces its options.
ENV LATCHKEY_DATA_DIR=data \
    LATCHKEY_MANAGEMENT_ADDRESS=0.0.0.0
VOLUME ["/data"]
WORKDIR /
USER latchkey:latchkey

# 8080: people and applications; 9464: Prometheus metrics, to publish to the monitoring network only
EXPOSE 8080 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["/opt/latchkey/bin/latchkey", "healthcheck"]
ENTRYPOINT ["/opt/latchkey/bin/latchkey"]
