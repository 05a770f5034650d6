#!/usr/bin/env bash
# Builds a tiny guest for the libvirt driver's real-QEMU tests, from Debian packages only, into a cache folder
# outside the checkout (reused when it is there already):
#
#   vmlinuz        Debian's kernel, unpacked from its package (not installed)
#   initrd.img     busybox-static and the kernel's modules for virtio disks and NIC, ext4 (with crc32c), ISO 9660, input
#                  events; its init mounts the machine's system disk (/dev/vda) and switches into it
#   master.qcow2   the master disk: an ext2 file system with busybox whose /sbin/init reads the cloud-init
#                  NoCloud seed (label cidata), sets the hostname from meta-data, prints
#                  "qm-guest: hostname=<name>" and the ready marker "qm-ready" on the serial console, writes
#                  /var/log/qm-boots (to show that writes land in the machine's clone), asks for a DHCP lease,
#                  and runs busybox acpid so an ACPI power button press shuts it down
#
# The guest boots by direct kernel boot (the libvirt driver's kernel/initrd settings). Needs root for
# apt-get download of the kernel package when it is not cached; qemu-img, mke2fs and busybox-static
# (scripts/ensure-libvirt.sh installs them).
#
#   scripts/build-tiny-guest.sh           # prints the folder
#   scripts/build-tiny-guest.sh --rebuild # builds again
set -euo pipefail

OUT=${QM_TINY_GUEST_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/quartermaster/tiny-guest}
if [[ ${1:-} == --rebuild ]]; then
  rm -rf "$OUT"
fi
if [[ -f $OUT/vmlinuz && -f $OUT/initrd.img && -f $OUT/master.qcow2 ]]; then
  echo "$OUT"
  exit 0
fi

for tool in qemu-img mke2fs; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: run scripts/ensure-libvirt.sh" >&2; exit 69; }
done
BUSYBOX=/bin/busybox
"$BUSYBOX" --list | grep -qx switch_root || { echo "busybox-static is missing: run scripts/ensure-libvirt.sh" >&2; exit 69; }

WORK=$(mktemp -d)
chmod 755 "$WORK" # apt-get download hands the file to its own user
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

# The kernel: Debian's current one, unpacked from its package.
PACKAGE=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
[[ -n $PACKAGE ]] || { echo "cannot tell which linux-image package linux-image-amd64 depends on" >&2; exit 1; }
(cd "$WORK" && apt-get download -qq "$PACKAGE" >/dev/null)
dpkg-deb -x "$WORK"/"$PACKAGE"_*.deb "$WORK/kernel"
VERSION=${PACKAGE#linux-image-}
MODULES=$WORK/kernel/lib/modules/$VERSION
"$BUSYBOX" depmod -b "$WORK/kernel" "$VERSION"

# The modules the guest needs, with what they depend on, in an order insmod accepts.
declare -A LOADED=()
ORDER=()
add_module() { # path relative to $MODULES
  local module=$1 dependency
  [[ -n ${LOADED[$module]:-} ]] && return
  LOADED[$module]=1
  for dependency in $(awk -v m="$module:" '$1 == m { $1 = ""; print }' "$MODULES/modules.dep"); do
    add_module "$dependency"
  done
  ORDER+=("$module")
}
for name in virtio_pci virtio_blk virtio_net virtio_console crc32c_generic ext4 isofs evdev button; do
  path=$(awk -F: -v n="$name" '{ base = $1; sub(/.*\//, "", base); sub(/\.ko(\.[a-z]+)?$/, "", base); gsub(/-/, "_", base) } base == n { print $1; exit }' "$MODULES/modules.dep")
  if [[ -n $path ]]; then
    add_module "$path"
  fi # else built into the kernel
done

# The initramfs: busybox, the modules (decompressed, so busybox insmod takes them) and its init.
INITRAMFS=$WORK/initramfs
mkdir -p "$INITRAMFS"/{bin,dev,proc,sys,newroot,modules}
cp "$BUSYBOX" "$INITRAMFS/bin/busybox"
: > "$INITRAMFS/modules/order"
for module in "${ORDER[@]}"; do
  file=$(basename "$module")
  case $file in
    *.xz) xz -dc "$MODULES/$module" > "$INITRAMFS/modules/${file%.xz}"; file=${file%.xz} ;;
    *.zst) zstd -qdc "$MODULES/$module" > "$INITRAMFS/modules/${file%.zst}"; file=${file%.zst} ;;
    *) cp "$MODULES/$module" "$INITRAMFS/modules/$file" ;;
  esac
  echo "$file" >> "$INITRAMFS/modules/order"
done
cat > "$INITRAMFS/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for module in $(cat /modules/order); do
  insmod /modules/$module 2>/dev/null
done
for attempt in $(seq 100); do
  [ -b /dev/vda ] && break
  sleep 0.05
done
if ! mount -t ext4 /dev/vda /newroot; then
  echo "qm-initrd: cannot mount /dev/vda"
  exec sh
fi
mount --move /dev /newroot/dev
umount /proc /sys
exec switch_root /newroot /sbin/init
INIT
chmod +x "$INITRAMFS/init"
(cd "$INITRAMFS" && find . | "$BUSYBOX" cpio -o -H newc 2>/dev/null | gzip -9) > "$WORK/initrd.img"

# The master disk: a busybox root whose init does what a customized machine does.
ROOT=$WORK/root
mkdir -p "$ROOT"/{bin,sbin,dev,proc,sys,tmp,seed,var/log,etc/acpi/PWRF,etc/acpi/PWRB,usr/share/udhcpc}
cp "$BUSYBOX" "$ROOT/bin/busybox"
cat > "$ROOT/sbin/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -o remount,rw /
name=tiny
seed=$(findfs LABEL=cidata 2>/dev/null)
if [ -n "$seed" ] && mount -t iso9660 -o ro "$seed" /seed; then
  from_seed=$(sed -n 's/^local-hostname: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' /seed/meta-data)
  [ -n "$from_seed" ] && name=$from_seed
  instance=$(sed -n 's/^instance-id: *//p' /seed/meta-data)
fi
hostname "$name"
echo "booted $(date -u +%FT%TZ) as $name (instance $instance)" >> /var/log/qm-boots
sync
echo "qm-guest: hostname=$(hostname) boots=$(wc -l < /var/log/qm-boots)"
acpid -c /etc/acpi
ip link set lo up
ip link set eth0 up 2>/dev/null && udhcpc -i eth0 -b -q -s /usr/share/udhcpc/default.script >/dev/null 2>&1
echo "qm-ready"
while true; do
  setsid cttyhack sh
done
INIT
cat > "$ROOT/etc/acpi/PWRF/00000080" <<'POWEROFF'
#!/bin/sh
echo "qm-guest: power button, shutting down"
sync
mount -o remount,ro /
poweroff -f
POWEROFF
cp "$ROOT/etc/acpi/PWRF/00000080" "$ROOT/etc/acpi/PWRB/00000080"
cat > "$ROOT/usr/share/udhcpc/default.script" <<'DHCP'
#!/bin/sh
[ "$1" = bound ] || [ "$1" = renew ] || exit 0
ip addr add "$ip/${mask:-24}" dev "$interface"
DHCP
chmod +x "$ROOT/sbin/init" "$ROOT"/etc/acpi/*/00000080 "$ROOT/usr/share/udhcpc/default.script"
mke2fs -q -t ext2 -L qm-tiny -d "$ROOT" "$WORK/root.ext2" 32M
qemu-img convert -q -f raw -O qcow2 "$WORK/root.ext2" "$WORK/master.qcow2"

cp "$WORK/kernel/boot/vmlinuz-$VERSION" "$WORK/vmlinuz"
for file in vmlinuz initrd.img master.qcow2; do
  mv "$WORK/$file" "$OUT/$file"
done
chmod 0644 "$OUT"/*
echo "$OUT"
