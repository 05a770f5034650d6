package io.quartermaster.agent.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class DomainXmlTest {

    @Test
    void aMachineBecomesADomainWithItsDisksSeedSerialLogAndNoGraphics() throws Exception {
        UUID id = UUID.randomUUID();
        String xml = new DomainXml("qemu", id, "web <1> & 'co'").cpu(2, 512)
                .disk(Path.of("/pool/a b.qcow2"), "qcow2").readOnlyDisk(Path.of("/seeds/x.iso"))
                .network("default").serialLog(Path.of("/logs/x.log")).kernel(Path.of("/k"), Path.of("/i"), "console=ttyS0")
                .build();

        Document domain = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(domain.getElementsByTagName("name").item(0).getTextContent()).isEqualTo("web <1> & 'co'");
        assertThat(domain.getElementsByTagName("uuid").item(0).getTextContent()).isEqualTo(id.toString());
        assertThat(domain.getElementsByTagName("vcpu").item(0).getTextContent()).isEqualTo("2");
        assertThat(domain.getElementsByTagName("disk").getLength()).isEqualTo(2);
        assertThat(xml).contains("<target dev='vda' bus='virtio'/>", "<target dev='vdb' bus='virtio'/><readonly/>",
                "<log file='/logs/x.log' append='off'/>", "<kernel>/k</kernel>", "<source network='default'/>");
        assertThat(domain.getElementsByTagName("graphics").getLength()).isZero();
        assertThat(xml).contains("<mac address='" + DomainXml.mac(id) + "'/>");
        assertThat(DomainXml.mac(UUID.fromString("00000000-0000-4000-8000-00000000abcd"))).isEqualTo("52:54:00:00:ab:cd");
    }

    @Test
    void withoutAKernelItBootsFromItsFirstDiskAndWithoutANetworkItHasNoNic() {
        String xml = new DomainXml("kvm", UUID.randomUUID(), "db").network("").build();

        assertThat(xml).startsWith("<domain type='kvm'>").contains("<boot dev='hd'/>").doesNotContain("<interface", "<kernel>");
    }
}
