// Unit tests for the knob table (archplan::spec::knobs): the paths, meanings, units and bounds of the
// two-tier fixture checked by hand, get and set of every kind, lookup with "did you mean", and every
// `auto` path the loader records resolving through the table.
#include "catch.hpp"
#include "spec_fixtures.hpp"

#include "archplan/spec/knobs.hpp"
#include "archplan/spec/spec.hpp"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace archplan::spec;

namespace {

using fixtures::edit;

Knob knob_at(const Spec& spec, const std::string& path) {
    auto found = find_knob(spec, path);
    INFO(path);
    REQUIRE(found.knob);
    return *found.knob;
}

// Every kind of `auto` the loader accepts (servers, drives per server, server NIC ports, leaf uplinks,
// compute NIC ports), on a three-tier fabric with a radix so that the aggregation uplinks are a knob too.
const std::string k_all_autos = R"(
archplan: 1
name: every auto
requirements:
  - {id: w, bandwidth: 100 GB/s, direction: write, from: gpu, to: scratch}
compute:
  - {name: gpu, count: 64, storage_nic: auto x 200 Gb/s}
network:
  - name: fab
    link: 400 Gb/s
    efficiency: 95%
    tiers: 3
    radix: 64
    leaves:
      gpu: {down: 32, up: auto}
      scratch: {down: 20, up: 32}
    aggregation: {down: 40, up: 24, per_pod: 4}
    core: {ports: 64}
storage:
  - name: scratch
    servers: auto
    server:
      nic: {ports: auto, rate: 400 Gb/s}
      limit: {read: 90 GB/s, write: 60 GB/s}
      drives: {count: auto, capacity: 30.72 TB, read: 6.8 GB/s, write: 4.0 GB/s}
    protection: {replicas: 3, where: server}
)";

} // namespace

TEST_CASE("knobs: the two-tier fixture's table, checked by hand", "[knobs]") {
    auto spec = fixtures::load(fixtures::two_tier);
    struct Row {
        KnobKind kind;
        const char* path;
        const char* what;
        const char* unit;
        double lo, hi;
        std::size_t owner, shape;
    };
    // Storage systems, then compute groups, then networks; no radix, so a leaf takes at most as many
    // uplinks as it has down ports (2).
    const std::vector<Row> want = {
        {KnobKind::storage_servers, "storage.s.servers", "servers of 's'", "servers", 1, 100'000, 0, 0},
        {KnobKind::drives_per_server, "storage.s.server.drives.count", "drives per server of 's'", "drives", 1, 10'000, 0, 0},
        {KnobKind::server_nic_ports, "storage.s.server.nic", "NIC ports per server of 's'", "ports", 1, 64, 0, 0},
        {KnobKind::protection_parity, "storage.s.protection.parity", "parity chunks (or replicas - 1)", "chunks", 1, 16, 0, 0},
        {KnobKind::rebuild_share, "storage.s.rebuild.share", "rebuild share of 's'", "share", 0.01, 1, 0, 0},
        // 4+2: an erasure code, so k is a knob too (the loader takes k up to 64).
        {KnobKind::protection_data, "storage.s.protection.data", "data chunks (k of k+m) of 's'", "chunks", 1, 64, 0, 0},
        {KnobKind::compute_nic_ports, "compute.c.storage_nic", "storage NIC ports per node of 'c'", "ports", 1, 64, 0, 0},
        {KnobKind::leaf_uplinks, "network.n.leaves.c.up", "uplinks per 'c' leaf of 'n'", "uplinks", 1, 2, 0, 0},
        {KnobKind::leaf_uplinks, "network.n.leaves.s.up", "uplinks per 's' leaf of 'n'", "uplinks", 1, 2, 0, 1},
    };
    auto all = knobs(spec);
    REQUIRE(all.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        INFO(want[i].path);
        CHECK(all[i].kind == want[i].kind);
        CHECK(all[i].path == want[i].path);
        CHECK(all[i].what == want[i].what);
        CHECK(all[i].unit == want[i].unit);
        CHECK(all[i].lo == want[i].lo);
        CHECK(all[i].hi == want[i].hi);
        CHECK(all[i].owner == want[i].owner);
        CHECK(all[i].shape == want[i].shape);
        CHECK(all[i].is_count() == (want[i].kind != KnobKind::rebuild_share));
    }
    // k moves 4+2 to 8+2; a replicated system has no such knob.
    auto data = find_knob(spec, "storage.s.protection.data");
    REQUIRE(data.knob);
    CHECK(data.knob->get(spec) == 4);
    data.knob->set(spec, 8);
    CHECK(spec.storage[0].protection.k == 8);
    CHECK(spec.storage[0].protection.m == 2);
    auto replicated = fixtures::load(edit(fixtures::two_tier, "erasure: 4+2", "replicas: 3"));
    CHECK_FALSE(find_knob(replicated, "storage.s.protection.data").knob);
}

TEST_CASE("knobs: uplink bounds are what the radix leaves, and the down ports without one", "[knobs]") {
    // radix 8: a leaf with 2 down ports may take 6 uplinks.
    auto radix = fixtures::load(edit(fixtures::two_tier, "    tiers: 2\n", "    tiers: 2\n    radix: 8\n"));
    CHECK(knob_at(radix, "network.n.leaves.c.up").hi == 6);
    CHECK(knob_at(radix, "network.n.leaves.s.up").hi == 6);
    // Without a radix, no taper below 1:1: as many uplinks as down ports.
    auto wide = fixtures::load(edit(fixtures::two_tier, "      c: {down: 2, up: 1}", "      c: {down: 5, up: 1}"));
    CHECK(knob_at(wide, "network.n.leaves.c.up").hi == 5);
    CHECK(knob_at(wide, "network.n.leaves.s.up").hi == 2);
    // Three tiers: the aggregation uplinks are a knob, bounded by radix - aggregation down ports.
    auto three = fixtures::load(k_all_autos);
    auto agg = knob_at(three, "network.fab.aggregation.up");
    CHECK(agg.kind == KnobKind::aggregation_uplinks);
    CHECK(agg.what == "uplinks per aggregation switch of 'fab'");
    CHECK(agg.unit == "uplinks");
    CHECK(agg.lo == 1);
    CHECK(agg.hi == 64 - 40);
    CHECK(knob_at(three, "network.fab.leaves.gpu.up").hi == 64 - 32);
    CHECK(knob_at(three, "network.fab.leaves.scratch.up").hi == 64 - 20);
    // A two-tier fabric has no aggregation knob.
    auto two = fixtures::load(fixtures::two_tier);
    CHECK_FALSE(find_knob(two, "network.n.aggregation.up").knob);
}

TEST_CASE("knobs: get and set each kind", "[knobs]") {
    auto spec = fixtures::load(fixtures::two_tier);
    auto round_trip = [&](const char* path, double before, double after) {
        INFO(path);
        auto k = knob_at(spec, path);
        CHECK(k.get(spec) == before);
        k.set(spec, after);
        CHECK(k.get(spec) == after);
    };
    round_trip("storage.s.servers", 2, 7);
    CHECK(spec.storage[0].servers == 7);
    round_trip("storage.s.server.drives.count", 6, 12);
    CHECK(spec.storage[0].drives.count == 12);
    round_trip("storage.s.server.nic", 1, 2);
    CHECK(spec.storage[0].nic.ports == 2);
    round_trip("compute.c.storage_nic", 1, 4);
    CHECK(spec.compute[0].storage_nic.ports == 4);
    round_trip("network.n.leaves.c.up", 1, 2);
    CHECK(spec.networks[0].leaves[0].up == 2);
    CHECK(spec.networks[0].leaves[1].up == 1); // the other shape is untouched
    round_trip("network.n.leaves.s.up", 1, 2);
    CHECK(spec.networks[0].leaves[1].up == 2);

    // Erasure 4+2: the parity is m; k stays.
    round_trip("storage.s.protection.parity", 2, 3);
    CHECK(spec.storage[0].protection.k == 4);
    CHECK(spec.storage[0].protection.m == 3);
    CHECK_FALSE(spec.storage[0].protection.is_replication());

    // The rebuild share is a fraction: 0.5 by default, set as given, not rounded.
    round_trip("storage.s.rebuild.share", 0.5, 0.37);
    CHECK(spec.storage[0].rebuild.share == 0.37);

    // A count is rounded to the nearest whole number.
    auto servers = knob_at(spec, "storage.s.servers");
    servers.set(spec, 2.6);
    CHECK(spec.storage[0].servers == 3);
    servers.set(spec, 2.4);
    CHECK(spec.storage[0].servers == 2);

    // Three tiers: the aggregation uplinks.
    auto three = fixtures::load(k_all_autos);
    auto agg = knob_at(three, "network.fab.aggregation.up");
    CHECK(agg.get(three) == 24);
    agg.set(three, 20);
    CHECK(three.networks[0].agg_up == 20);
}

TEST_CASE("knobs: protection parity on replication is replicas - 1", "[knobs]") {
    auto spec = fixtures::load(
        edit(fixtures::two_tier, "protection: {erasure: 4+2, where: server}", "protection: {replicas: 3, where: server}"));
    auto k = knob_at(spec, "storage.s.protection.parity");
    // The loader takes at most 8 replicas: 7 beyond the first.
    CHECK(k.lo == 1);
    CHECK(k.hi == 7);
    CHECK(k.get(spec) == 2);
    k.set(spec, 3);
    CHECK(spec.storage[0].protection.replicas == 4);
    CHECK(spec.storage[0].protection.is_replication());
    CHECK(k.get(spec) == 3);
}

TEST_CASE("knobs: lookup finds a path, suggests the nearest on a typo, and nothing when far", "[knobs]") {
    auto spec = fixtures::load(fixtures::two_tier);
    auto hit = find_knob(spec, "storage.s.servers");
    REQUIRE(hit.knob);
    CHECK(hit.knob->kind == KnobKind::storage_servers);
    CHECK(hit.knob->owner == 0);
    CHECK(hit.nearest.empty());

    for (const char* typo : {"storage.s.server", "storage.s.sevrers", "storage.s.servers.", "Storage.s.servers"}) {
        INFO(typo);
        auto miss = find_knob(spec, typo);
        CHECK_FALSE(miss.knob);
        CHECK(miss.nearest == "storage.s.servers");
    }
    auto leaf = find_knob(spec, "network.n.leaf.c.up");
    CHECK_FALSE(leaf.knob);
    CHECK(leaf.nearest == "network.n.leaves.c.up");
    auto nic = find_knob(spec, "compute.c.storage-nic");
    CHECK_FALSE(nic.knob);
    CHECK(nic.nearest == "compute.c.storage_nic");

    for (const char* far : {"", "x", "frobnicate", "requirements.w.bandwidth", "storage.scratch.fill_limit"}) {
        INFO(far);
        auto none = find_knob(spec, far);
        CHECK_FALSE(none.knob);
        CHECK(none.nearest.empty());
    }
}

TEST_CASE("knobs: the path of every kind", "[knobs]") {
    CHECK(knob_path(KnobKind::storage_servers, "scratch") == "storage.scratch.servers");
    CHECK(knob_path(KnobKind::drives_per_server, "scratch") == "storage.scratch.server.drives.count");
    CHECK(knob_path(KnobKind::server_nic_ports, "scratch") == "storage.scratch.server.nic");
    CHECK(knob_path(KnobKind::leaf_uplinks, "fab", "gpu") == "network.fab.leaves.gpu.up");
    CHECK(knob_path(KnobKind::compute_nic_ports, "gpu") == "compute.gpu.storage_nic");
    CHECK(knob_path(KnobKind::aggregation_uplinks, "fab") == "network.fab.aggregation.up");
    CHECK(knob_path(KnobKind::protection_parity, "scratch") == "storage.scratch.protection.parity");
    CHECK(knob_path(KnobKind::rebuild_share, "scratch") == "storage.scratch.rebuild.share");
    // Names may hold '-' and '_': the path keeps them as written.
    CHECK(knob_path(KnobKind::leaf_uplinks, "storage-fabric", "gpu_a") == "network.storage-fabric.leaves.gpu_a.up");
}

TEST_CASE("knobs: every auto path the loader records is a knob of the table", "[knobs][auto]") {
    auto spec = fixtures::load(k_all_autos);
    // In the order written: compute NIC, leaf uplinks, servers, server NIC, drives.
    const std::vector<std::pair<std::string, KnobKind>> want = {
        {"compute.gpu.storage_nic", KnobKind::compute_nic_ports},
        {"network.fab.leaves.gpu.up", KnobKind::leaf_uplinks},
        {"storage.scratch.servers", KnobKind::storage_servers},
        {"storage.scratch.server.nic", KnobKind::server_nic_ports},
        {"storage.scratch.server.drives.count", KnobKind::drives_per_server},
    };
    REQUIRE(spec.autos.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        const auto& a = spec.autos[i];
        INFO(a.knob);
        CHECK(a.knob == want[i].first);
        CHECK(a.loc.line > 0);
        auto found = find_knob(spec, a.knob);
        REQUIRE(found.knob);
        CHECK(found.knob->kind == want[i].second);
        CHECK(found.knob->path == a.knob);
        CHECK(found.knob->is_count());
    }
    CHECK(knob_at(spec, "network.fab.leaves.gpu.up").shape == 0);
    // Every example that writes `auto` resolves too (examples/auto-sizing.yaml: servers, drives, leaf uplinks).
    std::ifstream in(std::string(ARCHPLAN_SOURCE_DIR) + "/examples/auto-sizing.yaml");
    std::stringstream text;
    text << in.rdbuf();
    auto ex = load_string(text.str(), "auto-sizing.yaml");
    REQUIRE(ex.spec);
    REQUIRE(ex.spec->autos.size() == 3);
    for (const auto& a : ex.spec->autos) {
        INFO(a.knob);
        CHECK(find_knob(*ex.spec, a.knob).knob);
    }
}
