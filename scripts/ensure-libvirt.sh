#!/usr/bin/env bash
# Makes sure libvirt, QEMU and the tools the libvirt driver uses are installed (Debian's packages), and with
# --daemon that a libvirt daemon answers on qemu:///system. Safe to run again: it installs only what is
# missing and starts only daemons that are not running. Meant for CI and developer machines where we are
# root on Debian and there is no systemd to start the daemons.
#
#   scripts/ensure-libvirt.sh            # packages only (enough for the test:///default contract tests)
#   scripts/ensure-libvirt.sh --daemon   # packages, then virtlogd and libvirtd (waits until they answer) and
#                                        # libvirt's network "default"
#   scripts/ensure-libvirt.sh --stop     # stops the network and daemons this script started (PID files)
set -euo pipefail

PACKAGES=(libvirt-clients libvirt-daemon-system libvirt-daemon-driver-qemu qemu-system-x86 qemu-utils
          busybox-static genisoimage dnsmasq-base)
RUN_DIR=${QM_LIBVIRT_RUN_DIR:-/run/quartermaster-libvirt}
URI=qemu:///system

installed() {
  local package
  for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || return 1
  done
}

ensure_packages() {
  if installed; then
    echo "libvirt ready: $(virsh --version) (libvirt), $(qemu-system-x86_64 --version | head -1)"
    return
  fi
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "libvirt or QEMU is missing and cannot be installed here (needs root and apt-get):" >&2
    echo "install Debian's packages ${PACKAGES[*]}." >&2
    exit 69
  fi
  echo "Installing libvirt, QEMU and the image tools from the distribution's packages..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
  echo "libvirt ready: $(virsh --version) (libvirt), $(qemu-system-x86_64 --version | head -1)"
}

running() { # name: whether a process of that name runs (any user's)
  pgrep -x "$1" >/dev/null
}

start_daemon() { # name: starts it in the background unless one runs, noting our PID
  local name=$1
  if running "$name"; then
    echo "$name already runs"
    return
  fi
  mkdir -p "$RUN_DIR"
  "$name" -d -p "$RUN_DIR/$name.pid"
  echo "$name started (pid file $RUN_DIR/$name.pid)"
}

# Without udev (containers), /dev/kvm stays root-only. libvirt runs QEMU as its own user, finds KVM unusable
# for it and then probes QEMU again on nearly every call (30 s each on a busy 2-core machine). udev gives
# the device to the kvm group; do the same.
ensure_kvm_group() {
  if [[ -c /dev/kvm ]] && getent group kvm >/dev/null && [[ $(stat -c %G /dev/kvm) != kvm ]]; then
    chgrp kvm /dev/kvm
    chmod 660 /dev/kvm
    echo "/dev/kvm given to group kvm (as udev would)"
  fi
}

ensure_daemon() {
  ensure_kvm_group
  start_daemon virtlogd
  start_daemon libvirtd
  local waited=0
  until virsh -c "$URI" version >/dev/null 2>&1; do
    if (( waited >= 300 )); then
      echo "libvirtd did not answer on $URI within 30 s" >&2
      exit 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  echo "libvirtd answers on $URI after $((waited / 10)).$((waited % 10)) s"
  # The machines' NIC is on libvirt's NAT network "default"; its DHCP leases give their addresses.
  local network
  network=$(virsh -c "$URI" net-info default 2>/dev/null || true)
  if grep -Eq '^Active:\s+no' <<<"$network"; then
    virsh -c "$URI" net-start default >/dev/null
    touch "$RUN_DIR/network-default.started"
    echo "network default started"
  fi
}

stop_daemons() {
  local name pid
  if [[ -f $RUN_DIR/network-default.started ]]; then
    virsh -c "$URI" net-destroy default >/dev/null 2>&1 && echo "network default stopped"
    rm -f "$RUN_DIR/network-default.started"
  fi
  for name in libvirtd virtlogd; do
    if [[ -f $RUN_DIR/$name.pid ]]; then
      pid=$(cat "$RUN_DIR/$name.pid")
      if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        echo "$name (pid $pid) stopped"
      fi
      rm -f "$RUN_DIR/$name.pid"
    fi
  done
}

case ${1:-} in
  "") ensure_packages ;;
  --daemon) ensure_packages; ensure_daemon ;;
  --stop) stop_daemons ;;
  *) echo "usage: $0 [--daemon | --stop]" >&2; exit 64 ;;
esac
