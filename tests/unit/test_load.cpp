// Unit tests for the spec loader (archplan::spec::load_string) and its diagnostics. Every bad input
// must give an error at an exact file:line:column, never a crash, a hang or a silent default.
#include "catch.hpp"
#include "spec_fixtures.hpp"

#include "archplan/spec/diagnostics.hpp"
#include "archplan/spec/knobs.hpp"
#include "archplan/spec/spec.hpp"

#include <chrono>
#include <cstdint>
#include <fmt/format.h>
#include <string>
#include <vector>

using namespace archplan::spec;

namespace {

// A small valid spec. The line numbers in the comments are the ones the tests check against.
const std::string& k_valid = fixtures::small_cluster;
// Line map of k_valid:
//  1 archplan            13 compute:              24 leaves:          32 server:
//  4 requirements:       14   - name: gpu         25   gpu: {...}     33   nic
//  5   - id: ckpt        15     count: 40         26   scratch: {...} 34   limit
//  6     bandwidth       16     storage_nic       27 spine            35   drives
//  7     direction       17     per_rack          28 storage:         36 protection
//  8     from            18 network:              29   - name: scratch 37 fill_limit
//  9     to              19   - name: fab         30     kind
// 10   - id: space       20     link              31     servers
// 11     usable          21     efficiency
// 12     on              22     tiers, 23 radix

LoadResult load(const std::string& text) { return load_string(text, "t.yaml"); }

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

using fixtures::edit;

std::string dump(const LoadResult& r) {
    std::string out;
    for (const auto& d : r.diagnostics.items()) out += format_diagnostic(d) + "\n";
    return out;
}

// The one diagnostic of a failed load; fails the test when the load succeeded or gave several.
Diagnostic only_error(const LoadResult& r) {
    INFO(dump(r));
    REQUIRE_FALSE(r.spec.has_value());
    REQUIRE(r.diagnostics.items().size() == 1);
    return r.diagnostics.items().front();
}

void check_at(const Diagnostic& d, int line, int column) {
    INFO(format_diagnostic(d));
    CHECK(d.file == "t.yaml");
    CHECK(d.loc.line == line);
    CHECK(d.loc.column == column);
}

// The billion-laughs shape: a: 9 x "x", b: 9 x *a, ... i: 9 x *h, i.e. 9^9 = 387,420,489 leaves if expanded.
std::string alias_bomb(const std::string& use) {
    std::string text = "a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n";
    const std::string names = "abcdefghi";
    for (std::size_t i = 1; i < names.size(); ++i) {
        std::string prev = "*" + names.substr(i - 1, 1);
        text += names.substr(i, 1) + ": &" + names.substr(i, 1) + " [";
        for (int j = 0; j < 9; ++j) text += (j ? "," : "") + prev;
        text += "]\n";
    }
    return text + use + "\n";
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace

TEST_CASE("load: a minimal valid spec loads with exact field values", "[load]") {
    auto r = load(k_valid);
    INFO(dump(r));
    REQUIRE(r.diagnostics.empty());
    REQUIRE(r.spec.has_value());
    const Spec& s = *r.spec;
    CHECK(s.file == "t.yaml");
    CHECK(s.name == "test cluster");
    CHECK(s.margin == 0.1); // 10%

    REQUIRE(s.bandwidth.size() == 1);
    const auto& bw = s.bandwidth[0];
    CHECK(bw.id == "ckpt");
    CHECK(bw.bandwidth.value() == 100e9); // 100 GB/s
    CHECK(bw.direction == Direction::write);
    CHECK(bw.from == "gpu");
    CHECK(bw.to == "scratch");
    CHECK(bw.via.empty());
    CHECK(bw.loc.line == 5);
    CHECK(bw.loc.column == 5);

    REQUIRE(s.capacity.size() == 1);
    CHECK(s.capacity[0].id == "space");
    CHECK(s.capacity[0].usable.value() == 1e15); // 1 PB
    CHECK(s.capacity[0].on == "scratch");

    REQUIRE(s.compute.size() == 1);
    const auto& g = s.compute[0];
    CHECK(g.name == "gpu");
    CHECK(g.count == 40);
    CHECK(g.storage_nic.ports == 2);
    CHECK(g.storage_nic.rate.value() == 25e9); // 200 Gb/s = 25 GB/s
    CHECK(g.per_rack == 4);
    CHECK(g.loc.line == 14);
    CHECK(g.loc.column == 5);

    REQUIRE(s.networks.size() == 1);
    const auto& n = s.networks[0];
    CHECK(n.name == "fab");
    CHECK(n.link.value() == 50e9); // 400 Gb/s
    CHECK(n.efficiency == 0.95);
    CHECK(n.tiers == 2);
    CHECK(n.radix == 64);
    REQUIRE(n.leaves.size() == 2);
    CHECK(n.leaves[0].group == "gpu");
    CHECK(n.leaves[0].down == 16);
    CHECK(n.leaves[0].up == 8);
    CHECK(n.leaves[0].loc.line == 25);
    CHECK(n.leaves[0].loc.column == 7);
    CHECK(n.leaves[1].group == "scratch");
    CHECK(n.leaves[1].down == 16);
    CHECK(n.leaves[1].up == 16);
    CHECK(n.spine_ports == 32);
    CHECK(n.spine_count == 0); // not given: one spine per uplink of the narrowest leaf

    REQUIRE(s.storage.size() == 1);
    const auto& st = s.storage[0];
    CHECK(st.name == "scratch");
    CHECK(st.kind == "parallel-fs");
    CHECK(st.servers == 10);
    CHECK(st.nic.ports == 2);
    CHECK(st.nic.rate.value() == 50e9);
    CHECK(st.limit_read.value() == 90e9);
    CHECK(st.limit_write.value() == 60e9);
    CHECK(st.drives.count == 24);
    CHECK(st.drives.capacity.value() == 30.72e12);
    CHECK(st.drives.read.value() == 6.8e9);
    CHECK(st.drives.write.value() == 4.0e9);
    CHECK(st.protection.k == 8);
    CHECK(st.protection.m == 2);
    CHECK(st.protection.replicas == 0);
    CHECK_FALSE(st.protection.is_replication());
    CHECK(st.protection.where == ProtectionWhere::server);
    CHECK(st.fill_limit == 0.8); // 80%

    CHECK(s.find_compute("gpu") == &s.compute[0]);
    CHECK(s.find_storage("scratch") == &s.storage[0]);
    CHECK(s.find_network("fab") == &s.networks[0]);
    CHECK(s.find_compute("scratch") == nullptr);
}

TEST_CASE("load: optional keys take their documented defaults", "[load]") {
    auto text = edit(k_valid, "name: test cluster\nmargin: 10%\n", "");
    text = edit(text, "    per_rack: 4\n", "");
    text = edit(text, "    radix: 64\n", "");
    text = edit(text, "    kind: parallel-fs\n", "");
    text = edit(text, "    fill_limit: 80%\n", "");
    auto r = load(text);
    INFO(dump(r));
    REQUIRE(r.spec.has_value());
    CHECK(r.spec->name.empty());
    CHECK(r.spec->margin == 0.0);
    CHECK(r.spec->compute[0].per_rack == 0);
    CHECK(r.spec->networks[0].radix == 0);
    CHECK(r.spec->storage[0].kind.empty());
    CHECK(r.spec->storage[0].fill_limit == 0.8);
}

TEST_CASE("load: alternative forms (NIC as a map, replicas, via, read)", "[load]") {
    auto text = edit(k_valid, "storage_nic: 2 x 200 Gb/s", "storage_nic: {ports: 4, rate: 100 Gb/s}");
    text = edit(text, "protection: {erasure: 8+2, where: server}", "protection: {replicas: 3, where: primary}");
    text = edit(text, "    direction: write\n", "    direction: read\n    via: fab\n");
    auto r = load(text);
    INFO(dump(r));
    REQUIRE(r.spec.has_value());
    CHECK(r.spec->compute[0].storage_nic.ports == 4);
    CHECK(r.spec->compute[0].storage_nic.rate.value() == 12.5e9);
    CHECK(r.spec->storage[0].protection.replicas == 3);
    CHECK(r.spec->storage[0].protection.is_replication());
    CHECK(r.spec->storage[0].protection.where == ProtectionWhere::primary);
    CHECK(r.spec->bandwidth[0].direction == Direction::read);
    CHECK(r.spec->bandwidth[0].via == "fab");
}

TEST_CASE("load: format_diagnostic prints file:line:col: error: and the note on the next line", "[load]") {
    Diagnostic d{"specs/x.yaml", {12, 5}, "storage[0].servrs: unknown key 'servrs'", "did you mean 'servers'?"};
    CHECK(format_diagnostic(d) == "specs/x.yaml:12:5: error: storage[0].servrs: unknown key 'servrs'\n"
                                  "specs/x.yaml:12:5: note: did you mean 'servers'?");
    Diagnostic no_note{"a.yaml", {1, 1}, "the spec is empty", ""};
    CHECK(format_diagnostic(no_note) == "a.yaml:1:1: error: the spec is empty");
    Diagnostic no_loc{"a.yaml", {}, "cannot open", ""};
    CHECK(format_diagnostic(no_loc) == "a.yaml: error: cannot open");

    Diagnostics ds("f.yaml");
    CHECK(ds.empty());
    ds.error({3, 7}, "boom", "hint");
    REQUIRE(ds.items().size() == 1);
    CHECK(ds.file() == "f.yaml");
    CHECK(ds.items()[0].file == "f.yaml");
    CHECK(format_diagnostic(ds.items()[0]) == "f.yaml:3:7: error: boom\nf.yaml:3:7: note: hint");
}

TEST_CASE("load: nearest() suggests close keys only", "[load]") {
    const std::vector<std::string> keys{"name", "kind", "servers", "server", "protection", "fill_limit"};
    CHECK(nearest("servrs", keys) == "servers");
    CHECK(nearest("Servers", keys) == "servers"); // case-insensitive
    CHECK(nearest("protecton", keys) == "protection");
    CHECK(nearest("fill-limit", keys) == "fill_limit");
    CHECK(nearest("nam", keys) == "name");
    CHECK(nearest("bandwidth", keys).empty());
    CHECK(nearest("", keys).empty());
    CHECK(nearest("servers", {}).empty());
    // Every letter changed is no typo: 'via' is not a misspelt 'id', 'x' not a misspelt 'on'.
    CHECK(nearest("via", {"id", "usable", "on"}).empty());
    CHECK(nearest("x", {"id", "on"}).empty());
    CHECK(nearest("ib", {"id", "on"}) == "id");
}

TEST_CASE("load: an unknown key names the nearest valid key at its exact position", "[load]") {
    SECTION("nested key") {
        auto d = only_error(load(edit(k_valid, "    servers: 10", "    servrs: 10")));
        check_at(d, 31, 5);
        CHECK(d.message == "storage[0].servrs: unknown key 'servrs'");
        CHECK(d.note == "did you mean 'servers'?");
        CHECK(format_diagnostic(d) == "t.yaml:31:5: error: storage[0].servrs: unknown key 'servrs'\n"
                                      "t.yaml:31:5: note: did you mean 'servers'?");
    }
    SECTION("top-level key") {
        auto d = only_error(load(edit(k_valid, "requirements:", "requirments:")));
        check_at(d, 4, 1);
        CHECK(d.message == "requirments: unknown key 'requirments'");
        CHECK(d.note == "did you mean 'requirements'?");
    }
    SECTION("key inside a flow map") {
        auto d = only_error(load(edit(k_valid, "{count: 24,", "{cuont: 24,")));
        check_at(d, 35, 16);
        CHECK(d.message == "storage[0].server.drives.cuont: unknown key 'cuont'");
        CHECK(d.note == "did you mean 'count'?");
    }
    SECTION("nothing close: the note lists the valid keys") {
        auto d = only_error(load(edit(k_valid, "    per_rack: 4", "    colour: blue")));
        check_at(d, 17, 5);
        CHECK(d.message == "compute[0].colour: unknown key 'colour'");
        CHECK(d.note == "valid keys here: 'name', 'count', 'storage_nic', 'per_rack', 'client', 'parts'");
    }
    SECTION("a bandwidth key in a capacity requirement is not 'did you mean id'") {
        auto d = only_error(load(edit(k_valid, "    on: scratch\n", "    on: scratch\n    via: fab\n")));
        check_at(d, 13, 5);
        CHECK(d.message == "requirements[1].via: unknown key 'via'");
        CHECK(d.note == "valid keys here: 'id', 'usable', 'on'");
    }
}

TEST_CASE("load: a duplicate key is an error pointing at both places", "[load]") {
    SECTION("scalar value") {
        auto d = only_error(load(edit(k_valid, "    count: 40\n", "    count: 40\n    count: 41\n")));
        check_at(d, 16, 5);
        CHECK(d.message == "compute[0].count: duplicate key 'count'");
        CHECK(d.note == "first given at line 15");
    }
    SECTION("block value: the first key's line, not its value's") {
        auto d = only_error(load(k_valid + "compute:\n  - name: cpu\n    count: 1\n    storage_nic: 1 x 100 Gb/s\n"));
        check_at(d, 38, 1);
        CHECK(d.message == "compute: duplicate key 'compute'");
        CHECK(d.note == "first given at line 13");
    }
    SECTION("leaf group") {
        auto d = only_error(load(edit(k_valid, "      scratch: {down: 16, up: 16}\n",
                                      "      scratch: {down: 16, up: 16}\n      gpu: {down: 8, up: 8}\n")));
        check_at(d, 27, 7);
        CHECK(d.message == "network[0].leaves: duplicate key 'gpu'");
    }
}

TEST_CASE("load: a missing required key is reported on its map", "[load]") {
    SECTION("nested") {
        auto d = only_error(load(edit(k_valid, "    count: 40\n", "")));
        check_at(d, 14, 5);
        CHECK(d.message == "compute[0]: missing key 'count'");
    }
    SECTION("top level") {
        auto d = only_error(load(edit(k_valid, "archplan: 1\n", "")));
        check_at(d, 1, 1);
        CHECK(d.message == "missing key 'archplan'");
    }
    SECTION("in a flow map") {
        auto d = only_error(load(edit(k_valid, "{read: 90 GB/s, write: 60 GB/s}", "{read: 90 GB/s}")));
        check_at(d, 34, 14);
        CHECK(d.message == "storage[0].server.limit: missing key 'write'");
    }
    SECTION("a misspelt required key is one error, not also 'missing'") {
        auto r = load(edit(k_valid, "    storage_nic: 2 x 200 Gb/s", "    storage_nc: 2 x 200 Gb/s"));
        auto d = only_error(r);
        check_at(d, 16, 5);
        CHECK(d.note == "did you mean 'storage_nic'?");
    }
}

TEST_CASE("load: a value of the wrong type names what was expected", "[load]") {
    SECTION("a list where a map is expected") {
        auto d = only_error(load(edit(k_valid, "spine: {ports: 32}", "spine: [32]")));
        check_at(d, 27, 12);
        CHECK(d.message == "network[0].spine: expected a map with keys 'ports', 'count', got a list");
    }
    SECTION("a map where a list is expected") {
        auto d = only_error(load(edit(k_valid, "compute:\n  - name: gpu", "compute:\n    name: gpu")));
        check_at(d, 14, 5);
        CHECK(d.message == "compute: expected a list, got a map");
    }
    SECTION("a list where a number is expected") {
        auto d = only_error(load(edit(k_valid, "    servers: 10", "    servers: [10]")));
        check_at(d, 31, 14);
        CHECK(d.message == "storage[0].servers: expected a whole number, got a list");
    }
    SECTION("nothing where a value is expected") {
        // yaml-cpp marks an absent value at the next token (line 21); the error points at the key.
        auto d = only_error(load(edit(k_valid, "    link: 400 Gb/s", "    link:")));
        check_at(d, 20, 5);
        CHECK(d.message == "network[0].link: expected a rate, got nothing");
    }
    SECTION("a non-whole number") {
        auto d = only_error(load(edit(k_valid, "    count: 40", "    count: 40.5")));
        check_at(d, 15, 12);
        CHECK(d.message == "compute[0].count: expected a whole number, got '40.5'");
    }
    SECTION("a number too large for any integer") {
        auto d = only_error(load(edit(k_valid, "    count: 40", "    count: 99999999999999999999999")));
        check_at(d, 15, 12);
        CHECK(d.message == "compute[0].count: expected a whole number, got '99999999999999999999999'");
    }
    SECTION("an empty requirements list") {
        auto text =
            edit(k_valid, k_valid.substr(k_valid.find("requirements:"), k_valid.find("compute:") - k_valid.find("requirements:")),
                 "requirements: []\n");
        auto d = only_error(load(text));
        check_at(d, 4, 15);
        CHECK(d.message == "requirements: expected a non-empty list, got an empty list");
    }
    SECTION("an empty leaves map") {
        auto d = only_error(load(
            edit(k_valid, "    leaves:\n      gpu: {down: 16, up: 8}\n      scratch: {down: 16, up: 16}\n", "    leaves: {}\n")));
        check_at(d, 24, 13);
        CHECK(contains(d.message, "network[0].leaves: expected a map from attached group to leaf shape"));
        CHECK(contains(d.message, "got an empty map"));
    }
}

TEST_CASE("load: a bare number for a rate asks for a unit", "[load]") {
    auto d = only_error(load(edit(k_valid, "bandwidth: 100 GB/s", "bandwidth: 10")));
    check_at(d, 6, 16);
    CHECK(contains(d.message, "requirements[0].bandwidth: "));
    CHECK(contains(d.message, "needs a unit"));
    CHECK(contains(d.message, "'10 TB/s'"));
}

TEST_CASE("load: a size where a rate is expected says so", "[load]") {
    auto d = only_error(load(edit(k_valid, "bandwidth: 100 GB/s", "bandwidth: 10 TB")));
    check_at(d, 6, 16);
    CHECK(d.message == "requirements[0].bandwidth: expected a rate, got a size; write e.g. '10 TB/s'");
    SECTION("and a rate where a size is expected") {
        auto d2 = only_error(load(edit(k_valid, "usable: 1 PB", "usable: 1 PB/s")));
        check_at(d2, 11, 13);
        CHECK(d2.message == "requirements[1].usable: expected a size, got a rate");
    }
}

TEST_CASE("load: figures outside a physical range are errors, not inf, 0 or NaN downstream (issue 10)", "[load][range]") {
    auto reject = [&](const std::string& from, const std::string& to, const std::string& expected) {
        auto r = load(edit(k_valid, from, to));
        INFO(dump(r));
        CHECK_FALSE(r.spec);
        CHECK(contains(dump(r), expected));
    };
    reject("bandwidth: 100 GB/s", "bandwidth: 1e200 B/s", "expected a rate from 1 B/s to 1 EB/s (10^18 B/s), got '1e200 B/s'");
    reject("bandwidth: 100 GB/s", "bandwidth: 1e-300 B/s", "got '1e-300 B/s'");
    reject("bandwidth: 100 GB/s", "bandwidth: 1e22 B/s", "got '1e22 B/s'");
    reject("capacity: 30.72 TB", "capacity: 1e30 B", "expected a size from 1 B to 1 ZB (10^21 B), got '1e30 B'");
    reject("usable: 1 PB", "usable: 1e300 B", "expected a size from 1 B to 1 ZB");
    // At the edges: 1 EB/s and 1 B/s load.
    CHECK(load(edit(k_valid, "bandwidth: 100 GB/s", "bandwidth: 1 EB/s")).spec);
    CHECK(load(edit(k_valid, "bandwidth: 100 GB/s", "bandwidth: 1 B/s")).spec);
}

TEST_CASE("load: lists beyond the documented limits are an error, not minutes of analysis (issue 10)", "[load][limits]") {
    // k_valid has 2 requirements; add limits::requirements - 1 more (one over), then one fewer (at the limit).
    auto with = [&](std::size_t extra) {
        std::string more;
        for (std::size_t i = 0; i < extra; ++i) more += fmt::format("  - {{id: x{}, usable: 1 TB, on: scratch}}\n", i);
        return load(edit(k_valid, "requirements:\n", "requirements:\n" + more));
    };
    auto over = with(archplan::spec::limits::requirements - 1);
    REQUIRE_FALSE(over.spec);
    CHECK(contains(dump(over), "requirements: at most 1000 items, got 1001; archplan's limits are in docs/spec.md (Limits)"));
    CHECK(with(archplan::spec::limits::requirements - 2).spec);
    std::string scenarios = "scenarios:\n";
    for (std::size_t i = 0; i <= archplan::spec::limits::scenarios; ++i)
        scenarios += fmt::format("  - {{id: s{}, servers_down: {{scratch: 1}}}}\n", i);
    CHECK(contains(dump(load(k_valid + scenarios)), "scenarios: at most 256 items, got 257"));
}

TEST_CASE("load: a bare number above 1 for a share is an error, not a thousand per cent (issue 10)", "[load]") {
    // 'margin: 10' parsed as a fraction is 1000%; the writer meant 10% (or 0.10).
    auto r = load(edit(k_valid, "margin: 10%", "margin: 10"));
    REQUIRE_FALSE(r.spec);
    CHECK(dump(r).find("margin: a bare number is a fraction, so '10' would be 1,000%; write '10%' or 0.100") !=
          std::string::npos);
    // Written with its sign it is what it says: 150% is a legal margin, 1.5 is not, 0.5 is 50%.
    auto big = load(edit(k_valid, "margin: 10%", "margin: 150%"));
    REQUIRE(big.spec);
    CHECK(big.spec->margin == Approx(1.5));
    CHECK_FALSE(load(edit(k_valid, "margin: 10%", "margin: 1.5")).spec);
    auto half = load(edit(k_valid, "margin: 10%", "margin: 0.5"));
    REQUIRE(half.spec);
    CHECK(half.spec->margin == Approx(0.5));
}

TEST_CASE("load: negative and zero values are rejected where they make no sense", "[load]") {
    struct Case {
        const char* from;
        const char* to;
        int line, column;
        const char* message;
    };
    const std::vector<Case> cases{
        {"bandwidth: 100 GB/s", "bandwidth: -10 TB/s", 6, 16,
         "requirements[0].bandwidth: negative value '-10 TB/s' is not allowed"},
        {"bandwidth: 100 GB/s", "bandwidth: 0 TB/s", 6, 16, "requirements[0].bandwidth: must be greater than zero, got '0 TB/s'"},
        {"usable: 1 PB", "usable: 0 PB", 11, 13, "requirements[1].usable: must be greater than zero, got '0 PB'"},
        {"    count: 40", "    count: 0", 15, 12, "compute[0].count: expected a whole number from 1 to 1000000, got 0"},
        {"    count: 40", "    count: -3", 15, 12, "compute[0].count: expected a whole number from 1 to 1000000, got -3"},
        {"    servers: 10", "    servers: -5", 31, 14, "storage[0].servers: expected a whole number from 1 to 100000, got -5"},
        {"storage_nic: 2 x 200 Gb/s", "storage_nic: 0 x 200 Gb/s", 16, 18,
         "compute[0].storage_nic: expected a port count from 1 to 64 before ' x ', got '0'"},
        {"storage_nic: 2 x 200 Gb/s", "storage_nic: 2 x 0 Gb/s", 16, 18,
         "compute[0].storage_nic: the port rate must be greater than zero"},
        {"capacity: 30.72 TB", "capacity: 0 TB", 35, 37,
         "storage[0].server.drives.capacity: must be greater than zero, got '0 TB'"},
        {"efficiency: 95%", "efficiency: 0", 21, 17,
         "network[0].efficiency: expected a ratio above 0% and at most 100% (e.g. '95%' or 0.95), got '0'"},
        {"efficiency: 95%", "efficiency: 95", 21, 17,
         "network[0].efficiency: a bare number is a fraction, so '95' would be 9,500%; write '95%' or 0.950"},
        {"fill_limit: 80%", "fill_limit: -80%", 37, 17, "storage[0].fill_limit: negative value '-80%' is not allowed"},
        {"gpu: {down: 16, up: 8}", "gpu: {down: 0, up: 8}", 25, 19,
         "network[0].leaves.gpu.down: expected a whole number from 1 to 4096, got 0"},
        {"spine: {ports: 32}", "spine: {ports: 0}", 27, 20,
         "network[0].spine.ports: expected a whole number from 1 to 4096, got 0"},
    };
    for (const auto& c : cases) {
        INFO(c.from << " -> " << c.to);
        auto d = only_error(load(edit(k_valid, c.from, c.to)));
        check_at(d, c.line, c.column);
        CHECK(d.message == c.message);
    }
}

TEST_CASE("load: an unknown reference points at the value and suggests the nearest name", "[load]") {
    SECTION("to: a storage system") {
        auto d = only_error(load(edit(k_valid, "    to: scratch", "    to: scrach")));
        check_at(d, 9, 9);
        CHECK(d.message == "requirements[0].to: storage system 'scrach' is not defined");
        CHECK(d.note == "did you mean 'scratch'?");
    }
    SECTION("from: a compute group") {
        auto d = only_error(load(edit(k_valid, "    from: gpu", "    from: gpus")));
        check_at(d, 8, 11);
        CHECK(d.message == "requirements[0].from: compute group 'gpus' is not defined");
        CHECK(d.note == "did you mean 'gpu'?");
    }
    SECTION("from: names a storage system, nothing close") {
        auto d = only_error(load(edit(k_valid, "    from: gpu", "    from: scratch")));
        check_at(d, 8, 11);
        CHECK(d.message == "requirements[0].from: compute group 'scratch' is not defined");
        CHECK(d.note == "defined: 'gpu'");
    }
    SECTION("via: a network") {
        auto d = only_error(load(edit(k_valid, "    to: scratch\n", "    to: scratch\n    via: fabb\n")));
        check_at(d, 10, 10);
        CHECK(d.message == "requirements[0].via: network 'fabb' is not defined");
        CHECK(d.note == "did you mean 'fab'?");
    }
    SECTION("on: a storage system") {
        auto d = only_error(load(edit(k_valid, "    on: scratch", "    on: scratc")));
        check_at(d, 12, 9);
        CHECK(d.message == "requirements[1].on: storage system 'scratc' is not defined");
        CHECK(d.note == "did you mean 'scratch'?");
    }
    SECTION("a leaf group") {
        auto d = only_error(load(edit(k_valid, "      gpu: {down: 16, up: 8}", "      gpus: {down: 16, up: 8}")));
        check_at(d, 25, 7);
        CHECK(d.message == "network 'fab': leaves of 'gpus' is not defined");
        CHECK(d.note == "did you mean 'gpu'?");
    }
    SECTION("a name used by a compute group and a storage system") {
        auto d = only_error(load(edit(k_valid, "    per_rack: 4\n",
                                      "    per_rack: 4\n  - name: scratch\n    count: 1\n    storage_nic: 1 x 100 Gb/s\n")));
        check_at(d, 32, 5);
        CHECK(d.message == "storage system name 'scratch' is already used (line 18); compute groups, storage "
                           "systems and router groups share one namespace");
    }
    SECTION("a requirement id used twice") {
        auto d = only_error(load(edit(k_valid, "  - id: space", "  - id: ckpt")));
        check_at(d, 10, 9);
        CHECK(d.message == "requirement id 'ckpt' is used twice");
    }
}

TEST_CASE("load: a malformed erasure code is rejected", "[load]") {
    for (const std::string bad : {"8+2x", "8 + 2", "8+", "+8+2", "8-2", "0+2", "65+1", "8+17", "82", "99999999999+2"}) {
        INFO("erasure: " << bad);
        auto d = only_error(load(edit(k_valid, "erasure: 8+2,", "erasure: " + bad + ",")));
        check_at(d, 36, 27);
        CHECK(d.message == "storage[0].protection.erasure: expected k+m with 1 <= k <= 64 data and 0 <= m <= 16 parity "
                           "chunks, e.g. 8+2, got '" +
                               bad + "'");
    }
    SECTION("the limits themselves are accepted") {
        auto r = load(edit(k_valid, "erasure: 8+2,", "erasure: 64+16,"));
        INFO(dump(r));
        REQUIRE(r.spec.has_value());
        CHECK(r.spec->storage[0].protection.k == 64);
        CHECK(r.spec->storage[0].protection.m == 16);
    }
    SECTION("both erasure and replicas") {
        auto d = only_error(load(edit(k_valid, "{erasure: 8+2, where: server}", "{erasure: 8+2, replicas: 3, where: server}")));
        check_at(d, 36, 17);
        CHECK(d.message == "storage[0].protection: give exactly one of 'erasure: k+m' or 'replicas: r'");
    }
    SECTION("protection that is not a map is one error") {
        auto d = only_error(load(edit(k_valid, "{erasure: 8+2, where: server}", "8+2")));
        check_at(d, 36, 17);
        CHECK(d.message == "storage[0].protection: expected a map with keys 'erasure', 'replicas', 'where', got a scalar");
    }
}

TEST_CASE("load: a misspelt enumerated value suggests the valid one", "[load]") {
    SECTION("where: servr") {
        auto d = only_error(load(edit(k_valid, "where: server}", "where: servr}")));
        check_at(d, 36, 39);
        CHECK(d.message ==
              "storage[0].protection.where: expected 'server', 'client' or 'primary', got 'servr'; did you mean 'server'?");
    }
    SECTION("where: nothing close") {
        auto d = only_error(load(edit(k_valid, "where: server}", "where: everywhere}")));
        CHECK(d.message == "storage[0].protection.where: expected 'server', 'client' or 'primary', got 'everywhere'");
    }
    SECTION("direction: Writ") {
        auto d = only_error(load(edit(k_valid, "direction: write", "direction: Writ")));
        check_at(d, 7, 16);
        CHECK(d.message == "requirements[0].direction: expected 'read' or 'write', got 'Writ'; did you mean 'write'?");
    }
    SECTION("kind: paralel-fs") {
        auto d = only_error(load(edit(k_valid, "kind: parallel-fs", "kind: paralel-fs")));
        check_at(d, 30, 11);
        CHECK(contains(d.message, "unknown kind 'paralel-fs'"));
        CHECK(contains(d.message, "did you mean 'parallel-fs'?"));
    }
    // The four enumerations share Loader::one_of; these pin the texts the sections above do not.
    SECTION("kind: the whole message") {
        auto d = only_error(load(edit(k_valid, "kind: parallel-fs", "kind: paralel-fs")));
        CHECK(d.message == "storage[0].kind: unknown kind 'paralel-fs' (valid: 'parallel-fs', 'object', 'nfs', 'block'); did you "
                           "mean 'parallel-fs'?");
    }
    SECTION("mode: declustred") {
        auto d = only_error(load(edit(k_valid, "kind: parallel-fs", "kind: parallel-fs\n    rebuild: {mode: declustred}")));
        CHECK(d.message ==
              "storage[0].rebuild.mode: expected 'spare' or 'declustered', got 'declustred'; did you mean 'declustered'?");
    }
    SECTION("an enumerated value that is not a scalar") {
        auto d = only_error(load(edit(k_valid, "direction: write", "direction: [write]")));
        CHECK(d.message == "requirements[0].direction: expected read or write, got a list");
        d = only_error(load(edit(k_valid, "kind: parallel-fs", "kind: [parallel-fs]")));
        CHECK(d.message == "storage[0].kind: expected a kind, got a list");
    }
}

TEST_CASE("load: tiers: 4 is one error, without misleading follow-ups", "[load]") {
    SECTION("with a spine") {
        auto d = only_error(load(edit(k_valid, "tiers: 2", "tiers: 4")));
        check_at(d, 22, 12);
        CHECK(d.message == "network[0].tiers: expected a whole number from 1 to 3, got 4");
    }
    SECTION("with aggregation and core: no 'this one has tiers: 2'") {
        auto text = edit(k_valid, "tiers: 2", "tiers: 4");
        text = edit(text, "    spine: {ports: 32}\n", "    aggregation: {down: 16, up: 16}\n    core: {ports: 32}\n");
        auto d = only_error(load(text));
        check_at(d, 22, 12);
    }
}

TEST_CASE("load: keys of the other fabric shape are rejected", "[load]") {
    SECTION("a 2-tier network given 'aggregation'") {
        auto d = only_error(
            load(edit(k_valid, "    spine: {ports: 32}\n", "    spine: {ports: 32}\n    aggregation: {down: 16, up: 16}\n")));
        check_at(d, 28, 18);
        CHECK(d.message == "network[0].aggregation: 'aggregation' belongs to a 3-tier fabric; this one has tiers: 2");
    }
    SECTION("a 3-tier network given 'spine' and no aggregation or core") {
        auto r = load(edit(k_valid, "tiers: 2", "tiers: 3"));
        INFO(dump(r));
        REQUIRE_FALSE(r.spec.has_value());
        const auto& items = r.diagnostics.items();
        REQUIRE(items.size() == 3);
        CHECK(items[0].message == "network[0].spine: 'spine' belongs to a 2-tier fabric; this one has tiers: 3");
        check_at(items[0], 27, 12);
        CHECK(items[1].message == "network[0]: a 3-tier fabric needs 'aggregation'");
        check_at(items[1], 19, 5);
        CHECK(items[2].message == "network[0]: a 3-tier fabric needs 'core'");
        check_at(items[2], 19, 5);
    }
    SECTION("a 2-tier network without a spine") {
        auto d = only_error(load(edit(k_valid, "    spine: {ports: 32}\n", "")));
        check_at(d, 19, 5);
        CHECK(d.message == "network[0]: a 2-tier fabric needs 'spine'");
    }
}

TEST_CASE("load: several errors in one file are all reported, in order", "[load]") {
    auto text = edit(k_valid, "bandwidth: 100 GB/s", "bandwidth: 10"); // line 6
    text = edit(text, "    per_rack: 4", "    per_rak: 4");            // line 17
    text = edit(text, "tiers: 2", "tiers: 4");                         // line 22
    text = edit(text, "    servers: 10", "    servrs: 10");            // line 31
    text = edit(text, "where: server}", "where: servr}");              // line 36
    auto r = load(text);
    INFO(dump(r));
    REQUIRE_FALSE(r.spec.has_value());
    const auto& items = r.diagnostics.items();
    REQUIRE(items.size() == 5);
    const std::vector<int> lines{6, 17, 22, 31, 36};
    for (std::size_t i = 0; i < items.size(); ++i) CHECK(items[i].loc.line == lines[i]);
    CHECK(items[1].note == "did you mean 'per_rack'?");
    CHECK(items[3].note == "did you mean 'servers'?");
}

TEST_CASE("load: an empty file is an error at 1:1", "[load]") {
    for (const std::string text : {"", "\n\n\n", "   \n\t\n", "---\n", "---\n...\n"}) {
        INFO("text: '" << text << "'");
        auto d = only_error(load(text));
        check_at(d, 1, 1);
        CHECK(contains(d.message, "the spec is empty"));
        CHECK(contains(d.message, "'archplan: 1'"));
    }
}

TEST_CASE("load: a file of only comments is empty", "[load]") {
    auto d = only_error(load("# archplan spec\n# TODO: fill in\n   # indented comment\n"));
    check_at(d, 1, 1);
    CHECK(contains(d.message, "the spec is empty"));
}

TEST_CASE("load: a null document is not called empty", "[load]") {
    auto d = only_error(load("# spec\n~\n"));
    check_at(d, 2, 1);
    CHECK(contains(d.message, "got nothing (a null)"));
}

TEST_CASE("load: binary junk with NUL bytes is refused at the first NUL", "[load]") {
    SECTION("a zip header") {
        auto d = only_error(load(std::string("PK\x03\x04\x14\0\0\0\x08\0", 10)));
        check_at(d, 1, 6);
        CHECK(d.message == "this is not a YAML text file (it contains NUL bytes)");
    }
    SECTION("a NUL after some valid lines") {
        auto d = only_error(load(std::string("archplan: 1\nname: x\nab\0cd", 24)));
        check_at(d, 3, 3);
        CHECK(d.message == "this is not a YAML text file (it contains NUL bytes)");
    }
    SECTION("a single NUL") {
        auto d = only_error(load(std::string(1, '\0')));
        check_at(d, 1, 1);
    }
}

TEST_CASE("load: random non-YAML bytes give located errors, never a spec", "[load]") {
    SECTION("fixed junk") {
        // 0x89 'PNG' ... without NULs; a shell script; a JSON fragment gone wrong; stray ',' (yaml-cpp 0.7
        // ends a document at it without complaint, and LoadAll would loop on it forever).
        for (const std::string text : {"\x89PNG\r\n\x1a\n\xff\xd8\xff\xe0", "#!/bin/sh\necho hi | grep -v } ]\n",
                                       "{\"archplan\": 1,, ]", ", a\n", "}\n", "]]]]", "- - - : : :\n  ? ? ?", "&a *a",
                                       "*undefined_anchor\n", "!!python/object:os.system ls\n", "%YAML 9.9\n--- x\n"}) {
            INFO("text: '" << text << "'");
            auto r = load(text);
            INFO(dump(r));
            CHECK_FALSE(r.spec.has_value());
            REQUIRE_FALSE(r.diagnostics.empty());
            for (const auto& d : r.diagnostics.items()) {
                CHECK(d.loc.line >= 1);
                CHECK(d.loc.column >= 1);
                CHECK_FALSE(d.message.empty());
                CHECK(format_diagnostic(d).rfind("t.yaml:", 0) == 0);
            }
        }
    }
    SECTION("a stray ',' is reported where it is") {
        auto d = only_error(load("# c\n\n  , a: 1\nb: 2\n"));
        check_at(d, 3, 3);
        CHECK(d.message == "invalid YAML: unexpected ',' before any key or value");
    }
    SECTION("pseudo-random bytes") {
        std::uint32_t state = 12345;
        auto next = [&state] {
            state = state * 1664525u + 1013904223u;
            return static_cast<unsigned char>(state >> 24);
        };
        for (int round = 0; round < 200; ++round) {
            std::string text;
            for (int i = 0; i < 64 + round * 4; ++i) {
                auto c = next();
                text.push_back(static_cast<char>(c == 0 ? 'x' : c));
            }
            auto r = load(text);
            INFO("round " << round << "\n" << dump(r));
            CHECK_FALSE(r.spec.has_value());
            REQUIRE_FALSE(r.diagnostics.empty());
            CHECK(r.diagnostics.items().front().loc.line >= 1);
        }
    }
}

TEST_CASE("load: invalid YAML syntax is reported with line and column", "[load]") {
    SECTION("an unclosed bracket") {
        auto d = only_error(load("archplan: 1\ncompute: [a, b\nnetwork: 3\n"));
        check_at(d, 3, 8);
        CHECK(d.message == "invalid YAML: end of sequence flow not found");
    }
    SECTION("an unclosed brace at the end of the file") {
        auto d = only_error(load("archplan: 1\ncompute: [\n  {name: gpu\n"));
        check_at(d, 4, 1);
        CHECK(d.message == "invalid YAML: end of map flow not found");
    }
    SECTION("a tab in the indentation") {
        auto d = only_error(load("archplan: 1\n\tname: x\n"));
        check_at(d, 2, 1);
        CHECK(d.message == "invalid YAML: illegal tab when looking for indentation");
    }
    SECTION("an unclosed quote in the middle is not swallowed into a string") {
        // yaml-cpp 0.7 on its own accepts this: name = "abc compute: 3 ".
        auto d = only_error(load("archplan: 1\nname: \"abc\ncompute: 3\n"));
        check_at(d, 4, 1);
        CHECK(d.message == "invalid YAML: the file ends inside a quoted string");
        CHECK(d.note == "is a closing quote (\" or ') missing?");
    }
    SECTION("an unclosed quote on the last line") {
        auto d = only_error(load("archplan: 1\nname: 'abc"));
        check_at(d, 2, 11);
        CHECK(d.message == "invalid YAML: the file ends inside a quoted string");
    }
    SECTION("a bad indentation") {
        auto d = only_error(load("archplan: 1\nname: |\n  x\n b: 2\n"));
        check_at(d, 4, 2);
        CHECK(d.message == "invalid YAML: end of map not found");
    }
}

TEST_CASE("load: 100,000 nested opening brackets give an error, not a crash", "[load]") {
    auto t0 = std::chrono::steady_clock::now();
    SECTION("unclosed") {
        auto d = only_error(load(std::string(100000, '[')));
        check_at(d, 1, 100001); // yaml-cpp reports where it stopped reading: the end of the text
        CHECK(contains(d.message, "invalid YAML: lists and maps nest too deeply"));
    }
    SECTION("balanced, under a key") {
        auto d = only_error(load("compute: " + std::string(100000, '[') + std::string(100000, ']') + "\n"));
        CHECK(d.loc.line >= 1);
        CHECK(contains(d.message, "invalid YAML: lists and maps nest too deeply"));
    }
    SECTION("nested flow maps") {
        std::string text;
        for (int i = 0; i < 20000; ++i) text += "{a: ";
        auto d = only_error(load(text));
        CHECK(contains(d.message, "nest too deeply"));
    }
    SECTION("nested block maps") {
        std::string text;
        for (int i = 0; i < 1000; ++i) text += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
        auto d = only_error(load(text));
        CHECK(contains(d.message, "nest too deeply"));
    }
    SECTION("a moderate depth is parsed, then rejected by the schema") {
        auto d = only_error(load(edit(k_valid, "archplan: 1", "archplan: " + std::string(50, '[') + std::string(50, ']'))));
        check_at(d, 1, 11);
        CHECK(d.message == "archplan: expected the schema version, 1, got a list");
    }
    CHECK(seconds_since(t0) < 5.0);
}

TEST_CASE("load: an alias bomb is rejected quickly, without expanding it", "[load]") {
    auto t0 = std::chrono::steady_clock::now();
    SECTION("as the compute list") {
        auto r = load(alias_bomb("compute: *i"));
        INFO(dump(r).substr(0, 2000));
        REQUIRE_FALSE(r.spec.has_value());
        // 9 unknown keys a..i, 3 missing top-level keys (archplan, network, storage; 'requirements' is
        // not required once 'workloads' may stand in, and is not asked for while other errors stand),
        // and the 9 items of *i that are lists, not maps.
        REQUIRE(r.diagnostics.items().size() == 21);
        CHECK(r.diagnostics.items()[0].message == "a: unknown key 'a'");
        check_at(r.diagnostics.items()[0], 1, 1);
        CHECK(r.diagnostics.items()[20].message ==
              "compute[8]: expected a map with keys 'name', 'count', 'storage_nic', 'per_rack', 'client', 'parts', got a list");
    }
    SECTION("inside an otherwise valid spec, used where the loader looks inside") {
        // The anchors live in a flow list under 'margin'; the bomb is then used as a leaf shape.
        auto spec = edit(k_valid, "gpu: {down: 16, up: 8}", "gpu: *i");
        auto r = load(edit(spec, "margin: 10%",
                           "margin: [&a [x,x,x,x,x,x,x,x,x], &b [*a,*a,*a,*a,*a,*a,*a,*a,*a], "
                           "&c [*b,*b,*b,*b,*b,*b,*b,*b,*b], &d [*c,*c,*c,*c,*c,*c,*c,*c,*c], "
                           "&e [*d,*d,*d,*d,*d,*d,*d,*d,*d], &f [*e,*e,*e,*e,*e,*e,*e,*e,*e], "
                           "&g [*f,*f,*f,*f,*f,*f,*f,*f,*f], &h [*g,*g,*g,*g,*g,*g,*g,*g,*g], "
                           "&i [*h,*h,*h,*h,*h,*h,*h,*h,*h]]"));
        INFO(dump(r));
        REQUIRE_FALSE(r.spec.has_value());
        const auto& items = r.diagnostics.items();
        REQUIRE(items.size() == 2);
        CHECK(items[0].message == "margin: expected a ratio, got a list");
        check_at(items[0], 3, 9);
        CHECK(items[1].message ==
              "network[0].leaves.gpu: expected a map with keys 'down', 'mixed', 'up', 'breakout', 'homing', got a list");
        check_at(items[1], 25, 7); // at 'gpu: *i', not where &i was defined (line 3)
    }
    SECTION("a self-referencing alias") {
        // yaml-cpp registers the anchor before the list's items, so *r is the list itself: a cycle.
        auto r = load("archplan: 1\nrequirements: &r [*r]\ncompute: []\nnetwork: []\nstorage: []\n");
        INFO(dump(r));
        REQUIRE(r.diagnostics.items().size() == 1);
        CHECK(r.diagnostics.items()[0].message == "requirements[0]: expected a map, got a list");
    }
    CHECK(seconds_since(t0) < 2.0);
}

TEST_CASE("load: a scalar root is not a spec", "[load]") {
    auto d = only_error(load("42\n"));
    check_at(d, 1, 1);
    CHECK(d.message.rfind("expected a map with keys 'archplan', 'name', 'margin', 'requirements', 'workloads', 'concurrent', "
                          "'scenarios', 'default_scenarios', 'compute', 'network', 'storage'",
                          0) == 0);
    CHECK(contains(d.message, ", got a scalar"));
}

TEST_CASE("load: a list root is not a spec", "[load]") {
    auto d = only_error(load("- archplan: 1\n- compute: []\n"));
    check_at(d, 1, 1);
    CHECK(d.message.rfind("expected a map with keys 'archplan', 'name', 'margin', 'requirements', 'workloads', 'concurrent', "
                          "'scenarios', 'default_scenarios', 'compute', 'network', 'storage'",
                          0) == 0);
    CHECK(contains(d.message, ", got a list"));
}

TEST_CASE("load: an unsupported schema version is named as such", "[load]") {
    SECTION("archplan: 2") {
        auto d = only_error(load(edit(k_valid, "archplan: 1", "archplan: 2")));
        check_at(d, 1, 11);
        CHECK(d.message == "archplan: unsupported schema version '2'; this archplan reads 'archplan: 1'");
    }
    SECTION("archplan: 1.1") {
        auto d = only_error(load(edit(k_valid, "archplan: 1", "archplan: 1.1")));
        CHECK(d.message == "archplan: unsupported schema version '1.1'; this archplan reads 'archplan: 1'");
    }
}

TEST_CASE("load: a second YAML document is an error, not silently ignored", "[load]") {
    auto d = only_error(load(k_valid + "---\narchplan: 1\nname: other\n"));
    check_at(d, 39, 1);
    CHECK(d.message == "another YAML document starts here; a spec file holds one document");
    SECTION("content after an empty second document is found too") {
        auto d2 = only_error(load(k_valid + "---\n---\nfoo: 1\n"));
        check_at(d2, 40, 1);
    }
    SECTION("a trailing empty document is harmless") {
        auto r = load(k_valid + "---\n# nothing here\n");
        INFO(dump(r));
        CHECK(r.spec.has_value());
    }
}

TEST_CASE("load: names must be plain words", "[load]") {
    auto d = only_error(load(edit(k_valid, "  - name: fab", "  - name: storage fabric")));
    check_at(d, 19, 11);
    CHECK(d.message == "network[0].name: 'storage fabric' is not a valid name (use letters, digits, '-' and '_')");
}

TEST_CASE("load: 'on' in a bandwidth requirement points at the capacity form", "[load]") {
    auto d = only_error(load(edit(k_valid, "    to: scratch\n", "    to: scratch\n    on: scratch\n")));
    check_at(d, 10, 9);
    CHECK(d.message == "requirements[0].on: 'on' belongs to a capacity requirement ('usable: 50 PB, on: scratch')");
}

namespace {
// k_valid with a workloads section appended at the end (line 39 on).
std::string with_workloads(const std::string& workloads) { return k_valid + workloads; }
} // namespace

TEST_CASE("load: workloads, metadata, concurrent groups and auto counts load with exact values", "[load][workload]") {
    auto text = edit(k_valid, "    fill_limit: 80%\n",
                     "    fill_limit: 80%\n    metadata: {servers: 4, creates: 20k/s, opens: 100k/s}\n");
    text = edit(text, "    servers: 10\n", "    servers: auto\n");
    text += R"(workloads:
  - id: llm
    checkpoint:
      from: gpu
      to: scratch
      parameters: 405e9
      ranks_per_node: 8
      failures: {interruptions: 419, over: 54 d, nodes: 2048}
      restart: 5 min
      goodput: 95%
      local: {rate: 25 GB/s, capacity: 512 GB}
  - id: img
    data_loading:
      from: gpu
      to: scratch
      accelerators_per_node: 8
      tokens: 4000/s
      bytes_per_token: 4
concurrent:
  - {id: both, requirements: [ckpt, img.read]}
)";
    auto r = load(text);
    INFO(dump(r));
    REQUIRE(r.spec);
    const auto& s = *r.spec;
    CHECK(s.storage[0].metadata.servers == 4);
    CHECK(s.storage[0].metadata.creates_per_second == 20000.0);
    CHECK(s.storage[0].metadata.opens_per_second == 100000.0);
    REQUIRE(s.autos.size() == 1);
    CHECK(s.autos[0].knob == "storage.scratch.servers");
    REQUIRE(s.workloads.size() == 2);
    const auto& c = s.workloads[0].checkpoint;
    CHECK(c.parameters == 405e9);
    CHECK(c.bytes_per_parameter == 14.0); // the documented default
    CHECK(c.ranks_per_node == 8);
    CHECK(c.failures.interruptions == 419.0);
    CHECK(c.failures.period.value() == 54 * 86400.0);
    CHECK(c.failures.observed_nodes == 2048);
    CHECK(c.restart.value() == 300.0);
    CHECK(*c.goodput == 0.95);
    CHECK(c.local->rate.value() == 25e9);
    CHECK(s.workloads[1].data.tokens_per_second == 4000.0);
    CHECK(s.workloads[1].data.bytes_per_token == 4.0);
    REQUIRE(s.concurrent.size() == 1);
    CHECK(s.concurrent[0].requirements == std::vector<std::string>{"ckpt", "img.read"});
}

TEST_CASE("load: a concurrent group that lists a requirement twice is an error, not double the load (issue 10)",
          "[load][workload]") {
    auto r = load(k_valid + "concurrent:\n  - {id: both, requirements: [ckpt, ckpt]}\n");
    REQUIRE_FALSE(r.spec);
    CHECK(contains(dump(r), "concurrent[0].requirements[1]: 'ckpt' is listed twice; a concurrent group names each "
                            "requirement once"));
}

TEST_CASE("load: bad workloads are rejected with the reason", "[load][workload]") {
    auto reject = [&](const std::string& workloads, const std::string& expected) {
        auto r = load(with_workloads(workloads));
        INFO(dump(r));
        CHECK_FALSE(r.spec);
        CHECK(contains(dump(r), expected));
    };
    const std::string head = "workloads:\n  - id: w\n    checkpoint:\n      from: gpu\n      to: scratch\n      restart: 5 min\n";
    reject(head + "      size: 1 TB\n      parameters: 1e9\n      failures: {job_mtbf: 3 h}\n",
           "give exactly one of 'size: 5.67 TB' or 'parameters");
    reject(head + "      size: 1 TB\n      failures: {job_mtbf: 3 h, node_mtbf: 1000 h}\n", "give exactly one of 'node_mtbf");
    reject(head + "      size: 1 TB\n      failures: {interruptions: 419}\n", "'interruptions' needs 'over'");
    reject(head + "      size: 1 TB\n      failures: {job_mtbf: 3 h}\n      goodput: 100%\n", "needs failure-free hardware");
    reject(head + "      size: 1 TB\n      failures: {job_mtbf: 3}\n", "a duration needs a unit");
    reject(head + "      size: 1 TB\n      failures: {job_mtbf: 3 h}\n      goodptu: 95%\n", "did you mean 'goodput'?");
    reject("workloads:\n  - id: d\n    data_loading:\n      from: gpu\n      to: scratch\n      per_accelerator: 1 GB/s\n"
           "      samples: 100/s\n",
           "exactly one of 'per_accelerator");
    reject("workloads:\n  - id: d\n    data_loading:\n      from: gpu\n      to: scratch\n      samples: 100/s\n",
           "'samples' needs 'sample_size'");
    reject("workloads:\n  - id: d\n    data_loading:\n      from: gpu\n      to: scrach\n      per_accelerator: 1 GB/s\n",
           "did you mean 'scratch'?");
    reject("workloads:\n  - id: d\n    data_loading:\n      from: gpu\n      to: scratch\n      per_accelerator: 1 GB/s\n"
           "concurrent:\n  - {id: both, requirements: [ckpt, d.reed]}\n",
           "did you mean 'd.read'?");
}

TEST_CASE("load: auto is accepted only for the counts archplan can size", "[load][auto]") {
    auto ok = load(edit(k_valid, "      gpu: {down: 16, up: 8}", "      gpu: {down: 16, up: auto}"));
    INFO(dump(ok));
    REQUIRE(ok.spec);
    REQUIRE(ok.spec->autos.size() == 1);
    CHECK(ok.spec->autos[0].knob == "network.fab.leaves.gpu.up");
    auto nic = load(edit(k_valid, "    storage_nic: 2 x 200 Gb/s", "    storage_nic: auto x 200 Gb/s"));
    REQUIRE(nic.spec);
    CHECK(nic.spec->autos[0].knob == "compute.gpu.storage_nic");
    auto bad = load(edit(k_valid, "    count: 40", "    count: auto"));
    CHECK_FALSE(bad.spec);
    CHECK(contains(dump(bad), "expected a whole number, got 'auto'"));
}

TEST_CASE("load: durability, rebuild, capacity-planning and scenario keys", "[load][durability]") {
    auto text = edit(k_valid, "drives: {count: 24, capacity: 30.72 TB, read: 6.8 GB/s, write: 4.0 GB/s}",
                     "drives: {count: 24, capacity: 30.72 TB, read: 6.8 GB/s, write: 4.0 GB/s, afr: 1.5%, ure: 1e-15}");
    text = edit(text, "    fill_limit: 80%\n",
                "    fill_limit: 80%\n    spares: 2%\n    reserve: 5%\n    rebuild: {mode: spare, share: 25%}\n");
    text = edit(text, "  - id: space\n", "  - {id: nines, nines: 11, on: scratch}\n  - id: space\n");
    text += "scenarios:\n  - {id: two, servers_down: {scratch: 2}, leaves_down: {gpu: 1}, pool_drives_down: {scratch: 2}}\n"
            "default_scenarios: false\n";
    auto r = load(text);
    INFO(dump(r));
    REQUIRE(r.spec);
    const auto& s = r.spec->storage[0];
    CHECK(s.drives.afr == 0.015);
    CHECK(s.drives.ure == 1e-15);
    CHECK(s.spares == 0.02);
    CHECK(s.reserve == 0.05);
    CHECK(s.rebuild.mode == Rebuild::Mode::spare);
    CHECK(s.rebuild.share == 0.25);
    REQUIRE(r.spec->durability.size() == 1);
    CHECK(r.spec->durability[0].nines == 11.0);
    REQUIRE(r.spec->scenarios.size() == 1);
    CHECK(r.spec->scenarios[0].servers_down == std::vector<std::pair<std::string, int>>{{"scratch", 2}});
    CHECK(r.spec->scenarios[0].leaves_down == std::vector<std::pair<std::string, int>>{{"gpu", 1}});
    CHECK(r.spec->scenarios[0].pool_drives_down == std::vector<std::pair<std::string, int>>{{"scratch", 2}});
    CHECK_FALSE(r.spec->default_scenarios);
    // Defaults of the pool model's inputs: no detection delay, no rebuild priority, no field failure rate.
    CHECK(s.rebuild.delay.value() == 0.0);
    CHECK(s.rebuild.priority == Rebuild::Priority::none);
    CHECK(s.drives.field_afr == 0.0);
    auto pool =
        load(edit(edit(k_valid, "write: 4.0 GB/s}", "write: 4.0 GB/s, afr: 0.44%, field_afr: 1.5%}"), "    fill_limit: 80%\n",
                  "    fill_limit: 80%\n    rebuild: {delay: 10 min, priority: critical-first}\n"));
    INFO(dump(pool));
    REQUIRE(pool.spec);
    CHECK(pool.spec->storage[0].rebuild.delay.value() == 600.0);
    CHECK(pool.spec->storage[0].rebuild.priority == Rebuild::Priority::critical_first);
    CHECK(pool.spec->storage[0].drives.field_afr == 0.015);
    auto kinds = load(edit(edit(k_valid, "write: 4.0 GB/s}", "write: 4.0 GB/s, kind: hdd, rpm: 5400, seek: 12 ms}"),
                           "    fill_limit: 80%\n", "    fill_limit: 80%\n    io_size: 4 MiB\n"));
    INFO(dump(kinds));
    REQUIRE(kinds.spec);
    CHECK(kinds.spec->storage[0].drives.kind == Drives::Kind::hdd);
    CHECK(kinds.spec->storage[0].drives.rpm == 5400.0);
    CHECK(kinds.spec->storage[0].drives.seek.value() == Approx(0.012));
    CHECK(kinds.spec->storage[0].io_size.value() == 4.0 * 1024 * 1024);
    CHECK(load(k_valid).spec->storage[0].io_size.value() == 16.0 * 1024 * 1024); // default
}

TEST_CASE("load: bad durability and scenario input is rejected with the reason", "[load][durability]") {
    auto drives = [&](const std::string& extra) {
        return load(edit(k_valid, "write: 4.0 GB/s}", "write: 4.0 GB/s, " + extra + "}"));
    };
    CHECK(contains(dump(drives("afr: 1.5%, mttf: 2000000 h")), "not both"));
    // A bare 1.5 would be 150%: surely 1.5% meant (0.015 written as a fraction).
    CHECK(contains(dump(drives("afr: 1.5")), "a bare number is a fraction, so '1.5' would be 150%; write '1.5%' or 0.0150"));
    CHECK(contains(dump(drives("afr: 150%")), "expected a ratio above 0% and at most 100%"));
    CHECK(contains(dump(drives("mttf: 2000000")), "a duration needs a unit"));
    CHECK(contains(dump(drives("ure: 2")), "errors per bit read"));
    auto mode = load(edit(k_valid, "    fill_limit: 80%\n", "    fill_limit: 80%\n    rebuild: {mode: declusterd}\n"));
    CHECK(contains(dump(mode), "did you mean 'declustered'?"));
    auto rebuild = [&](const std::string& keys) {
        return dump(load(edit(k_valid, "    fill_limit: 80%\n", "    fill_limit: 80%\n    rebuild: {" + keys + "}\n")));
    };
    CHECK(contains(rebuild("priority: critical-frist"), "did you mean 'critical-first'?"));
    CHECK(contains(rebuild("delay: 10"), "a duration needs a unit"));
    CHECK(contains(rebuild("delay: -5 min"), "rebuild.delay"));
    CHECK(contains(dump(drives("field_afr: 150%")), "expected a ratio"));
    CHECK(contains(dump(drives("kind: hd")), "did you mean 'hdd'?"));
    auto domain = load(edit(k_valid, "    fill_limit: 80%\n", "    fill_limit: 80%\n    failure_domain: leaf\n"));
    CHECK(contains(dump(domain), "a failure domain places chunks across servers"));
    auto domain_typo = load(edit(k_valid, "    fill_limit: 80%\n", "    fill_limit: 80%\n    failure_domain: lef\n"));
    CHECK(contains(dump(domain_typo), "did you mean 'leaf'?"));
    CHECK(contains(dump(drives("rpm: 7200")), "'rpm' and 'seek' describe a disk: add 'kind: hdd'"));
    CHECK(contains(dump(drives("kind: hdd, steady_write: 2 GB/s")), "'steady_write' describes flash: add 'kind: flash'"));
    CHECK(contains(dump(drives("kind: hdd, seek: 8")), "a duration needs a unit"));
    auto nines = load(edit(k_valid, "  - id: space\n", "  - {id: n, nines: 25, on: scratch}\n  - id: space\n"));
    CHECK(contains(dump(nines), "give at most 20"));
    auto sc = load(k_valid + "scenarios:\n  - {id: x, servers_down: {scrach: 1}}\n");
    CHECK(contains(dump(sc), "did you mean 'scratch'?"));
    auto empty = load(k_valid + "scenarios:\n  - {id: x}\n");
    CHECK(contains(dump(empty), "a scenario needs at least one of"));
}

TEST_CASE("load: failover pairs, allocator, racks and server outages", "[load][durability]") {
    auto storage = [&](const std::string& keys) {
        return load(edit(k_valid, "    fill_limit: 80%\n", "    fill_limit: 80%\n" + keys));
    };
    auto good = storage("    ha: {mode: pair, failover: 90 s}\n    allocator: avoid-degraded\n    per_rack: 2\n");
    INFO(dump(good));
    REQUIRE(good.spec);
    const auto& s = good.spec->storage[0];
    CHECK(s.ha.pairs());
    CHECK(s.ha.failover.value() == 90.0);
    CHECK(s.allocator == Allocator::avoid_degraded);
    CHECK(s.per_rack == 2);
    auto outages = load(edit(k_valid, "write: 4.0 GB/s}",
                             "write: 4.0 GB/s}\n      failures: {per_year: 2, reboot: 20 min, "
                             "replace: 3 d, replaced: 5%}"));
    INFO(dump(outages));
    REQUIRE(outages.spec);
    CHECK(outages.spec->storage[0].server_failures.per_year == 2.0);
    CHECK(outages.spec->storage[0].server_failures.mean_outage_hours() == Approx(0.95 / 3 + 0.05 * 72));
    CHECK(contains(dump(storage("    ha: pair\n")), "expected a map: 'ha: {mode: pair, failover: 60 s}'"));
    CHECK(contains(dump(storage("    ha: {mode: pair}\n")), "'mode: pair' needs the failover time"));
    CHECK(contains(dump(storage("    ha: {mode: pari, failover: 1 min}\n")), "did you mean 'pair'?"));
    CHECK(contains(dump(storage("    ha: {mode: pair, failover: 60}\n")), "a duration needs a unit"));
    CHECK(contains(dump(storage("    allocator: avoid-degrade\n")), "did you mean 'avoid-degraded'?"));
    CHECK(contains(dump(storage("    failure_domain: rack\n")), "a rack failure domain needs the servers per rack"));
    CHECK(contains(dump(storage("    ha: {mode: pair, failover: 60 s}\n    per_rack: 3\n")),
                   "expected an even number of servers per rack"));
    auto odd = load(edit(edit(k_valid, "    servers: 10", "    servers: 9"), "    fill_limit: 80%\n",
                         "    fill_limit: 80%\n    ha: {mode: pair, failover: 60 s}\n"));
    CHECK(contains(dump(odd), "expected an even number of servers, got 9 (use 8 or 10)"));
    auto failures = [&](const std::string& keys) {
        return dump(load(edit(k_valid, "write: 4.0 GB/s}", "write: 4.0 GB/s}\n      failures: {" + keys + "}")));
    };
    CHECK(contains(failures("per_year: 2, reboot: 20 min, replace: 3 d"), "replaced"));
    CHECK(contains(failures("per_year: 0, reboot: 20 min, replace: 3 d, replaced: 5%"), "must be greater than 0"));
    CHECK(contains(failures("per_year: 2, reboot: 20, replace: 3 d, replaced: 5%"), "a duration needs a unit"));
    auto racks = load(k_valid + "scenarios:\n  - {id: x, racks_down: {scratch: 1}}\n");
    CHECK(contains(dump(racks), "does not say its servers per rack"));
}

TEST_CASE("load: a compute group's client ceiling", "[load][client]") {
    const std::string with = "    per_rack: 4\n    client: {read: 20 GB/s, write: 12 GB/s}\n"; // line 18
    SECTION("not given: no ceiling") {
        auto r = load(k_valid);
        REQUIRE(r.spec);
        CHECK_FALSE(r.spec->compute[0].client.has_value());
    }
    SECTION("both rates, exact and located") {
        auto r = load(edit(k_valid, "    per_rack: 4\n", with));
        INFO(dump(r));
        REQUIRE(r.spec);
        const auto& c = r.spec->compute[0].client;
        REQUIRE(c.has_value());
        CHECK(c->read.value() == 20e9);
        CHECK(c->write.value() == 12e9);
        CHECK(c->loc.line == 18);
        CHECK(c->loc.column == 13);
    }
    SECTION("both keys are required") {
        auto d = only_error(load(edit(k_valid, "    per_rack: 4\n", "    per_rack: 4\n    client: {read: 20 GB/s}\n")));
        check_at(d, 18, 13);
        CHECK(d.message == "compute[0].client: missing key 'write'");
    }
    SECTION("rates are strict: a size, bits or zero are refused where they stand") {
        auto size =
            only_error(load(edit(k_valid, "    per_rack: 4\n", "    per_rack: 4\n    client: {read: 20 GB, write: 12 GB/s}\n")));
        check_at(size, 18, 20);
        CHECK(size.message == "compute[0].client.read: expected a rate, got a size; write e.g. '10 TB/s'");
        auto zero =
            only_error(load(edit(k_valid, "    per_rack: 4\n", "    per_rack: 4\n    client: {read: 20 GB/s, write: 0 GB/s}\n")));
        check_at(zero, 18, 36);
        CHECK(zero.message == "compute[0].client.write: must be greater than zero, got '0 GB/s'");
    }
    SECTION("a misspelt key is one error with a suggestion") {
        auto d =
            only_error(load(edit(k_valid, "    per_rack: 4\n", "    per_rack: 4\n    client: {read: 20 GB/s, wrte: 12 GB/s}\n")));
        check_at(d, 18, 29);
        CHECK(d.message == "compute[0].client.wrte: unknown key 'wrte'");
        CHECK(contains(format_diagnostic(d), "did you mean 'write'?"));
    }
    SECTION("a rate instead of the map") {
        auto d = only_error(load(edit(k_valid, "    per_rack: 4\n", "    per_rack: 4\n    client: 20 GB/s\n")));
        check_at(d, 18, 13);
        CHECK(contains(d.message, "compute[0].client: expected a map with keys"));
    }
}

TEST_CASE("load: mixed leaves, dual homing and single switches are checked", "[load][topology]") {
    auto net = [&](const std::string& from, const std::string& to) { return dump(load(edit(k_valid, from, to))); };
    const std::string gpu = "      gpu: {down: 16, up: 8}\n      scratch: {down: 16, up: 16}\n";
    CHECK(load(edit(k_valid, gpu, "      rack: {mixed: {gpu: 8, scratch: 8}, up: 8}\n")).spec.has_value());
    CHECK(contains(net(gpu, "      gpu: {mixed: {gpu: 8, scratch: 8}, up: 8}\n"),
                   "a mixed leaf shape is named on its own, but 'gpu' is a compute group or storage system"));
    CHECK(contains(net(gpu, "      rack: {mixed: {gpu: 8}, up: 8}\n      scratch: {down: 16, up: 16, mixed: {gpu: 2}}\n"),
                   "give 'down' (one group) or 'mixed' (several, with their split), not both"));
    CHECK(contains(net(gpu, "      rack: {mixed: {gpu: 8, scratch: 8}, up: 8}\n      scratch: {down: 16, up: 16}\n"),
                   "'scratch' is in leaf shapes 'rack' and 'scratch'"));
    CHECK(contains(net(gpu, "      gpu: {down: 16, up: 8, homing: duel}\n      scratch: {down: 16, up: 16}\n"),
                   "did you mean 'dual'?"));
    CHECK(contains(net(gpu, "      rack: {mixed: {gpu: 8, scrach: 8}, up: 8}\n"), "did you mean 'scratch'?"));
    auto one = [&](const std::string& leaves) {
        std::string t = edit(k_valid, "    tiers: 2\n", "    tiers: 1\n");
        t = edit(t, "    spine: {ports: 32}\n", "");
        return dump(load(edit(t, gpu, leaves)));
    };
    CHECK(contains(one("      switch: {mixed: {gpu: 8, scratch: 8}, up: 4}\n"),
                   "a single-switch fabric (tiers: 1) has no uplinks: remove 'up'"));
    CHECK(contains(one("      gpu: {down: 16}\n      scratch: {down: 16}\n"),
                   "is a single switch (tiers: 1) but has 2 leaf shapes"));
    auto ok = load(edit(edit(edit(k_valid, "    tiers: 2\n", "    tiers: 1\n"), "    spine: {ports: 32}\n", ""), gpu,
                        "      switch: {mixed: {gpu: 8, scratch: 8}}\n"));
    INFO(dump(ok));
    REQUIRE(ok.spec);
    const auto& shape = ok.spec->networks[0].leaves[0];
    CHECK(shape.mixed());
    CHECK(shape.down == 16);
    CHECK(shape.up == 0);
    CHECK(shape.hosts("scratch"));
}

TEST_CASE("load: router groups name two networks, their NIC ports and a forwarding limit", "[load][routers]") {
    auto with = [&](const std::string& router) { return dump(load(k_valid + "routers:\n" + router)); };
    CHECK(contains(with("  - {name: lnet, count: 4, nics: {fab: 1 x 100 Gb/s}, limit: 8 GB/s}\n"),
                   "expected a map from each of the two networks a router joins to its NIC ports there"));
    CHECK(contains(with("  - {name: lnet, count: 4, nics: {fab: 1 x 100 Gb/s, fabb: 1 x 100 Gb/s}, limit: 8 GB/s}\n"),
                   "router group 'lnet': nics: network 'fabb' is not defined"));
    CHECK(contains(with("  - {name: lnet, count: 4, nics: {fab: auto x 100 Gb/s, other: 1 x 100 Gb/s}, limit: 8 GB/s}\n"),
                   "'auto' is not sized here"));
    CHECK(contains(with("  - {name: lnet, count: 4, nics: {fab: 1 x 100 Gb/s, other: 1 x 100 Gb/s}, limit: 8}\n"),
                   "a rate needs a unit"));
    CHECK(contains(with("  - {name: gpu, count: 4, nics: {fab: 1 x 100 Gb/s, other: 1 x 100 Gb/s}, limit: 8 GB/s}\n"),
                   "router group name 'gpu' is already used"));
    CHECK(contains(with("  - {name: lnet, cont: 4, nics: {fab: 1 x 100 Gb/s, other: 1 x 100 Gb/s}, limit: 8 GB/s}\n"),
                   "did you mean 'count'?"));
}

TEST_CASE("load: a dragonfly names its groups, switches and global ports, and no tiers", "[load][dragonfly]") {
    std::string df = edit(k_valid, "    tiers: 2\n", "    dragonfly: {groups: 4, switches: 8, global: 3}\n");
    df = edit(df, "    spine: {ports: 32}\n", "");
    df = edit(df, "      gpu: {down: 16, up: 8}\n      scratch: {down: 16, up: 16}\n",
              "      gpu: {down: 16}\n      scratch: {down: 16}\n");
    auto ok = load(df);
    INFO(dump(ok));
    REQUIRE(ok.spec);
    const auto& d = *ok.spec->networks[0].dragonfly;
    CHECK(d.groups == 4);
    CHECK(d.paths == Dragonfly::Paths::minimal);
    CHECK(contains(dump(load(edit(df, "global: 3}", "global: 3, paths: valiante}"))), "did you mean 'valiant'?"));
    CHECK(contains(dump(load(edit(df, "    dragonfly:", "    tiers: 2\n    dragonfly:"))),
                   "a dragonfly has no tiers: remove 'tiers'"));
    CHECK(contains(dump(load(edit(df, "    dragonfly:", "    spine: {ports: 32}\n    dragonfly:"))),
                   "'spine' belongs to a fat tree; this network is a dragonfly"));
    CHECK(contains(dump(load(edit(df, "      gpu: {down: 16}\n", "      gpu: {down: 16, up: 4}\n"))),
                   "a dragonfly's switches take endpoints directly and have no uplinks: remove 'up'"));
    CHECK(contains(dump(load(edit(df, "groups: 4,", "groups: 1,"))), "expected a whole number from 2 to 1024, got 1"));
    CHECK(contains(dump(load(edit(df, "    dragonfly:", "    routing: static\n    dragonfly:"))),
                   "static routing is modelled on fat trees only"));
}

TEST_CASE("load: variants name knobs of the design, with values in their bounds (issue 11)", "[load][variants]") {
    auto with = [&](const std::string& variants) { return load(k_valid + "variants:\n" + variants); };
    auto ok = with("  - {name: more, set: {storage.scratch.servers: 12, storage.scratch.rebuild.share: 30%}}\n"
                   "  - {name: fewer, set: {storage.scratch.servers: 8}}\n");
    INFO(dump(ok));
    REQUIRE(ok.spec);
    REQUIRE(ok.spec->variants.size() == 2);
    CHECK(ok.spec->variants[0].name == "more");
    REQUIRE(ok.spec->variants[0].set.size() == 2);
    CHECK(ok.spec->variants[0].set[0].path == "storage.scratch.servers");
    CHECK(ok.spec->variants[0].set[0].value == 12);
    CHECK(ok.spec->variants[0].set[1].value == Approx(0.30));
    // The variant applied through the knob table; the base is untouched.
    auto v = archplan::spec::with_variant(*ok.spec, ok.spec->variants[0]);
    CHECK(v.storage[0].servers == 12);
    CHECK(v.storage[0].rebuild.share == Approx(0.30));
    CHECK(v.variants.empty());
    CHECK(ok.spec->storage[0].servers == 10);
    // A typo gets the nearest path, at the key's own line.
    auto typo = with("  - {name: t, set: {storage.scratch.server: 12}}\n");
    CHECK(contains(dump(typo), "'storage.scratch.server' is not a knob of this design (docs/spec.md, Knob paths); did you "
                               "mean 'storage.scratch.servers'?"));
    CHECK(contains(dump(with("  - {name: t, set: {storage.scratch.servers: 0}}\n")),
                   "variants[0].set.storage.scratch.servers: expected a whole number from 1 to 100000, got 0"));
    CHECK(contains(dump(with("  - {name: t, set: {storage.scratch.rebuild.share: 150%}}\n")), "expected a ratio"));
    CHECK(contains(dump(with("  - {name: base, set: {storage.scratch.servers: 12}}\n")), "'base' names the design as written"));
    CHECK(contains(
        dump(with("  - {name: a, set: {storage.scratch.servers: 12}}\n  - {name: a, set: {storage.scratch.servers: 14}}\n")),
        "variant name 'a' is used twice"));
    CHECK(contains(dump(with("  - {name: a, set: {}}\n")), "expected a map of knob paths to values"));
}
