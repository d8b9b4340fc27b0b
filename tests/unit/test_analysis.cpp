// Analyses on small graphs with hand-computed values, and properties of the flow models.
#include "catch.hpp"
#include "spec_fixtures.hpp"

#include "archplan/analysis/analysis.hpp"

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>

using namespace archplan;
using Catch::Detail::Approx;

namespace {

const analysis::ClassLoad& class_named(const model::SystemGraph& g, const analysis::RoutedResult& r, const std::string& name) {
    for (const auto& c : r.classes)
        if (g.classes()[c.cls].name == name) return c;
    FAIL("no loaded class named " << name);
    throw std::logic_error("unreachable");
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
    auto p = s.find(from);
    REQUIRE(p != std::string::npos);
    return s.replace(p, from.size(), to);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream b;
    b << in.rdbuf();
    return b.str();
}

} // namespace

TEST_CASE("analysis: protection amplification per stage (docs/references.md, topic 4.3)", "[analysis]") {
    spec::Protection p;
    p.k = 8, p.m = 2, p.where = spec::ProtectionWhere::client;
    auto a = analysis::write_amplification(p);
    CHECK(a.network == Approx(1.25)); // (8+2)/8: the client sends every chunk
    CHECK(a.drives == Approx(1.25));
    CHECK(a.east_west == 0.0);
    p.where = spec::ProtectionWhere::server;
    a = analysis::write_amplification(p);
    CHECK(a.network == 1.0);
    CHECK(a.drives == Approx(1.25));
    p.where = spec::ProtectionWhere::primary;
    a = analysis::write_amplification(p);
    CHECK(a.east_west == Approx(9.0 / 8));  // (k+m-1)/k forwarded by the primary
    CHECK(a.own_drives == Approx(1.0 / 8)); // the primary keeps one chunk
    CHECK(a.controller == Approx(1 + 9.0 / 8));
    spec::Protection r;
    r.replicas = 3, r.where = spec::ProtectionWhere::primary;
    a = analysis::write_amplification(r);
    // 10 TB/s user -> 20 TB/s back-end (docs/models.md, protection amplification; worked example of topic 4.3 in
    // docs/references.md)
    CHECK(a.east_west == 2.0);
    CHECK(a.drives == 3.0);
    CHECK(a.capacity == 3.0);
}

TEST_CASE("analysis: routed loads on a two-tier fixture", "[analysis]") {
    auto b = fixtures::build(fixtures::two_tier);
    const auto& req = b.spec.bandwidth[0];
    auto r = analysis::route(b.spec, b.graph, req, units::BytesPerSecond(10e9));
    // R = 10 GB/s over 4 nodes: 2.5 GB/s per node NIC (10 GB/s payload) -> 25%.
    CHECK(class_named(b.graph, r, "c NIC -> n leaf").utilisation == Approx(0.25));
    // A compute leaf holds 2 nodes: 5 GB/s over its single uplink -> 50%.
    CHECK(class_named(b.graph, r, "n leaf[c] -> spine").utilisation == Approx(0.5));
    // All 10 GB/s enter the one storage leaf over one spine link -> 100%.
    CHECK(class_named(b.graph, r, "n spine -> leaf[s]").utilisation == Approx(1.0));
    // Each server receives 5 GB/s: NIC 50%, controller 5/8 = 62.5%.
    CHECK(class_named(b.graph, r, "n leaf -> s server NIC").utilisation == Approx(0.5));
    CHECK(class_named(b.graph, r, "s controller (write)").utilisation == Approx(0.625));
    // Drives write 5 x (4+2)/4 = 7.5 GB/s against 2 x 3 GB/s -> 125%: the bottleneck.
    CHECK(class_named(b.graph, r, "s drives (write)").utilisation == Approx(1.25));
    CHECK(b.graph.classes()[r.classes.front().cls].name == "s drives (write)");
    CHECK(r.achievable.value() == Approx(8e9)); // 10 / 1.25
    auto ideal = analysis::ideal(b.spec, b.graph, req, units::BytesPerSecond(10e9), r);
    CHECK(ideal.achievable.value() == Approx(8e9)); // symmetric: no routing does better
    REQUIRE(!ideal.cut.empty());
    CHECK(b.graph.classes()[ideal.cut.front().cls].name == "s drives (write)");
    CHECK(ideal.cut.front().edges == 2);
}

TEST_CASE("analysis: uneven server placement makes routed fall short of ideal", "[analysis]") {
    // Three servers with one port each on leaves of two down ports: leaf A holds two servers, leaf B one.
    auto yaml = replace(fixtures::two_tier, "servers: 2", "servers: 3");
    yaml = replace(yaml, "limit: {read: 9 GB/s, write: 8 GB/s}", "limit: {read: 100 GB/s, write: 100 GB/s}");
    yaml = replace(yaml, "count: 6, capacity", "count: 60, capacity");
    auto b = fixtures::build(yaml);
    const auto& req = b.spec.bandwidth[0];
    auto r = analysis::route(b.spec, b.graph, req, units::BytesPerSecond(10e9));
    // Uniform striping sends 2/3 of R into leaf A over one 10 GB/s link: R = 15 GB/s saturates it.
    CHECK(class_named(b.graph, r, "n spine -> leaf[s]").utilisation == Approx(2.0 / 3));
    CHECK(r.achievable.value() == Approx(15e9));
    // Any routing may fill both storage-leaf links: 2 x 10 GB/s = 20 GB/s, also the compute leaves' uplinks.
    auto ideal = analysis::ideal(b.spec, b.graph, req, units::BytesPerSecond(10e9), r);
    CHECK(ideal.achievable.value() == Approx(20e9));
}

TEST_CASE("analysis: three-tier fixture, bisection into the storage pod", "[analysis]") {
    // 8 nodes x 1 port on 4 leaves (2 down, 2 up); 2 servers x 2 ports on 2 leaves; aggregation 2 down 2 up;
    // 2 aggregation switches per pod -> pods: 2 compute + 1 storage; 2 planes of ceil(3 x 2 / 4) = 2 cores.
    auto yaml = R"(
archplan: 1
requirements:
  - {id: w, bandwidth: 10 GB/s, direction: write, from: c, to: s}
  - {id: r, bandwidth: 10 GB/s, direction: read, from: c, to: s}
compute:
  - {name: c, count: 8, storage_nic: 1 x 100 Gb/s}
network:
  - name: n
    link: 100 Gb/s
    efficiency: 1.0
    tiers: 3
    leaves:
      c: {down: 2, up: 2}
      s: {down: 2, up: 2}
    aggregation: {down: 2, up: 2}
    core: {ports: 4}
storage:
  - name: s
    servers: 2
    server:
      nic: 2 x 100 Gb/s
      limit: {read: 100 GB/s, write: 100 GB/s}
      drives: {count: 10, capacity: 10 TB, read: 10 GB/s, write: 10 GB/s}
    protection: {replicas: 1, where: server}
)";
    auto b = fixtures::build(yaml);
    REQUIRE(b.graph.fabrics().size() == 1);
    CHECK(b.graph.fabrics()[0].pods == 3);
    CHECK(b.graph.fabrics()[0].aggregations == 6);
    CHECK(b.graph.fabrics()[0].cores == 4);
    for (const auto& req : b.spec.bandwidth) {
        auto r = analysis::route(b.spec, b.graph, req, units::BytesPerSecond(10e9));
        // 4 cores each have one 12.5 GB/s link into the storage pod: R/4 per link -> 50 GB/s in all.
        CHECK(r.max_utilisation == Approx(10.0 / 50));
        CHECK(r.achievable.value() == Approx(50e9));
        auto ideal = analysis::ideal(b.spec, b.graph, req, units::BytesPerSecond(10e9), r);
        CHECK(ideal.achievable.value() == Approx(50e9));
    }
}

TEST_CASE("analysis: replication forwarded by the primary loads the storage fabric", "[analysis]") {
    // 2 nodes on one leaf; 4 servers (1 port) on 2 leaves; 3 replicas forwarded by the primary; 12.5 GB/s links.
    auto yaml = R"(
archplan: 1
requirements:
  - {id: w, bandwidth: 6 GB/s, direction: write, from: c, to: s}
compute:
  - {name: c, count: 2, storage_nic: 1 x 100 Gb/s}
network:
  - name: n
    link: 100 Gb/s
    efficiency: 1.0
    tiers: 2
    leaves:
      c: {down: 2, up: 1}
      s: {down: 2, up: 1}
    spine: {ports: 4}
storage:
  - name: s
    servers: 4
    server:
      nic: 1 x 100 Gb/s
      limit: {read: 100 GB/s, write: 100 GB/s}
      drives: {count: 10, capacity: 10 TB, read: 10 GB/s, write: 10 GB/s}
    protection: {replicas: 3, where: primary}
)";
    auto b = fixtures::build(yaml);
    auto r = analysis::route(b.spec, b.graph, b.spec.bandwidth[0], units::BytesPerSecond(6e9));
    // Per server: 6/4 = 1.5 GB/s from clients plus 2 x 1.5 = 3 GB/s of copies from other servers = 4.5 -> 36%.
    CHECK(class_named(b.graph, r, "n leaf -> s server NIC").utilisation == Approx(4.5 / 12.5));
    // Each server forwards 3 GB/s: 3/12.5 = 24% of its NIC out.
    CHECK(class_named(b.graph, r, "s server NIC -> n leaf").utilisation == Approx(3.0 / 12.5));
    // Each copy goes to one of the 3 other servers, 2 of them on the other leaf: a leaf sends
    // 2 servers x 3 GB/s x 2/3 = 4 GB/s up.
    CHECK(class_named(b.graph, r, "n leaf[s] -> spine").utilisation == Approx(4.0 / 12.5));
    // Into a storage leaf: 3 GB/s of client bytes plus 4 GB/s of copies = 7 GB/s -> 56%.
    CHECK(class_named(b.graph, r, "n spine -> leaf[s]").utilisation == Approx(7.0 / 12.5));
    // Controller and drives see all three copies: 1.5 x 3 = 4.5 GB/s per server.
    CHECK(class_named(b.graph, r, "s controller (write)").load == Approx(4.5e9));
    CHECK(class_named(b.graph, r, "s drives (write)").load == Approx(4.5e9));
    auto ideal = analysis::ideal(b.spec, b.graph, b.spec.bandwidth[0], units::BytesPerSecond(6e9), r);
    CHECK(ideal.achievable.value() >= r.achievable.value() * (1 - 1e-9));
}

TEST_CASE("analysis: copies a primary forwards are charged to its controller's send limit", "[analysis]") {
    // The two-tier fixture with 3 servers, 3 replicas forwarded by the primary and a 3 GB/s controller send
    // (read) limit. Per server at R: R/3 from clients + 2R/3 of copies in (NIC 10 GB/s, controller write 8 GB/s,
    // drives 3 x R/3 = R against 2 x 3 = 6 GB/s), and 2R/3 of copies out through the controller. The send limit
    // binds first: 2R/3 = 3 GB/s at R = 4.5 GB/s (the drives alone would allow 6, the controller's write 8).
    std::string y = fixtures::edit(fixtures::two_tier, "servers: 2", "servers: 3");
    y = fixtures::edit(y, "s: {down: 2, up: 1}", "s: {down: 3, up: 1}");
    y = fixtures::edit(y, "limit: {read: 9 GB/s, write: 8 GB/s}", "limit: {read: 3 GB/s, write: 8 GB/s}");
    y = fixtures::edit(y, "{erasure: 4+2, where: server}", "{replicas: 3, where: primary}");
    y = fixtures::edit(y, "bandwidth: 10 GB/s", "bandwidth: 4.5 GB/s");
    y = fixtures::edit(y, "requirements:",
                       "concurrent:\n  - {id: both, requirements: [w, r]}\nrequirements:\n  - {id: r, bandwidth: 1 GB/s, "
                       "direction: read, from: c, to: s}");
    auto b = fixtures::build(y);
    auto r = analysis::route(b.spec, b.graph, b.spec.bandwidth[1], units::BytesPerSecond(4.5e9));
    const auto& send = class_named(b.graph, r, "s controller (read)");
    CHECK(send.load == Approx(3e9)); // 2 x 4.5 / 3
    CHECK(send.utilisation == Approx(1.0));
    CHECK(b.graph.classes()[r.classes.front().cls].name == "s controller (read)");
    CHECK(r.achievable.value() == Approx(4.5e9));
    CHECK(class_named(b.graph, r, "s drives (write)").utilisation == Approx(4.5 / 6));
    // The ideal max-flow cannot route the copies around the controller either: the same 4.5 GB/s, and the cut
    // names the 3 controllers' send side (9 GB/s of copies on the wire for 4.5 GB/s of client bytes).
    auto ideal = analysis::ideal(b.spec, b.graph, b.spec.bandwidth[1], units::BytesPerSecond(4.5e9), r);
    CHECK(ideal.achievable.value() == Approx(4.5e9));
    REQUIRE(ideal.cut.size() == 1);
    CHECK(b.graph.classes()[ideal.cut[0].cls].name == "s controller (read)");
    CHECK(ideal.cut[0].edges == 3);
    CHECK(ideal.cut[0].capacity == Approx(9e9));
    CHECK(ideal.cut[0].client_capacity == Approx(4.5e9));
    // Concurrency serves a controller's sends and receives from one budget: with 1 GB/s of reads beside the
    // writes it receives R/3 + 2R/3 = 4.5 GB/s (against 8) and sends 3 GB/s of copies + 1/3 GB/s of reads
    // (against 3): 0.5625 + 1.111 = 1.674.
    auto a = analysis::analyse(b.spec, b.graph);
    REQUIRE(a.concurrent.size() == 1);
    CHECK(a.concurrent[0].max_utilisation == Approx(4.5 / 8 + (3 + 1.0 / 3) / 3));
    CHECK(a.concurrent[0].binding == "s controller (reads + writes)");
}

TEST_CASE("analysis: capacity from raw to plannable (docs/references.md, topic 5.1)", "[analysis]") {
    auto spec = fixtures::load(fixtures::two_tier);
    auto c = analysis::analyse_capacity(spec, 0);
    CHECK(c.raw.value() == Approx(400e12));                     // 2 servers x 2 drives x 100 TB
    CHECK(c.protected_bytes.value() == Approx(400e12 * 4 / 6)); // 4+2 keeps 4/6
    CHECK(c.plannable.value() == Approx(400e12 * 4 / 6 * 0.8)); // 213 TB at the 80% fill limit
    CHECK_FALSE(c.met);                                         // 600 TB asked
    CHECK(c.servers_needed == 6);                               // 600 / (200 x 4/6 x 0.8 = 106.7 TB) = 5.6 -> 6
}

TEST_CASE("analysis: a server count beyond any int is counted, not wrapped to a negative number (issue 10)", "[analysis]") {
    // 600 TB on 1 MB drives: 6 drives x 1 MB x 4/6 x 0.8 fill = 3.2 MB plannable a server; 600e12 / 3.2e6 = 187,500,000
    // servers; on 1 kB drives 1,000 times that, 1.875e11, which an int (2.1e9) cannot hold.
    for (auto [size, expected] : {std::pair{"1 MB", 1.875e8}, std::pair{"1 kB", 1.875e11}}) {
        auto spec =
            fixtures::load(replace(fixtures::two_tier, "capacity: 33.333333333333333 TB", std::string("capacity: ") + size));
        auto c = analysis::analyse_capacity(spec, 0);
        CHECK(c.servers_needed == Approx(expected));
        CHECK(c.servers_needed > 0);
    }
}

TEST_CASE("analysis: smallest single changes are found by search", "[analysis]") {
    auto b = fixtures::build(fixtures::two_tier);
    auto a = analysis::analyse(b.spec, b.graph);
    REQUIRE(a.fixes.size() == 2); // the write (drives at 125%) and the capacity
    const auto& w = a.fixes[0];
    CHECK(w.requirement == "w");
    auto find = [&](const analysis::Fix& f, const std::string& knob) {
        for (const auto& c : f.changes)
            if (c.knob == knob) return c;
        FAIL("no knob " << knob);
        return analysis::Change{};
    };
    // Drives: 7.5 GB/s per server needs ceil(7.5 / 1) = 8 drives of 1 GB/s.
    CHECK(find(w, "storage.s.server.drives.count").to == 8);
    // Servers: 3 servers -> 10/3 x 1.5 = 5 GB/s of drive writes each (<= 6); leaf A then takes
    // 2/3 x 10 = 6.7 GB/s over its 10 GB/s link.
    CHECK(find(w, "storage.s.servers").to == 3);
    // More storage NIC ports do not help the drives.
    CHECK(find(w, "compute.c.storage_nic").to == 0);
    // Capacity: 6 servers (from the capacity analysis), or ceil(600 / (2 x 33.3 x 4/6 x 0.8)) = ceil(16.9) = 17 drives
    // per server.
    CHECK(find(a.fixes[1], "storage.s.servers").to == 6);
    CHECK(find(a.fixes[1], "storage.s.server.drives.count").to == 17);
}

TEST_CASE("analysis: properties hold on the shipped specs", "[analysis][property]") {
    for (const char* file : {"specs/customer.yaml"}) {
        auto b = fixtures::build(read_file(std::string(ARCHPLAN_SOURCE_DIR) + "/" + file));
        for (std::size_t ri = 0; ri < b.spec.bandwidth.size(); ++ri) {
            const auto& req = b.spec.bandwidth[ri];
            auto base = analysis::analyse_bandwidth(b.spec, b.graph, ri);
            // Routed never exceeds ideal.
            CHECK(base.routed.achievable.value() <= base.ideal.achievable.value() * (1 + 1e-9));
            // Doubling the requirement doubles every utilisation.
            auto twice = analysis::route(b.spec, b.graph, req, base.required * 2.0);
            REQUIRE(twice.classes.size() == base.routed.classes.size());
            for (std::size_t i = 0; i < twice.classes.size(); ++i)
                CHECK(twice.classes[i].utilisation == Approx(2 * base.routed.classes[i].utilisation));
            // Adding servers or leaf uplinks never lowers the achievable figure.
            for (int variant = 0; variant < 2; ++variant) {
                auto more = b.spec;
                if (variant == 0)
                    more.storage[0].servers += 13;
                else
                    more.networks[0].leaves[0].up += 4;
                auto mb = model::build(more);
                REQUIRE(mb.graph);
                auto m = analysis::analyse_bandwidth(more, *mb.graph, ri);
                CHECK(m.routed.achievable.value() >= base.routed.achievable.value() * (1 - 1e-9));
                CHECK(m.ideal.achievable.value() >= base.ideal.achievable.value() * (1 - 1e-9));
            }
        }
    }
}

TEST_CASE("analysis: ideal flow bound by the nodes' NICs names them in the cut (folded nodes)", "[analysis]") {
    // 4 nodes with one 10 Gb/s port each: 1.25 GB/s x 0.8 = 1 GB/s per node, 4 GB/s in all, below
    // everything else. The max-flow folds each node into its leaf; the cut must still name the 4 NICs.
    auto yaml = replace(fixtures::two_tier, "storage_nic: 1 x 100 Gb/s", "storage_nic: 1 x 10 Gb/s");
    yaml = replace(yaml, "  - {id: w, bandwidth: 10 GB/s, direction: write, from: c, to: s}",
                   "  - {id: w, bandwidth: 10 GB/s, direction: write, from: c, to: s}\n"
                   "  - {id: r, bandwidth: 10 GB/s, direction: read, from: c, to: s}");
    auto b = fixtures::build(yaml);
    for (const auto& req : b.spec.bandwidth) {
        auto r = analysis::route(b.spec, b.graph, req, units::BytesPerSecond(10e9));
        auto ideal = analysis::ideal(b.spec, b.graph, req, units::BytesPerSecond(10e9), r);
        CHECK(ideal.achievable.value() == Approx(4e9));
        REQUIRE(ideal.cut.size() == 1);
        CHECK(b.graph.classes()[ideal.cut[0].cls].name ==
              (req.direction == spec::Direction::write ? "c NIC -> n leaf" : "n leaf -> c NIC"));
        CHECK(ideal.cut[0].edges == 4);
        CHECK(ideal.cut[0].client_capacity == Approx(4e9));
    }
}

namespace {

// The two-tier fixture with a read requirement beside its write, and a client ceiling on group c.
std::string two_tier_with_client(const std::string& client) {
    auto yaml = replace(fixtures::two_tier, "  - {id: w, bandwidth: 10 GB/s, direction: write, from: c, to: s}",
                        "  - {id: w, bandwidth: 10 GB/s, direction: write, from: c, to: s}\n"
                        "  - {id: r, bandwidth: 10 GB/s, direction: read, from: c, to: s}");
    return client.empty() ? yaml
                          : replace(yaml, "storage_nic: 1 x 100 Gb/s}", "storage_nic: 1 x 100 Gb/s, client: " + client + "}");
}

} // namespace

TEST_CASE("analysis: a client ceiling binds the two-tier fixture (hand-worked)", "[analysis][client]") {
    auto b = fixtures::build(two_tier_with_client("{read: 1 GB/s, write: 1.5 GB/s}"));
    // Writes: 10 GB/s over 4 nodes = 2.5 GB/s per client against 1.5 GB/s -> 167%, above the drives'
    // 125%; achievable 4 x 1.5 = 6 GB/s. Reads: 2.5 / 1 -> 250%; achievable 4 x 1 = 4 GB/s.
    struct Case {
        std::size_t req;
        const char* cls;
        double utilisation, achievable;
    };
    for (auto c : {Case{0, "c client (write)", 10.0 / 4 / 1.5, 6e9}, Case{1, "c client (read)", 10.0 / 4 / 1.0, 4e9}}) {
        const auto& req = b.spec.bandwidth[c.req];
        INFO(req.id);
        auto r = analysis::route(b.spec, b.graph, req, units::BytesPerSecond(10e9));
        CHECK(class_named(b.graph, r, c.cls).utilisation == Approx(c.utilisation));
        CHECK(class_named(b.graph, r, c.cls).edges == 4);
        CHECK(b.graph.classes()[r.classes.front().cls].name == c.cls);
        CHECK(r.achievable.value() == Approx(c.achievable));
        // The NICs still carry their share: 2.5 GB/s of 10 GB/s.
        CHECK(class_named(b.graph, r, c.req == 0 ? "c NIC -> n leaf" : "n leaf -> c NIC").utilisation == Approx(0.25));
        auto ideal = analysis::ideal(b.spec, b.graph, req, units::BytesPerSecond(10e9), r);
        CHECK(ideal.achievable.value() == Approx(c.achievable)); // routed == ideal
        REQUIRE(ideal.cut.size() == 1);
        CHECK(b.graph.classes()[ideal.cut[0].cls].name == c.cls);
        CHECK(ideal.cut[0].edges == 4);
        CHECK(ideal.cut[0].client_capacity == Approx(c.achievable));
    }
}

TEST_CASE("analysis: the client stage carries client bytes, the NIC the parity too", "[analysis][client]") {
    // Client-side 2 replicas: each node sends 2.5 x 2 = 5 GB/s, but its client moves 2.5 GB/s of
    // application bytes against the 3 GB/s ceiling (83%).
    auto yaml = replace(two_tier_with_client("{read: 3 GB/s, write: 3 GB/s}"), "protection: {erasure: 4+2, where: server}",
                        "protection: {replicas: 2, where: client}");
    auto b = fixtures::build(yaml);
    auto r = analysis::route(b.spec, b.graph, b.spec.bandwidth[0], units::BytesPerSecond(10e9));
    CHECK(class_named(b.graph, r, "c client (write)").load == Approx(2.5e9));
    CHECK(class_named(b.graph, r, "c client (write)").utilisation == Approx(2.5 / 3));
    CHECK(class_named(b.graph, r, "c NIC -> n leaf").load == Approx(5e9));
}

TEST_CASE("analysis: a client ceiling binds nodes whose ports span two leaves (not folded)", "[analysis][client]") {
    // 4 nodes x 2 ports on leaves of 3 down ports: nodes 1 and 2 straddle two leaves, so the max-flow
    // keeps them as vertices; the client ceiling must still bind at 4 x 1.5 = 6 GB/s.
    auto yaml = replace(two_tier_with_client("{read: 1 GB/s, write: 1.5 GB/s}"), "storage_nic: 1 x 100 Gb/s",
                        "storage_nic: 2 x 100 Gb/s");
    yaml = replace(yaml, "c: {down: 2, up: 1}", "c: {down: 3, up: 1}");
    auto b = fixtures::build(yaml);
    for (std::size_t i = 0; i < 2; ++i) {
        const auto& req = b.spec.bandwidth[i];
        auto r = analysis::route(b.spec, b.graph, req, units::BytesPerSecond(10e9));
        auto ideal = analysis::ideal(b.spec, b.graph, req, units::BytesPerSecond(10e9), r);
        double expected = i == 0 ? 6e9 : 4e9;
        CHECK(r.achievable.value() == Approx(expected));
        CHECK(ideal.achievable.value() == Approx(expected));
        REQUIRE(!ideal.cut.empty());
        CHECK(b.graph.classes()[ideal.cut.front().cls].name == (i == 0 ? "c client (write)" : "c client (read)"));
    }
}

TEST_CASE("analysis: a client ceiling never raises a figure; a loose one changes none", "[analysis][client][property]") {
    for (const char* file : {"specs/customer.yaml"}) {
        auto b = fixtures::build(read_file(std::string(ARCHPLAN_SOURCE_DIR) + "/" + file));
        for (std::size_t ri = 0; ri < b.spec.bandwidth.size(); ++ri) {
            INFO(b.spec.bandwidth[ri].id);
            auto base = analysis::analyse_bandwidth(b.spec, b.graph, ri);
            // Ceilings around the per-node demand: tight, near, loose.
            for (double f : {0.3, 1.0, 1e6}) {
                auto with = b.spec;
                for (auto& c : with.compute) {
                    double per_node = base.required.value() / c.count * f;
                    c.client = spec::ClientCeiling{units::BytesPerSecond(per_node), units::BytesPerSecond(per_node * 0.7), {}};
                }
                auto mb = model::build(with);
                REQUIRE(mb.graph);
                auto m = analysis::analyse_bandwidth(with, *mb.graph, ri);
                CHECK(m.routed.achievable.value() <= base.routed.achievable.value() * (1 + 1e-9));
                CHECK(m.ideal.achievable.value() <= base.ideal.achievable.value() * (1 + 1e-9));
                CHECK(m.routed.achievable.value() <= m.ideal.achievable.value() * (1 + 1e-9));
                if (f == 1e6) {
                    CHECK(m.routed.achievable.value() == Approx(base.routed.achievable.value()).epsilon(1e-9));
                    CHECK(m.ideal.achievable.value() == Approx(base.ideal.achievable.value()).epsilon(1e-9));
                }
            }
        }
    }
}

TEST_CASE("routed: static ECMP hashing of few flows loads the busiest link above the mean", "[routed][ecmp]") {
    // The derate against a Monte Carlo of balls into bins (fixed seed): F flows hashed onto L links, E[max] / mean.
    std::mt19937_64 rng(7);
    auto simulate = [&](int flows, int links, int trials = 20000) {
        std::uniform_int_distribution<int> pick(0, links - 1);
        double sum = 0;
        for (int t = 0; t < trials; ++t) {
            std::vector<int> bins(static_cast<std::size_t>(links), 0);
            for (int f = 0; f < flows; ++f) ++bins[static_cast<std::size_t>(pick(rng))];
            sum += *std::max_element(bins.begin(), bins.end());
        }
        return sum / trials / (static_cast<double>(flows) / links);
    };
    // The Poisson form is within a few percent of the multinomial for these sizes (it treats bins as independent).
    CHECK(analysis::ecmp_derate(8, 4) == Approx(simulate(8, 4)).epsilon(0.06));
    CHECK(analysis::ecmp_derate(64, 16) == Approx(simulate(64, 16)).epsilon(0.04));
    CHECK(analysis::ecmp_derate(4096, 16) == Approx(simulate(4096, 16)).epsilon(0.02));
    CHECK(analysis::ecmp_derate(100, 1) == 1.0); // one link: nothing to hash
    // Many flows a link: the normal form above 1,000 a link, continuous with the Poisson sum below it and close to
    // the multinomial (40,960 flows on 16 links: about 1.03 x the mean).
    CHECK(analysis::ecmp_derate(999.0 * 16, 16) == Approx(analysis::ecmp_derate(1001.0 * 16, 16)).epsilon(0.01));
    CHECK(analysis::ecmp_derate(40960, 16) == Approx(1.035).epsilon(0.01));
    CHECK(analysis::ecmp_derate(800.0 * 16, 16) == Approx(simulate(800 * 16, 16, 1000)).epsilon(0.01));
    CHECK(analysis::ecmp_derate(8, 4) > analysis::ecmp_derate(64, 4)); // more flows, closer to the mean

    // 4 nodes x 1 x 100 Gb/s on one leaf with 4 uplinks, 2 servers x 4 ports on one leaf with 4 uplinks, 4 spines:
    // adaptive, the nodes and the leaf uplinks both bind at 4 x 10 GB/s = 40 GB/s. Static with 1 flow per pair:
    // 4 nodes x 2 servers = 8 flows hashed over 4 uplinks (and, into the storage leaf, over its 4 downlinks):
    // R = 40 GB/s / ecmp_derate(8, 4).
    const char* y = R"(
archplan: 1
name: static
requirements:
  - {id: w, bandwidth: 1 GB/s, direction: write, from: c, to: s}
compute:
  - {name: c, count: 4, storage_nic: 1 x 100 Gb/s}
network:
  - name: n
    link: 100 Gb/s
    efficiency: 80%
    routing: {mode: static, flows: 1}
    tiers: 2
    leaves:
      c: {down: 4, up: 4}
      s: {down: 8, up: 4}
    spine: {ports: 8}
storage:
  - name: s
    servers: 2
    server:
      nic: 4 x 100 Gb/s
      limit: {read: 100 GB/s, write: 100 GB/s}
      drives: {count: 10, capacity: 10 TB, read: 10 GB/s, write: 10 GB/s}
    protection: {erasure: 4+2, where: server}
)";
    auto b = fixtures::build(y);
    auto a = analysis::analyse(b.spec, b.graph);
    const auto& routed = a.bandwidth[0].routed;
    CHECK(routed.achievable.value() == Approx(40e9 / analysis::ecmp_derate(8, 4)));
    const auto& top = routed.classes.front();
    CHECK(top.flows == Approx(8));
    CHECK(top.paths == 4);
    // The ideal flow is a routing bound: static hashing never raises it.
    CHECK(a.bandwidth[0].ideal.achievable.value() >= routed.achievable.value());
    // 64 flows per pair (queue pairs): 512 flows over 4 links, close to even.
    auto many = fixtures::build(fixtures::edit(y, "flows: 1}", "flows: 64}"));
    auto am = analysis::analyse(many.spec, many.graph);
    CHECK(am.bandwidth[0].routed.achievable.value() == Approx(40e9 / analysis::ecmp_derate(512, 4)));
    // Adaptive (the default): no derate.
    auto adaptive = fixtures::build(fixtures::edit(y, "    routing: {mode: static, flows: 1}\n", ""));
    CHECK(analysis::analyse(adaptive.spec, adaptive.graph).bandwidth[0].routed.achievable.value() == Approx(40e9));
}
