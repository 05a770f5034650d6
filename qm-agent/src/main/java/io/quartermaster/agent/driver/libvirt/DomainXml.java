package io.quartermaster.agent.driver.libvirt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds a libvirt domain definition for a machine: its UUID is the machine id, its disks are files (clones in
 * the pool, a read-only cloud-init seed), its serial console is logged to a file (how readiness is read), and
 * it has no graphics. Text is escaped, so names and paths cannot break the XML.
 */
final class DomainXml {

    private final String type;
    private final UUID id;
    private final String name;
    private int cpu = 1;
    private long memoryMiB = 128;
    private final List<String> disks = new ArrayList<>();
    private String network;
    private Path serialLog;
    private Path kernel;
    private Path initrd;
    private String kernelArgs;

    DomainXml(String type, UUID id, String name) {
        this.type = type;
        this.id = id;
        this.name = name;
    }

    DomainXml cpu(int cpu, long memoryMiB) {
        this.cpu = cpu;
        this.memoryMiB = memoryMiB;
        return this;
    }

    /** A writable disk, attached as the next virtio disk (vda, vdb…). */
    DomainXml disk(Path file, String format) {
        disks.add("<disk type='file' device='disk'><driver name='qemu' type='" + escape(format) + "'/><source file='"
                + escape(file.toString()) + "'/><target dev='" + nextDevice() + "' bus='virtio'/></disk>");
        return this;
    }

    /** A read-only disk (a cloud-init seed), attached as the next virtio disk. */
    DomainXml readOnlyDisk(Path file) {
        disks.add(seedDisk(file, nextDevice()));
        return this;
    }

    DomainXml network(String network) {
        this.network = network == null || network.isBlank() ? null : network;
        return this;
    }

    DomainXml serialLog(Path file) {
        this.serialLog = file;
        return this;
    }

    /** Direct kernel boot (when both are set); otherwise the machine boots from its first disk. */
    DomainXml kernel(Path kernel, Path initrd, String args) {
        this.kernel = kernel;
        this.initrd = initrd;
        this.kernelArgs = args;
        return this;
    }

    String build() {
        StringBuilder xml = new StringBuilder()
                .append("<domain type='").append(escape(type)).append("'>")
                .append("<name>").append(escape(name)).append("</name>")
                .append("<uuid>").append(id).append("</uuid>")
                .append("<memory unit='MiB'>").append(memoryMiB).append("</memory>")
                .append("<vcpu>").append(cpu).append("</vcpu>")
                .append("<os><type>hvm</type>");
        if (kernel != null && initrd != null) {
            xml.append("<kernel>").append(escape(kernel.toString())).append("</kernel>")
                    .append("<initrd>").append(escape(initrd.toString())).append("</initrd>")
                    .append("<cmdline>").append(escape(kernelArgs == null ? "" : kernelArgs)).append("</cmdline>");
        } else {
            xml.append("<boot dev='hd'/>");
        }
        xml.append("</os><features><acpi/></features>")
                .append("<on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot><on_crash>destroy</on_crash>")
                .append("<devices>");
        disks.forEach(xml::append);
        if (network != null) {
            xml.append("<interface type='network'><mac address='").append(mac(id)).append("'/><source network='")
                    .append(escape(network)).append("'/><model type='virtio'/></interface>");
        }
        xml.append("<serial type='pty'>");
        if (serialLog != null) {
            xml.append("<log file='").append(escape(serialLog.toString())).append("' append='off'/>");
        }
        xml.append("<target port='0'/></serial><console type='pty'><target type='serial' port='0'/></console>")
                .append("</devices></domain>");
        return xml.toString();
    }

    /** The XML of a read-only seed disk at {@code device} (vdb…). */
    static String seedDisk(Path file, String device) {
        return "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" + escape(file.toString())
                + "'/><target dev='" + device + "' bus='virtio'/><readonly/></disk>";
    }

    /**
     * The NIC's MAC address, from the machine id, so that defining the machine again (a repeated task, a new
     * size) keeps it, and with it the machine's DHCP lease. 52:54:00 is QEMU's prefix.
     */
    static String mac(UUID id) {
        long bits = id.getLeastSignificantBits();
        return String.format("52:54:00:%02x:%02x:%02x", bits >>> 16 & 0xff, bits >>> 8 & 0xff, bits & 0xff);
    }

    private String nextDevice() {
        return "vd" + (char) ('a' + disks.size());
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '\'' -> escaped.append("&apos;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
