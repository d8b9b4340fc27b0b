// Network isolation (issue 14): the payload efficiency from the headers, by hand; the spec's checks; CPU crypto as a
// compute-team line.
#include "catch.hpp"
#include "spec_fixtures.hpp"

#include "archplan/plan/evaluate.hpp"

#include <filesystem>

using namespace archplan;
using Iso = spec::Isolation;

namespace {

double efficiency(Iso::Overlay o, Iso::Encryption e, int mtu) {
    Iso iso;
    iso.overlay = o;
    iso.encryption = e;
    iso.mtu = mtu;
    return spec::isolation_efficiency(iso).efficiency;
}

std::string customer() { return fixtures::read_text(std::filesystem::path(ARCHPLAN_SOURCE_DIR) / "specs" / "customer.yaml"); }

} // namespace

TEST_CASE("isolation: payload efficiency from the header sizes, by hand", "[isolation]") {
    using O = Iso::Overlay;
    using E = Iso::Encryption;
    // On the wire a frame takes MTU + 38 (preamble 8, Ethernet header 14, FCS 4, gap 12); TCP/IPv4 takes 40.
    // MTU 9000: 8,960 / 9,038 = 99.14%; MTU 1500: 1,460 / 1,538 = 94.93%.
    CHECK(efficiency(O::none, E::none, 9000) == Approx(8960.0 / 9038));
    CHECK(efficiency(O::none, E::none, 1500) == Approx(1460.0 / 1538));
    // VXLAN adds 50 inside the MTU (outer IP 20, UDP 8, VXLAN 8, inner Ethernet 14): 8,910 / 9,038 = 98.58%;
    // 1,410 / 1,538 = 91.68%. Geneve without options is the same size.
    CHECK(efficiency(O::vxlan, E::none, 9000) == Approx(8910.0 / 9038));
    CHECK(efficiency(O::vxlan, E::none, 1500) == Approx(1410.0 / 1538));
    CHECK(efficiency(O::geneve, E::none, 1500) == Approx(1410.0 / 1538));
    // ESP tunnel with AES-GCM: new IP 20 + ESP 8 + IV 8 + trailer 2 + ICV 16 = 54, and the largest inner packet
    // (9,000 - 54 = 8,946, with its 2-byte trailer 8,948, a multiple of 4) needs no padding: 8,946 - 50 - 40 = 8,856
    // / 9,038 = 97.99%; at 1500: 1,446 - 90 = 1,356 / 1,538 = 88.17% (88.0% if 3 bytes of padding are assumed).
    CHECK(efficiency(O::vxlan, E::ipsec_tunnel, 9000) == Approx(8856.0 / 9038));
    CHECK(efficiency(O::vxlan, E::ipsec_tunnel, 1500) == Approx(1356.0 / 1538));
    // ESP transport: 34 (no new IP header); 1500 - 34 = 1,466 + 2 = 1,468, a multiple of 4: 1,466 - 40 = 1,426 / 1,538.
    CHECK(efficiency(O::none, E::ipsec_transport, 1500) == Approx(1426.0 / 1538));
    // An MTU whose room is not aligned loses the rest: 1499 - 34 = 1,465, + 2 = 1,467; the last 4-byte boundary is at
    // 1,464, so 3 bytes stay unused: 1,465 - 3 - 40 = 1,422 / 1,537. At 1497: 1,463 + 2 = 1,465, 1 unused: 1,422 / 1,535.
    CHECK(efficiency(O::none, E::ipsec_transport, 1499) == Approx(1422.0 / 1537));
    CHECK(efficiency(O::none, E::ipsec_transport, 1497) == Approx(1422.0 / 1535));
    // MACsec adds 32 to the frame, outside the MTU: 1,460 / 1,570 = 92.99%.
    CHECK(efficiency(O::none, E::macsec, 1500) == Approx(1460.0 / 1570));
    // TLS 1.3: 22 bytes a 16 KiB record on top of TCP: 8,960 / 9,038 x 16,384 / 16,406.
    CHECK(efficiency(O::none, E::tls, 9000) == Approx(8960.0 / 9038 * 16384 / 16406));
}

TEST_CASE("isolation: the spec states the whole stack, and the network's efficiency follows from it", "[isolation]") {
    auto base = customer();
    auto with = [&](const std::string& iso) {
        return fixtures::edit(base, "    efficiency: 0.95            # RoCEv2 payload / line rate, with protocol losses\n",
                              "    isolation: " + iso + "\n");
    };
    auto s = fixtures::load(with("{overlay: vxlan, encryption: none, mtu: 9000}"));
    CHECK(s.networks.front().efficiency == Approx(8910.0 / 9038));
    REQUIRE(s.networks.front().isolation);
    CHECK(s.networks.front().isolation->derivation.find("VXLAN 50") != std::string::npos);
    auto error = [](const std::string& yaml) {
        auto r = spec::load_string(yaml, "fixture.yaml");
        REQUIRE_FALSE(r.spec);
        return r.diagnostics.items().front().message;
    };
    CHECK(error(with("{overlay: vxlan, encryption: ipsec-tunnel, mtu: 9000}")) ==
          "network[0].isolation: missing key 'offload': where does the encryption run, 'nic' or 'cpu'?");
    CHECK(error(with("{overlay: vxlan, encryption: ipsec-tunnel, offload: cpu, mtu: 9000}")) ==
          "network[0].isolation: missing key 'cpu_crypto': with 'offload: cpu' give the rate one node's CPUs encrypt at, e.g. "
          "'20 GB/s'");
    CHECK(error(with("{overlay: vxlan, encryption: none}")) == "network[0].isolation: missing key 'mtu'");
    CHECK(error(with("{overlay: nvgre, encryption: none, mtu: 9000}")).find("network[0].isolation.overlay") == 0);
    CHECK(error(fixtures::edit(base, "    efficiency: 0.95            # RoCEv2 payload / line rate, with protocol losses\n",
                               "    efficiency: 0.95\n    isolation: {overlay: none, encryption: none, mtu: 9000}\n")) ==
          "network[0].efficiency: give 'efficiency' or 'isolation', not both: with 'isolation' the efficiency follows from "
          "its headers");
}

TEST_CASE("isolation: encryption on the CPU is a compute-team line", "[isolation]") {
    auto yaml = fixtures::edit(customer(), "    efficiency: 0.95            # RoCEv2 payload / line rate, with protocol losses\n",
                               "    isolation: {overlay: none, encryption: ipsec-transport, offload: cpu, mtu: 9000, "
                               "cpu_crypto: 4 GB/s}\n");
    auto ev = plan::evaluate(fixtures::load(yaml));
    REQUIRE(ev.value);
    const document::Line* line = nullptr;
    for (const auto& l : ev.value->report.team(document::Team::compute)->lines)
        if (l.kind == document::LineKind::crypto && l.requirement == "ckpt-write") line = &l;
    REQUIRE(line);
    // Each of 2,048 nodes injects 11 TB/s / 2,048 = 5.37 GB/s (server-side parity adds nothing on the network), and its
    // CPUs encrypt 4 GB/s: short.
    CHECK(line->needed.value == Approx(11e12 / 2048));
    CHECK(line->provisioned.value == 4e9);
    CHECK(line->status == document::Status::short_of);
}
