#!/usr/bin/env bash
# The real end-to-end run of the libvirt driver, on demand: starts libvirt (and its network "default"), builds the
# tiny guest (cached between runs), runs the two real-QEMU tests — qm-agent's LibvirtQemuTest (the driver through
# the agent's steps) and qm-server's LibvirtEndToEndTest (the server, its dev agents on the libvirt driver, a
# request through the API to a running guest, lease expiry, restore, disposal; and here also the figures for
# BENCHMARKS.md, which CI leaves out) — on H2, then stops the network and
# daemons it started, whatever the tests' outcome. Needs root on Debian (see scripts/ensure-libvirt.sh).
#
#   scripts/libvirt-e2e.sh                 # extra arguments go to Maven, e.g. -Dqm.test.libvirt.domain-type=kvm
#
# Exit code: the tests'.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/find-jdk.sh

scripts/ensure-libvirt.sh --daemon
trap 'scripts/ensure-libvirt.sh --stop' EXIT
scripts/build-tiny-guest.sh

# LibvirtEndToEndTest runs on H2 only: in qm-server's PostgreSQL execution it is skipped by itself.
started=$(date +%s)
status=0
./mvnw -B test -pl qm-server -am -Dtest=LibvirtQemuTest,LibvirtEndToEndTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dqm.test.libvirt.qemu=true -Dqm.test.libvirt.figures=true "$@" || status=$?
echo "[qm] real-QEMU tests: exit $status after $(( $(date +%s) - started )) s"
exit "$status"
