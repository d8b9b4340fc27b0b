// The payload efficiency of an isolation stack, from its header sizes (spec.hpp; docs/models.md, isolation).
#include "archplan/spec/spec.hpp"

#include <fmt/format.h>
#include <string>
#include <vector>

namespace archplan::spec {

StackEfficiency isolation_efficiency(const Isolation& iso) {
    // Per frame on the wire outside the IP MTU: preamble and SFD 8, Ethernet header 14, FCS 4, inter-frame gap 12.
    constexpr int ethernet = 38, ip = 20, tcp = 20, udp = 8, vxlan = 8, geneve = 8, inner_ethernet = 14;
    constexpr int esp_header = 8, esp_iv = 8, esp_trailer = 2, esp_icv = 16; // ESP with AES-GCM-128
    constexpr int macsec = 32;                                               // SecTAG with SCI 16 + ICV 16
    int inside = iso.mtu;                                                    // bytes a packet may take inside the MTU
    std::vector<std::string> terms;
    int outside = ethernet;
    if (iso.encryption == Isolation::Encryption::macsec) {
        outside += macsec;
        terms.push_back("MACsec 32 (SecTAG 16, ICV 16) on the frame");
    }
    int overhead = 0;
    if (iso.encryption == Isolation::Encryption::ipsec_tunnel || iso.encryption == Isolation::Encryption::ipsec_transport) {
        bool tunnel = iso.encryption == Isolation::Encryption::ipsec_tunnel;
        // ESP: the protected packet, its padding and the 2-byte trailer end on a 4-byte boundary. The largest packet
        // that fits fills the room up to the last boundary: (room + trailer) % 4 bytes of it stay unused.
        int fixed = (tunnel ? ip : 0) + esp_header + esp_iv + esp_trailer + esp_icv;
        int room = inside - fixed; // protected bytes + padding
        int pad = (room + esp_trailer) % 4;
        overhead += fixed + pad;
        terms.push_back(fmt::format("ESP {} {} ({}ESP header 8, IV 8, trailer 2, ICV 16{})", tunnel ? "tunnel" : "transport",
                                    fixed + pad, tunnel ? "new IP header 20, " : "",
                                    pad ? fmt::format(", padding {}", pad) : std::string()));
    }
    if (iso.overlay != Isolation::Overlay::none) {
        bool vx = iso.overlay == Isolation::Overlay::vxlan;
        overhead += ip + udp + (vx ? vxlan : geneve) + inner_ethernet;
        terms.push_back(fmt::format("{} 50 (outer IP 20, UDP 8, {} 8, inner Ethernet 14)", vx ? "VXLAN" : "Geneve",
                                    vx ? "VXLAN header" : "Geneve header without options"));
    }
    StackEfficiency e;
    e.payload = inside - overhead - ip - tcp;
    e.wire = iso.mtu + outside;
    double tls = 1.0;
    if (iso.encryption == Isolation::Encryption::tls) {
        tls = 16384.0 / (16384.0 + 22.0); // a TLS 1.3 record: 16 KiB of data, header 5, content type 1, tag 16
        terms.push_back("TLS 1.3 records: 16,384 / 16,406 of the TCP stream");
    }
    e.efficiency = e.payload / e.wire * tls;
    std::string list;
    for (const auto& t : terms) list += "; " + t;
    e.derivation = fmt::format("TCP payload {} = MTU {} - IP 20 - TCP 20{} over {} bytes on the wire (MTU + Ethernet 38{}){}: {}",
                               static_cast<int>(e.payload), iso.mtu, overhead ? fmt::format(" - {}", overhead) : std::string(),
                               static_cast<int>(e.wire), outside > ethernet ? " + MACsec 32" : "", list,
                               fmt::format("{:.4g}", e.efficiency));
    return e;
}

} // namespace archplan::spec
