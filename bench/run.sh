#!/bin/sh
# The Latchkey benchmark in one command (see docs/benchmark.md): builds the server, the bench fixture and
# the load driver, then runs every scenario on H2 and on PostgreSQL and writes bench/results/<date>-<engine>.md
# and .json; with --versus keycloak, the OpenID Connect code flow at Latchkey and at Keycloak side by side.
# Needs only a JDK 17+, Maven (and unzip for Keycloak). Options: bench/run.sh --help
set -eu
cd "$(dirname "$0")/.."

echo "Building the server (tests skipped: this is the benchmark, mvn test is the test suite)"
mvn -q -B -Dmaven.test.skip=true package
mvn -q -B dependency:build-classpath -Dmdep.includeScope=compile -Dmdep.outputFile=bench/target/server.classpath

# The fixture creates users and measures the hash floor inside the server; it is compiled here, against the
# server's classes, and put on the server's class path only by the benchmark (never packaged in the jar).
rm -rf bench/target/fixture
mkdir -p bench/target/fixture
javac --release 17 -nowarn -d bench/target/fixture -cp "target/classes:$(cat bench/target/server.classpath)" \
  $(find bench/fixture -name '*.java')
cp -r bench/fixture/META-INF bench/target/fixture/

# --versus keycloak: Keycloak's distribution, the version pinned here, from Maven Central (through Maven, so a
# mirror in settings.xml serves it too), unpacked once into bench/target/keycloak; the driver builds and starts it.
KEYCLOAK_VERSION=26.4.7
case " $* " in
  *" --versus keycloak "*)
    if [ ! -x "bench/target/keycloak/keycloak-$KEYCLOAK_VERSION/bin/kc.sh" ]; then
      echo "Downloading Keycloak $KEYCLOAK_VERSION"
      mvn -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
        -DoutputDirectory=bench/target/keycloak
      unzip -q -o "bench/target/keycloak/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" -d bench/target/keycloak
    fi
    ;;
esac

echo "Building the load driver"
mvn -q -B -f bench/pom.xml compile dependency:build-classpath -Dmdep.outputFile=target/driver.classpath

# The driver shares the machine with the server: C1 only and the serial collector keep its own CPU low.
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "bench/target/classes:$(cat bench/target/driver.classpath)" \
  -Dlatchkey.root=. -Dlatchkey.keycloak.version="$KEYCLOAK_VERSION" latchkey.bench.Bench "$@"
