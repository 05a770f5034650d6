package io.quartermaster.agent.driver.libvirt;

import static io.quartermaster.agent.driver.libvirt.LibvirtCalls.call;
import static io.quartermaster.agent.driver.libvirt.LibvirtCalls.find;

import io.quartermaster.agent.driver.MachineStatus;
import io.quartermaster.agent.driver.ObservedPower;
import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.libvirt.Domain;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.DomainInterface;
import org.libvirt.DomainSnapshot;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/** What the driver reads from a libvirt domain: its status in the inventory's words, its snapshots' times, its address. */
final class Domains {

    private static final Pattern VCPU = Pattern.compile("<vcpu[^>]*>(\\d+)</vcpu>");
    private static final Pattern MEMORY_KIB = Pattern.compile("<memory unit='KiB'>(\\d+)</memory>");
    private static final Pattern CREATION_TIME = Pattern.compile("<creationTime>(\\d+)</creationTime>");
    private static final Pattern CONSOLE_PTY = Pattern.compile("<console type='pty'[^>]*>\\s*<source path='([^']+)'");

    private Domains() {}

    /**
     * The machine as its domain is now, with the cpu and memory of its configuration (what it gets at its next
     * boot, as the contract wants after a change); empty when the domain vanished meanwhile.
     */
    static Optional<MachineStatus> status(Domain domain) {
        return find("Reading a machine", ErrorNumber.VIR_ERR_NO_DOMAIN, () -> {
            String config = domain.getXMLDesc(Domain.XMLFlags.INACTIVE);
            return new MachineStatus(UUID.fromString(domain.getUUIDString()), domain.getName(), power(domain.getInfo().state),
                    number(VCPU, config, 1), number(MEMORY_KIB, config, 0) / 1024);
        });
    }

    private static ObservedPower power(DomainState state) {
        return switch (state) {
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED, VIR_DOMAIN_SHUTDOWN -> ObservedPower.On;
            case VIR_DOMAIN_PAUSED, VIR_DOMAIN_PMSUSPENDED -> ObservedPower.Suspended;
            case VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_CRASHED -> ObservedPower.Off;
            default -> ObservedPower.Unknown;
        };
    }

    private static int number(Pattern pattern, String xml, int otherwise) {
        Matcher matcher = pattern.matcher(xml);
        return matcher.find() ? (int) Math.min(Integer.MAX_VALUE, Long.parseLong(matcher.group(1))) : otherwise;
    }

    /**
     * Asks the guest to shut down as a person would, with the ACPI power button, and waits up to {@code timeout}
     * for it to power itself off.
     *
     * @return whether the domain is off now (false: the guest ignored the button, or there is none)
     */
    static boolean shutDown(Domain domain, Duration timeout, Duration poll) throws InterruptedException {
        if (timeout.isZero() || !pressPowerButton(domain)) {
            return !isActive(domain);
        }
        Instant deadline = Instant.now().plus(timeout);
        while (isActive(domain)) {
            if (!Instant.now().isBefore(deadline)) {
                return false;
            }
            Thread.sleep(poll);
        }
        return true;
    }

    /**
     * Whether the press reached the guest, so waiting for it makes sense; false when the domain is off or gone
     * already, or offers no power button (no ACPI): {@link #stopHard} deals with each of those.
     */
    private static boolean pressPowerButton(Domain domain) {
        try {
            domain.shutdown();
            return true;
        } catch (LibvirtException e) {
            return false;
        }
    }

    static boolean isActive(Domain domain) {
        return find("Reading a machine", ErrorNumber.VIR_ERR_NO_DOMAIN, domain::isActive).orElse(0) == 1;
    }

    /** Powers the domain off at once; one that is not running, or gone, is off already. */
    static void stopHard(Domain domain) {
        try {
            domain.destroy();
        } catch (LibvirtException e) {
            ErrorNumber code = LibvirtCalls.code(e);
            if (code != ErrorNumber.VIR_ERR_OPERATION_INVALID && code != ErrorNumber.VIR_ERR_NO_DOMAIN) {
                throw LibvirtCalls.failure("Powering off", e); // else it was not running, or is gone: off either way
            }
        }
    }

    static Instant createdAt(DomainSnapshot snapshot) {
        Matcher time = CREATION_TIME.matcher(call("Reading snapshot", snapshot::getXMLDesc));
        return time.find() ? Instant.ofEpochSecond(Long.parseLong(time.group(1))) : Instant.EPOCH;
    }

    /** The first IPv4 address the network's DHCP server leased to the machine, or null. */
    static String address(Domain domain) {
        try {
            for (DomainInterface nic : domain.interfaceAddresses(Domain.InterfaceAddressesSource.VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE, 0)) {
                for (DomainInterface.InterfaceAddress address : nic.addrs) {
                    if (address.address instanceof Inet4Address) {
                        return address.address.getHostAddress();
                    }
                }
            }
        } catch (LibvirtException e) {
            // No network, no lease yet, or a hypervisor that cannot tell: the address is not known.
        }
        return null;
    }

    /** The pseudo-terminal of a running domain's console, from its live XML; null when it has none. */
    static String consolePty(String liveXml) {
        Matcher pty = CONSOLE_PTY.matcher(liveXml);
        return pty.find() ? pty.group(1) : null;
    }
}
