package io.quartermaster.agent.driver.libvirt;

import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.DriverProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.libvirt.Connect;
import org.libvirt.ErrorCallback;
import org.libvirt.LibvirtException;

/**
 * {@code driver=libvirt}: see {@link LibvirtSettings} for its {@code driver.*} settings. Needs the system's
 * libvirt library ({@code libvirt0}); the JVM must allow native access ({@code --enable-native-access=ALL-UNNAMED},
 * which the agent's jar declares).
 */
public final class LibvirtProvider implements DriverProvider {

    static final String NAME = "libvirt";
    private static final Pattern DOMAIN_TYPE = Pattern.compile("<domain type='([a-z]+)'");

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Connects to {@code uri} and, for a host ({@code hostId} not null), makes sure its storage pools exist.
     *
     * @throws IllegalStateException when libvirt is not installed, does not answer, or lacks the domain type
     */
    @Override
    public Driver create(UUID hostId, Map<String, String> settings) {
        return open(LibvirtSettings.parse(settings), hostId != null);
    }

    /** A driver with settings made by a test (pools ensured). */
    public static LibvirtDriver create(Map<String, String> settings) {
        return open(LibvirtSettings.parse(settings), true);
    }

    private static LibvirtDriver open(LibvirtSettings settings, boolean forHost) {
        Connect connect;
        try {
            Connect.setErrorCallback(new ErrorCallback()); // failures come back as exceptions; libvirt need not print them
            connect = new Connect(settings.uri(), false);
        } catch (LinkageError e) { // UnsatisfiedLinkError, or the binding's class that failed to load it
            throw new IllegalStateException("The libvirt driver needs the system's libvirt library (Debian: libvirt0; "
                    + "scripts/ensure-libvirt.sh installs it): " + e.getMessage(), e);
        } catch (LibvirtException e) {
            throw new IllegalStateException("libvirt does not answer at driver.uri=" + settings.uri() + ": " + e.getMessage()
                    + " (is libvirtd running? scripts/ensure-libvirt.sh --daemon starts one)", e);
        }
        LibvirtDriver driver = new LibvirtDriver(connect, settings, domainType(connect, settings));
        if (forHost) {
            new PoolStorage(() -> connect, settings).ensurePools();
        }
        return driver;
    }

    /**
     * {@code auto}: kvm when the host offers it and /dev/kvm can be opened, else qemu, else what the hypervisor
     * offers first (test, for test:///default). A type set explicitly must be offered.
     */
    static String domainType(Connect connect, LibvirtSettings settings) {
        String capabilities = LibvirtCalls.call("Reading the host's capabilities", connect::getCapabilities);
        Set<String> offered = new LinkedHashSet<>();
        Matcher types = DOMAIN_TYPE.matcher(capabilities);
        while (types.find()) {
            offered.add(types.group(1));
        }
        String wanted = settings.domainType();
        if (!wanted.equals("auto")) {
            if (!offered.contains(wanted)) {
                throw new IllegalStateException("driver.domain-type=" + wanted + " but " + settings.uri() + " offers " + offered);
            }
            return wanted;
        }
        Path kvm = Path.of("/dev/kvm");
        if (offered.contains("kvm") && Files.isReadable(kvm) && Files.isWritable(kvm)) {
            return "kvm";
        }
        if (offered.contains("qemu")) {
            return "qemu";
        }
        return offered.stream().findFirst().orElseThrow(() ->
                new IllegalStateException(settings.uri() + " offers no domain type in its capabilities"));
    }
}
