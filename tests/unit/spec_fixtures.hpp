// Small specs for the analysis tests, and a helper that loads and builds them.
#pragma once

#include "catch.hpp"

#include "archplan/model/system_graph.hpp"
#include "archplan/spec/spec.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace fixtures {

struct Built {
    archplan::spec::Spec spec;
    archplan::model::SystemGraph graph;
};

// A file of the source tree, whole (the test fails if it cannot be read).
inline std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    INFO("reading " << p.string());
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline archplan::spec::Spec load(const std::string& yaml) {
    auto r = archplan::spec::load_string(yaml, "fixture.yaml");
    if (!r.spec) {
        std::string all;
        for (const auto& d : r.diagnostics.items()) all += archplan::spec::format_diagnostic(d) + "\n";
        throw std::runtime_error("fixture does not load:\n" + all);
    }
    return *r.spec;
}

// `text` with exactly one occurrence of `from` replaced by `to` (the test fails if `from` is not unique).
inline std::string edit(const std::string& text, const std::string& from, const std::string& to) {
    auto at = text.find(from);
    INFO("editing '" << from << "'");
    REQUIRE(at != std::string::npos);
    REQUIRE(text.find(from, at + 1) == std::string::npos);
    return text.substr(0, at) + to + text.substr(at + from.size());
}

inline Built build(const std::string& yaml) {
    auto spec = load(yaml);
    auto b = archplan::model::build(spec);
    if (!b.graph) {
        std::string all;
        for (const auto& d : b.diagnostics.items()) all += archplan::spec::format_diagnostic(d) + "\n";
        throw std::runtime_error("fixture does not build:\n" + all);
    }
    return Built{std::move(spec), std::move(*b.graph)};
}

// 40 GPU nodes x 2 ports and 10 servers x 2 ports on one two-tier fabric, with a bandwidth and a
// capacity requirement: the loader's and the model's tests check positions in it by line and column,
// so its layout is part of the tests (see the line map in test_load.cpp).
inline const std::string small_cluster = R"(archplan: 1
name: test cluster
margin: 10%
requirements:
  - id: ckpt
    bandwidth: 100 GB/s
    direction: write
    from: gpu
    to: scratch
  - id: space
    usable: 1 PB
    on: scratch
compute:
  - name: gpu
    count: 40
    storage_nic: 2 x 200 Gb/s
    per_rack: 4
network:
  - name: fab
    link: 400 Gb/s
    efficiency: 95%
    tiers: 2
    radix: 64
    leaves:
      gpu: {down: 16, up: 8}
      scratch: {down: 16, up: 16}
    spine: {ports: 32}
storage:
  - name: scratch
    kind: parallel-fs
    servers: 10
    server:
      nic: 2 x 400 Gb/s
      limit: {read: 90 GB/s, write: 60 GB/s}
      drives: {count: 24, capacity: 30.72 TB, read: 6.8 GB/s, write: 4.0 GB/s}
    protection: {erasure: 8+2, where: server}
    fill_limit: 80%
)";

// Two tiers, 4 compute nodes on 2 leaves (1 uplink each), 2 servers on 1 leaf, one spine.
// Every link is 100 Gb/s at 80% efficiency = 12.5 GB/s x 0.8 = 10 GB/s payload.
// Each server: 6 drives (one per chunk of its 4+2 stripes), 200 TB, 10 GB/s of reads and 6 GB/s of writes in all.
inline const char* two_tier = R"(
archplan: 1
name: two-tier fixture
requirements:
  - {id: w, bandwidth: 10 GB/s, direction: write, from: c, to: s}
  - {id: cap, usable: 600 TB, on: s}
compute:
  - {name: c, count: 4, storage_nic: 1 x 100 Gb/s}
network:
  - name: n
    link: 100 Gb/s
    efficiency: 80%
    tiers: 2
    leaves:
      c: {down: 2, up: 1}
      s: {down: 2, up: 1}
    spine: {ports: 8}
storage:
  - name: s
    servers: 2
    server:
      nic: 1 x 100 Gb/s
      limit: {read: 9 GB/s, write: 8 GB/s}
      drives: {count: 6, capacity: 33.333333333333333 TB, read: 1.6666666666666667 GB/s, write: 1 GB/s}
    protection: {erasure: 4+2, where: server}
    fill_limit: 80%
)";

} // namespace fixtures
