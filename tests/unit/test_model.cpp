// Unit tests for the graph builder (archplan::model::build): switch and vertex counts worked by hand
// on small specs, and designs that cannot be wired rejected with the reason and the place.
#include "catch.hpp"
#include "spec_fixtures.hpp"

#include "archplan/model/algorithms.hpp"
#include "archplan/model/system_graph.hpp"
#include "archplan/spec/spec.hpp"

#include <algorithm>
#include <string>
#include <vector>

using namespace archplan;
using model::VertexKind;

namespace {

// 40 GPU nodes x 2 ports and 10 servers x 2 ports on one two-tier fabric. Line numbers matter for the
// location checks: leaves gpu at 25:7, scratch at 26:7, the network map at 19:5, protection at 36:17.
const std::string& k_two_tier = fixtures::small_cluster;

using fixtures::edit;

std::string dump(const spec::Diagnostics& ds) {
    std::string out;
    for (const auto& d : ds.items()) out += spec::format_diagnostic(d) + "\n";
    return out;
}

spec::Spec load(const std::string& text) {
    auto r = spec::load_string(text, "m.yaml");
    INFO(dump(r.diagnostics));
    REQUIRE(r.spec.has_value());
    return *r.spec;
}

model::SystemGraph built(const std::string& text) {
    auto s = load(text);
    auto b = model::build(s);
    INFO(dump(b.diagnostics));
    REQUIRE(b.diagnostics.empty());
    REQUIRE(b.graph.has_value());
    return std::move(*b.graph);
}

// The one reason a design is rejected; fails the test when it builds or gives several reasons.
spec::Diagnostic rejected(const std::string& text) {
    auto s = load(text);
    auto b = model::build(s);
    INFO(dump(b.diagnostics));
    REQUIRE_FALSE(b.graph.has_value());
    REQUIRE(b.diagnostics.items().size() == 1);
    return b.diagnostics.items().front();
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

std::size_t count_kind(const model::SystemGraph& g, VertexKind k) {
    return static_cast<std::size_t>(
        std::count_if(g.vertices().begin(), g.vertices().end(), [k](const model::Vertex& v) { return v.kind == k; }));
}

void check_at(const spec::Diagnostic& d, int line, int column) {
    INFO(spec::format_diagnostic(d));
    CHECK(d.file == "m.yaml");
    CHECK(d.loc.line == line);
    CHECK(d.loc.column == column);
}

// The two-tier spec made three-tier: 64 nodes, 16 servers, aggregation and core in place of the spine.
std::string three_tier(const std::string& aggregation, const std::string& core) {
    auto t = edit(k_two_tier, "    count: 40", "    count: 64");
    t = edit(t, "    servers: 10", "    servers: 16");
    t = edit(t, "tiers: 2", "tiers: 3");
    return edit(t, "    spine: {ports: 32}\n", "    aggregation: " + aggregation + "\n    core: " + core + "\n");
}

} // namespace

TEST_CASE("model: a two-tier fabric has the leaves, spines and vertices worked by hand", "[model]") {
    auto g = built(k_two_tier);
    // gpu leaves: 40 nodes x 2 ports = 80 ports / 16 down = 5 leaves.
    // scratch leaves: 10 servers x 2 ports = 20 ports / 16 down = ceil(1.25) = 2 leaves.
    // spines: not given, so one per uplink of the narrowest leaf shape = min(8, 16) = 8.
    REQUIRE(g.fabrics().size() == 1);
    const auto& f = g.fabrics()[0];
    CHECK(f.name == "fab");
    CHECK(f.tiers == 2);
    CHECK(f.leaves_per_shape == std::vector<int>{5, 2});
    CHECK(f.leaf_ports_used_up == std::vector<int>{8, 16});
    CHECK(f.spines == 8);
    CHECK(f.pods == 0);
    CHECK(f.aggregations == 0);
    CHECK(f.cores == 0);
    // A spine takes one uplink of each gpu leaf (8 uplinks / 8 spines) and two of each scratch leaf
    // (16 / 8): 5 x 1 + 2 x 2 = 9 of its 32 ports.
    CHECK(f.max_spine_ports_used == 9);

    // 40 nodes + 10 servers x 3 stages (NIC, controller, drives) + 7 leaves + 8 spines = 85.
    CHECK(g.vertex_count() == 85);
    CHECK(count_kind(g, VertexKind::compute) == 40);
    CHECK(count_kind(g, VertexKind::server_nic) == 10);
    CHECK(count_kind(g, VertexKind::server_ctrl) == 10);
    CHECK(count_kind(g, VertexKind::server_drives) == 10);
    CHECK(count_kind(g, VertexKind::leaf) == 7);
    CHECK(count_kind(g, VertexKind::spine) == 8);
    CHECK(count_kind(g, VertexKind::aggregation) == 0);
    CHECK(count_kind(g, VertexKind::core) == 0);

    // Edges, one per direction: node<->leaf 2 x 40 (both ports of a node on one leaf, as 16 is even)
    // + server stages 4 x 10 + server<->leaf 2 x 10 + gpu leaf<->spine 2 x 5 x 8 + scratch leaf<->spine 2 x 2 x 8
    // = 80 + 40 + 20 + 80 + 32 = 252.
    CHECK(g.edges().size() == 252);

    const auto* gpu = g.find_group("gpu");
    const auto* scratch = g.find_group("scratch");
    REQUIRE(gpu != nullptr);
    REQUIRE(scratch != nullptr);
    CHECK(g.find_group("nope") == nullptr);
    CHECK_FALSE(gpu->is_storage);
    CHECK(gpu->first_vertex == 0);
    CHECK(gpu->count == 40);
    CHECK(gpu->ports == 2);
    CHECK(scratch->is_storage);
    CHECK(scratch->count == 10);
    CHECK(scratch->ports == 2);
    CHECK(scratch->first_vertex == 40);
    CHECK(scratch->first_ctrl == 50);
    CHECK(scratch->first_drives == 60);

    // Leaves are packed in order: the gpu leaves are full, the second scratch leaf has 20 - 16 = 4 ports used.
    REQUIRE(g.leaves().size() == 7);
    std::vector<std::uint32_t> used;
    for (const auto& l : g.leaves()) used.push_back(l.ports_used_down);
    CHECK(used == std::vector<std::uint32_t>{16, 16, 16, 16, 16, 16, 4});

    // Node 0: one edge up to its leaf, 2 links x min(200, 400 Gb/s) = 2 x 25 GB/s x 0.95 = 47.5 GB/s.
    REQUIRE(g.out_edges(0).size() == 1);
    const auto& up = g.edges()[g.out_edges(0)[0]];
    CHECK(up.links == 2);
    CHECK(up.capacity == Approx(47.5e9));
    CHECK(g.vertices()[up.target].kind == VertexKind::leaf);
    // Server 0 stages: NIC -> controller at the write limit, controller -> drives at 24 x 4.0 GB/s.
    bool saw_ctrl = false, saw_drives = false;
    for (auto e : g.out_edges(scratch->first_vertex)) {
        const auto& edge = g.edges()[e];
        if (edge.target == scratch->first_ctrl) {
            saw_ctrl = true;
            CHECK(edge.capacity == 60e9);
        }
    }
    for (auto e : g.out_edges(scratch->first_ctrl)) {
        const auto& edge = g.edges()[e];
        if (edge.target == scratch->first_drives) {
            saw_drives = true;
            CHECK(edge.links == 24);
            CHECK(edge.capacity == 96e9);
        }
    }
    CHECK(saw_ctrl);
    CHECK(saw_drives);
    // Every edge is listed once as out of its source and once as into its target.
    std::size_t outs = 0, ins = 0;
    for (std::uint32_t v = 0; v < g.vertex_count(); ++v) {
        outs += g.out_edges(v).size();
        ins += g.in_edges(v).size();
    }
    CHECK(outs == 252);
    CHECK(ins == 252);
}

TEST_CASE("model: spine.count overrides the default number of spines", "[model]") {
    auto g = built(edit(k_two_tier, "spine: {ports: 32}", "spine: {ports: 32, count: 4}"));
    const auto& f = g.fabrics().at(0);
    CHECK(f.spines == 4);
    // gpu leaves: 8 uplinks / 4 spines = 2 per spine, x 5 leaves = 10; scratch: 16 / 4 = 4, x 2 leaves = 8.
    CHECK(f.max_spine_ports_used == 18);
    CHECK(g.vertex_count() == 85 - 8 + 4);
}

TEST_CASE("model: an endpoint's ports are split across leaves when the leaf fills up", "[model]") {
    // 5 nodes x 3 ports = 15 ports on leaves of 4 down ports: ceil(15 / 4) = 4 leaves, using 4, 4, 4, 3.
    auto text = edit(k_two_tier, "    count: 40", "    count: 5");
    text = edit(text, "storage_nic: 2 x 200 Gb/s", "storage_nic: 3 x 200 Gb/s");
    text = edit(text, "gpu: {down: 16, up: 8}", "gpu: {down: 4, up: 8}");
    auto g = built(text);
    CHECK(g.fabrics().at(0).leaves_per_shape == std::vector<int>{4, 2});
    std::vector<std::uint32_t> used;
    for (const auto& l : g.leaves())
        if (l.shape == 0) used.push_back(l.ports_used_down);
    CHECK(used == std::vector<std::uint32_t>{4, 4, 4, 3});
    // Node 1 has ports 3, 4, 5: port 3 on leaf 0, ports 4 and 5 on leaf 1 -> two edges up, of 1 and 2 links.
    const auto* gpu = g.find_group("gpu");
    REQUIRE(gpu != nullptr);
    const auto& out = g.out_edges(gpu->first_vertex + 1);
    REQUIRE(out.size() == 2);
    std::vector<std::uint32_t> links{g.edges()[out[0]].links, g.edges()[out[1]].links};
    std::sort(links.begin(), links.end());
    CHECK(links == std::vector<std::uint32_t>{1, 2});
    CHECK(g.edges()[out[0]].target != g.edges()[out[1]].target);
}

TEST_CASE("model: breakout cables put several host ports on one switch port, each at its share", "[model]") {
    // 40 nodes x 2 x 200 Gb/s on leaves of 8 down ports of 400 Gb/s split 2 ways: 16 host ports per leaf, each
    // 400 / 2 = 200 Gb/s, so ceil(80 / 16) = 5 leaves (as with 16 plain ports); a NIC edge carries 200 Gb/s x 95%
    // = 23.75 GB/s per port. Split 4 ways: 32 host ports per leaf (3 leaves) at 100 Gb/s each, below the NIC's 200.
    auto two = built(edit(k_two_tier, "gpu: {down: 16, up: 8}", "gpu: {down: 8, up: 8, breakout: 2}"));
    CHECK(two.fabrics().at(0).leaves_per_shape.at(0) == 5);
    const auto* gpu = two.find_group("gpu");
    const auto& e2 = two.edges()[two.out_edges(gpu->first_vertex)[0]];
    CHECK(e2.capacity == Approx(2 * 25e9 * 0.95));
    auto four = built(edit(k_two_tier, "gpu: {down: 16, up: 8}", "gpu: {down: 8, up: 8, breakout: 4}"));
    CHECK(four.fabrics().at(0).leaves_per_shape.at(0) == 3);
    const auto& e4 = four.edges()[four.out_edges(four.find_group("gpu")->first_vertex)[0]];
    CHECK(e4.capacity == Approx(2 * 12.5e9 * 0.95));
    auto three =
        archplan::spec::load_string(edit(k_two_tier, "gpu: {down: 16, up: 8}", "gpu: {down: 8, up: 8, breakout: 3}"), "t.yaml");
    REQUIRE_FALSE(three.spec);
    CHECK(archplan::spec::format_diagnostic(three.diagnostics.items().front()).find("expected 1, 2, 4 or 8 host ports") !=
          std::string::npos);
}

TEST_CASE("model: a three-tier fabric has the pods, aggregation and core switches worked by hand", "[model]") {
    auto g = built(three_tier("{down: 16, up: 16}", "{ports: 32}"));
    // gpu: 64 x 2 = 128 ports / 16 = 8 leaves; scratch: 16 x 2 = 32 / 16 = 2 leaves.
    // planes = aggregation switches per pod = narrowest leaf up = min(8, 16) = 8.
    // gpu pod: a leaf puts ceil(8 / 8) = 1 uplink on each aggregation switch, 16 down / 1 = 16 leaves per
    // pod -> 1 pod. scratch: ceil(16 / 8) = 2 per switch, 16 / 2 = 8 leaves per pod -> 1 pod.
    // Per plane: 2 pods x 16 aggregation uplinks = 32 ports / 32 per core = 1 core; 8 planes -> 8 cores.
    const auto& f = g.fabrics().at(0);
    CHECK(f.tiers == 3);
    CHECK(f.leaves_per_shape == std::vector<int>{8, 2});
    CHECK(f.pods == 2);
    CHECK(f.aggregations == 16);
    CHECK(f.cores == 8);
    CHECK(f.spines == 0);
    CHECK(f.max_spine_ports_used == 32); // both pods' 16 uplinks on the one core of a plane
    // 64 nodes + 16 x 3 server stages + 10 leaves + 16 aggregation + 8 core = 146.
    CHECK(g.vertex_count() == 146);
    CHECK(count_kind(g, VertexKind::aggregation) == 16);
    CHECK(count_kind(g, VertexKind::core) == 8);
    CHECK(count_kind(g, VertexKind::spine) == 0);
}

TEST_CASE("model: the customer-scale three-tier fabric, worked by hand", "[model]") {
    // specs/customer.yaml's network: 2,048 nodes x 2 ports, 200 servers x 2 ports, 64-port switches.
    auto text = three_tier("{down: 32, up: 32}", "{ports: 64}");
    text = edit(text, "    count: 64", "    count: 2048");
    text = edit(text, "    servers: 16", "    servers: 200");
    text = edit(text, "gpu: {down: 16, up: 8}", "gpu: {down: 32, up: 16}");
    text = edit(text, "scratch: {down: 16, up: 16}", "scratch: {down: 32, up: 32}");
    auto g = built(text);
    // gpu: 4,096 ports / 32 = 128 leaves; scratch: 400 / 32 = ceil(12.5) = 13 leaves.
    // planes = min(16, 32) = 16. gpu: 1 uplink per aggregation switch, 32 leaves per pod -> 128 / 32 = 4 pods;
    // scratch: 2 per switch, 16 leaves per pod -> 1 pod. 5 pods x 16 = 80 aggregation switches.
    // Per plane: 5 pods x 32 uplinks = 160 ports / 64 = ceil(2.5) = 3 cores (<= 32 uplinks); 16 planes -> 48.
    // The 160 uplinks go round-robin over 3 cores: ceil(160 / 3) = 54 on the busiest.
    const auto& f = g.fabrics().at(0);
    CHECK(f.leaves_per_shape == std::vector<int>{128, 13});
    CHECK(f.pods == 5);
    CHECK(f.aggregations == 80);
    CHECK(f.cores == 48);
    CHECK(f.max_spine_ports_used == 54);
    // 2,048 + 600 + 141 + 80 + 48 = 2,917.
    CHECK(g.vertex_count() == 2917);
}

TEST_CASE("model: a leaf whose down + up ports exceed the radix is rejected", "[model]") {
    auto d = rejected(edit(k_two_tier, "radix: 64", "radix: 24")); // gpu: 16 + 8 = 24 fits; scratch: 16 + 16 does not
    check_at(d, 26, 7);
    CHECK(contains(d.message, "network 'fab'"));
    CHECK(contains(d.message, "'scratch'"));
    CHECK(contains(d.message, "16 + 16 = 32"));
    CHECK(contains(d.message, "24 (radix)"));
    SECTION("radix 0 (not given) checks nothing") {
        auto g = built(edit(k_two_tier, "    radix: 64\n", ""));
        CHECK(g.fabrics().at(0).spines == 8);
    }
}

TEST_CASE("model: a spine with too few ports for all the leaves is rejected", "[model]") {
    // gpu leaves of 4 down, 4 up: 80 / 4 = 20 leaves; scratch 2 leaves; spines = min(4, 16) = 4.
    // A spine takes 1 uplink of each gpu leaf and 16 / 4 = 4 of each scratch leaf: 20 + 8 = 28 > 16 ports.
    auto text = edit(k_two_tier, "gpu: {down: 16, up: 8}", "gpu: {down: 4, up: 4}");
    auto d = rejected(edit(text, "spine: {ports: 32}", "spine: {ports: 16}"));
    check_at(d, 19, 5);
    CHECK(contains(d.message, "network 'fab': a spine needs 28 ports (22 leaves, each linked to all 4 spines) but has 16"));
    SECTION("28 ports are enough") {
        auto g = built(edit(text, "spine: {ports: 32}", "spine: {ports: 28}"));
        CHECK(g.fabrics().at(0).max_spine_ports_used == 28);
    }
}

TEST_CASE("model: spine.ports larger than the radix is rejected", "[model]") {
    auto d = rejected(edit(k_two_tier, "spine: {ports: 32}", "spine: {ports: 128}"));
    check_at(d, 19, 5);
    CHECK(contains(d.message, "spine.ports 128 exceeds the switch radix 64"));
}

TEST_CASE("model: leaves with fewer uplinks than spines are rejected", "[model]") {
    auto d = rejected(edit(k_two_tier, "spine: {ports: 32}", "spine: {ports: 64, count: 12}"));
    check_at(d, 25, 7); // the gpu leaves: 8 uplinks cannot reach 12 spines
    CHECK(contains(d.message, "leaves of 'gpu' have 8 uplinks but there are 12 spines"));
    CHECK(contains(d.message, "at most 8"));
}

TEST_CASE("model: a three-tier core plane needing more cores than aggregation uplinks is rejected", "[model]") {
    // Aggregation {down 2, up 2}: gpu leaves (8 up, 8 planes) take 1 port per switch -> 2 leaves per pod ->
    // 8 / 2 = 4 pods; scratch leaves take 2 -> 1 leaf per pod -> 2 pods. 6 pods x 2 uplinks = 12 ports per
    // plane / 4-port cores = 3 cores, but each aggregation switch has only 2 uplinks to reach them.
    auto d = rejected(three_tier("{down: 2, up: 2}", "{ports: 4}"));
    check_at(d, 19, 5);
    CHECK(contains(d.message, "core plane 0 joins 6 pods, which needs 3 core switches of 4 ports"));
    CHECK(contains(d.message, "only 2 uplinks"));
    SECTION("with 6-port cores, 2 per plane suffice") {
        auto g = built(three_tier("{down: 2, up: 2}", "{ports: 6}"));
        CHECK(g.fabrics().at(0).pods == 6);
        CHECK(g.fabrics().at(0).cores == 8 * 2);
    }
}

TEST_CASE("model: a three-tier leaf with fewer uplinks than aggregation switches per pod is rejected", "[model]") {
    auto d = rejected(three_tier("{down: 16, up: 16, per_pod: 12}", "{ports: 32}"));
    check_at(d, 25, 7);
    CHECK(contains(d.message, "leaves of 'gpu' have 8 uplinks but a pod has 12 aggregation switches"));
}

TEST_CASE("model: a group attached to two networks is rejected", "[model]") {
    auto text = edit(k_two_tier, "storage:\n", R"(  - name: fab2
    link: 400 Gb/s
    efficiency: 95%
    tiers: 2
    leaves:
      gpu: {down: 16, up: 8}
    spine: {ports: 32}
storage:
)");
    auto d = rejected(text);
    check_at(d, 33, 7); // gpu under fab2's leaves
    CHECK(contains(d.message, "'gpu' is attached to networks 'fab' and 'fab2'"));
}

TEST_CASE("model: requirement endpoints on different networks are rejected", "[model]") {
    auto text = edit(k_two_tier, "      scratch: {down: 16, up: 16}\n", "");
    text = edit(text, "storage:\n", R"(  - name: fab2
    link: 400 Gb/s
    efficiency: 95%
    tiers: 2
    leaves:
      scratch: {down: 16, up: 16}
    spine: {ports: 32}
storage:
)");
    auto d = rejected(text);
    check_at(d, 5, 5); // the requirement
    CHECK(contains(d.message, "requirement 'ckpt': 'gpu' is on network 'fab' but 'scratch' is on network 'fab2'"));
}

TEST_CASE("model: a requirement endpoint on no network is rejected", "[model]") {
    auto d = rejected(edit(k_two_tier, "      scratch: {down: 16, up: 16}\n", ""));
    check_at(d, 5, 5);
    CHECK(contains(d.message, "requirement 'ckpt': 'scratch' is not attached to any network"));
}

TEST_CASE("model: a requirement via a network that does not join its ends is rejected", "[model]") {
    auto text = edit(k_two_tier, "    to: scratch\n", "    to: scratch\n    via: fab2\n");
    text = edit(text, "storage:\n", R"(  - name: fab2
    link: 400 Gb/s
    efficiency: 95%
    tiers: 2
    leaves:
      other: {down: 16, up: 8}
    spine: {ports: 32}
storage:
)");
    text = edit(text, "    per_rack: 4\n", "    per_rack: 4\n  - name: other\n    count: 4\n    storage_nic: 1 x 100 Gb/s\n");
    auto d = rejected(text);
    check_at(d, 5, 5);
    CHECK(contains(d.message, "requirement 'ckpt': via 'fab2', but both ends are attached to network 'fab'"));
}

TEST_CASE("model: client-side 8+2 with only 5 servers is rejected", "[model]") {
    auto text = edit(k_two_tier, "    servers: 10", "    servers: 5");
    auto d = rejected(edit(text, "where: server}", "where: client}"));
    check_at(d, 36, 17);
    CHECK(contains(d.message, "storage 'scratch': client protection places 10 chunks or copies on distinct servers, "
                              "but there are only 5 servers"));
    SECTION("server-side 8+2 on 5 servers is a declustered layout and builds") {
        auto g = built(text);
        CHECK(g.find_group("scratch")->count == 5);
    }
    SECTION("client-side 3 replicas on 2 servers is rejected too") {
        auto t2 = edit(text, "    servers: 5", "    servers: 2");
        auto d2 = rejected(edit(t2, "{erasure: 8+2, where: server}", "{replicas: 3, where: client}"));
        CHECK(contains(d2.message, "places 3 chunks or copies on distinct servers, but there are only 2 servers"));
    }
    SECTION("client-side 8+2 on exactly 10 servers builds") {
        auto g = built(edit(k_two_tier, "where: server}", "where: client}"));
        CHECK(g.find_group("scratch")->count == 10);
    }
}

TEST_CASE("model: several impossible things are reported together", "[model]") {
    // Client 8+2 on 5 servers, and gpu attached to a second network: both are found before wiring.
    auto text = edit(k_two_tier, "    servers: 10", "    servers: 5");
    text = edit(text, "where: server}", "where: client}");
    text = edit(text, "storage:\n", R"(  - name: fab2
    link: 400 Gb/s
    efficiency: 95%
    tiers: 2
    leaves:
      gpu: {down: 16, up: 8}
    spine: {ports: 32}
storage:
)");
    auto s = load(text);
    auto b = model::build(s);
    INFO(dump(b.diagnostics));
    CHECK_FALSE(b.graph.has_value());
    REQUIRE(b.diagnostics.items().size() == 2);
    CHECK(contains(b.diagnostics.items()[0].message, "client protection places 10 chunks"));
    CHECK(contains(b.diagnostics.items()[1].message, "attached to networks 'fab' and 'fab2'"));
}

TEST_CASE("model: a design too large for the explicit graph is refused before anything is allocated", "[model]") {
    // 1,000,000 nodes x 8 ports = 8,000,000 endpoint ports, over the 4,000,000 the explicit graph takes.
    auto spec = archplan::spec::load_string(R"(archplan: 1
requirements:
  - {id: w, bandwidth: 1 TB/s, direction: write, from: c, to: s}
compute:
  - {name: c, count: 1000000, storage_nic: 8 x 400 Gb/s}
network:
  - name: n
    link: 400 Gb/s
    efficiency: 1.0
    tiers: 2
    leaves:
      c: {down: 32, up: 32}
      s: {down: 32, up: 32}
    spine: {ports: 64}
storage:
  - name: s
    servers: 10
    server:
      nic: 2 x 400 Gb/s
      limit: {read: 90 GB/s, write: 60 GB/s}
      drives: {count: 24, capacity: 30.72 TB, read: 6.8 GB/s, write: 4.0 GB/s}
    protection: {erasure: 8+2, where: server}
)",
                                            "big.yaml");
    REQUIRE(spec.spec);
    auto built = archplan::model::build(*spec.spec);
    CHECK_FALSE(built.graph);
    REQUIRE(built.diagnostics.items().size() == 1);
    CHECK(built.diagnostics.items()[0].message.find("8000020 endpoint NIC ports") != std::string::npos);
}

TEST_CASE("model: a client ceiling puts a client stage in front of each node's NIC", "[model][client]") {
    auto plain = built(k_two_tier);
    auto g = built(edit(k_two_tier, "    per_rack: 4\n", "    per_rack: 4\n    client: {read: 20 GB/s, write: 12 GB/s}\n"));
    // 40 client stages after the 40 nodes; everything else moves up by 40.
    CHECK(g.vertex_count() == plain.vertex_count() + 40);
    CHECK(count_kind(g, VertexKind::client) == 40);
    CHECK(count_kind(plain, VertexKind::client) == 0);
    CHECK(g.edges().size() == plain.edges().size() + 80);
    CHECK(g.classes().size() == plain.classes().size() + 2);
    const auto* gpu = g.find_group("gpu");
    REQUIRE(gpu != nullptr);
    CHECK_FALSE(plain.find_group("gpu")->has_client);
    CHECK(plain.find_group("gpu")->endpoint(3) == 3);
    REQUIRE(gpu->has_client);
    CHECK(gpu->first_vertex == 0);
    CHECK(gpu->first_client == 40);
    CHECK(gpu->endpoint(3) == 43);
    CHECK(g.find_group("scratch")->first_vertex == 80);
    // Node 3: client -> NIC at the write ceiling, NIC -> client at the read ceiling, one class each.
    int seen = 0;
    for (auto e : g.out_edges(43)) {
        const auto& edge = g.edges()[e];
        CHECK(edge.target == 3);
        CHECK(edge.capacity == 12e9);
        CHECK(g.classes()[edge.cls].name == "gpu client (write)");
        CHECK(g.classes()[edge.cls].team == model::Team::compute);
        ++seen;
    }
    for (auto e : g.in_edges(43)) {
        const auto& edge = g.edges()[e];
        CHECK(edge.source == 3);
        CHECK(edge.capacity == 20e9);
        CHECK(g.classes()[edge.cls].name == "gpu client (read)");
        ++seen;
    }
    CHECK(seen == 2);
}

TEST_CASE("model: drives deliver less than their datasheet to interleaved streams (hdd) or after the cache (flash)",
          "[model][drives]") {
    spec::StorageSystem s;
    s.protection.k = 8;
    s.protection.m = 2;
    s.drives.read = units::BytesPerSecond(285e6);
    s.drives.write = units::BytesPerSecond(285e6);
    // No kind: the rates are used as given.
    CHECK(model::delivered_drive_rates(s).write == 285e6);
    // A 7,200 rpm disk, 8.5 ms seek, 16 MiB blocks over 8 data chunks: c = 2 MiB = 2,097,152 B;
    // c / (0.75 x 285 MB/s) = 9.811 ms; + 8.5 ms + 4.167 ms (half a rotation) = 22.478 ms; 2,097,152 B / 22.478 ms
    // = 93.30 MB/s.
    s.drives.kind = spec::Drives::Kind::hdd;
    auto hdd = model::delivered_drive_rates(s);
    CHECK(hdd.chunk == Approx(2097152.0));
    CHECK(hdd.positioning == Approx(0.0085 + 0.5 * 60 / 7200));
    CHECK(hdd.write == Approx(2097152.0 / (2097152.0 / (0.75 * 285e6) + 0.0085 + 30.0 / 7200)));
    CHECK(hdd.write == Approx(93.30e6).epsilon(0.001));
    // Replication sends the whole block to each drive: c = 16 MiB, 16,777,216 / (78.49 ms + 12.67 ms) = 184 MB/s.
    s.protection = spec::Protection{};
    s.protection.replicas = 3;
    CHECK(model::delivered_drive_rates(s).read == Approx(16777216.0 / (16777216.0 / (0.75 * 285e6) + 0.0085 + 30.0 / 7200)));
    // Flash writes at the steady-state rate when one is given; reads stay at the datasheet figure.
    s.drives.kind = spec::Drives::Kind::flash;
    s.drives.steady_write = units::BytesPerSecond(2.5e9);
    CHECK(model::delivered_drive_rates(s).write == 2.5e9);
    CHECK(model::delivered_drive_rates(s).read == 285e6);
}

TEST_CASE("model: protection wider than a server's drives, or than the servers, cannot be built", "[model][geometry]") {
    // 4+2 inside each server needs 6 drives per server; the fixture has 6.
    auto inside = edit(fixtures::two_tier, "count: 6, capacity", "count: 5, capacity");
    auto b = model::build(fixtures::load(inside));
    REQUIRE_FALSE(b.graph);
    REQUIRE(b.diagnostics.items().size() == 1);
    CHECK(b.diagnostics.items()[0].message ==
          "storage 's': 4+2 erasure coding inside each server needs at least 6 drives per server (a drive per chunk or "
          "copy), but a server has 5");
    CHECK(b.diagnostics.items()[0].note ==
          "give 'count: 6' or more drives per server, or protect across servers ('where: client' or 'where: primary')");
    CHECK(b.diagnostics.items()[0].loc.line > 0); // at the protection key
    // Protection across servers puts each of the 6 chunks on its own server: 2 servers are too few.
    auto across = edit(fixtures::two_tier, "{erasure: 4+2, where: server}", "{erasure: 4+2, where: client}");
    auto c = model::build(fixtures::load(across));
    REQUIRE_FALSE(c.graph);
    CHECK(c.diagnostics.items()[0].message ==
          "storage 's': client protection places 6 chunks or copies on distinct servers, but there are only 2 servers");
}

TEST_CASE("model: a single switch too small, or dual homing with an odd port count, cannot be built", "[model][topology]") {
    // 40 nodes x 2 ports + 10 servers x 2 ports on one switch of 16 + 16 down ports: 80 gpu ports need 5 switches.
    auto one = edit(edit(k_two_tier, "    tiers: 2\n", "    tiers: 1\n"), "    spine: {ports: 32}\n", "");
    one = edit(one, "      gpu: {down: 16, up: 8}\n      scratch: {down: 16, up: 16}\n",
               "      box: {mixed: {gpu: 16, scratch: 16}}\n");
    CHECK(rejected(one).message.find("is a single switch (tiers: 1), but its 100 host ports need 5 switches") !=
          std::string::npos);
    auto dual = edit(k_two_tier, "storage_nic: 2 x 200 Gb/s", "storage_nic: 1 x 200 Gb/s");
    dual = edit(dual, "gpu: {down: 16, up: 8}", "gpu: {down: 16, up: 8, homing: dual}");
    CHECK(rejected(dual).message.find("'gpu' is dual-homed") != std::string::npos);
    // Dual-homed with 2 ports: 40 nodes give 40 half-ports per side, 16 a leaf: 3 pairs = 6 leaves; node 0 has one
    // link to each of leaves 0 and 1.
    auto ok = built(edit(k_two_tier, "gpu: {down: 16, up: 8}", "gpu: {down: 16, up: 8, homing: dual}"));
    CHECK(ok.fabrics().at(0).leaves_per_shape.at(0) == 6);
    const auto& out = ok.out_edges(ok.find_group("gpu")->first_vertex);
    REQUIRE(out.size() == 2);
    CHECK(ok.edges()[out[0]].target != ok.edges()[out[1]].target);
}

TEST_CASE("model: the Boost.Graph view is built on first use and agrees with the edge lists (hops_to)", "[model]") {
    // two_tier: compute and storage leaves under one spine. From the storage leaves, through the spine only: the spine
    // is 1 hop away, every compute leaf 2.
    auto b = fixtures::build(fixtures::two_tier);
    const auto& g = b.graph;
    std::vector<std::uint32_t> storage_leaves;
    std::vector<char> transit(g.vertex_count(), 0);
    for (std::uint32_t v = 0; v < g.vertex_count(); ++v)
        if (g.vertices()[v].kind == model::VertexKind::spine) transit[v] = 1;
    for (const auto& l : g.leaves())
        if (l.shape == 1) storage_leaves.push_back(l.vertex);
    REQUIRE_FALSE(storage_leaves.empty());
    auto dist = model::hops_to(g, storage_leaves, transit);
    for (const auto& l : g.leaves()) CHECK(dist[l.vertex] == (l.shape == 1 ? 0 : 2));
    for (std::uint32_t v = 0; v < g.vertex_count(); ++v)
        if (transit[v]) CHECK(dist[v] == 1);
}
