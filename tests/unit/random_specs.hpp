// Random designs for the property tests: one compute group and one storage system on a two- or three-tier
// fabric, with random counts, ports, rates, protection and requirements. Some are impossible to wire (more
// ports than a switch has); the model refuses those, and the tests skip them.
#pragma once

#include <initializer_list>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace fixtures {

struct RandomDesign {
    int tiers = 0;            // 2 or 3; 0: either
    bool requirements = true; // add random capacity, durability and second bandwidth requirements
    bool extremes = false;    // now and then a figure at the edge of the accepted ranges (1 B/s, 1 EB/s, 1 kB or 1000 EB)
};

inline std::string random_design(std::mt19937_64& rng, RandomDesign want = {}) {
    auto any = [&](std::initializer_list<int> xs) {
        std::vector<int> v(xs);
        return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
    };
    auto between = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    std::bernoulli_distribution coin(0.3), half(0.5);
    int tiers = want.tiers ? want.tiers : any({2, 3});
    int ports = any({1, 2, 4});
    int link = any({100, 200, 400});
    std::bernoulli_distribution rare(want.extremes ? 0.15 : 0.0);
    auto rate = [&] {
        if (rare(rng)) return std::string(any({0, 1}) ? "1 B/s" : "1 EB/s");
        return std::to_string(any({1, 10, 100, 1000})) + " GB/s";
    };
    auto size = [&](int scale) {
        if (rare(rng)) return std::string(any({0, 1}) ? "1 kB" : "1000 EB");
        return std::to_string(scale) + " TB";
    };
    std::ostringstream y;
    y << "archplan: 1\nmargin: " << any({0, 10, 25}) << "%\nrequirements:\n"
      << "  - {id: w, bandwidth: " << rate() << ", direction: write, from: c, to: s}\n";
    if (want.requirements) {
        if (half(rng)) y << "  - {id: r, bandwidth: " << rate() << ", direction: read, from: c, to: s}\n";
        if (half(rng)) y << "  - {id: cap, usable: " << size(any({1, 50, 500, 5000})) << ", on: s}\n";
        if (coin(rng)) y << "  - {id: dur, nines: " << any({5, 8, 11}) << ", on: s}\n";
    }
    y << "compute:\n  - {name: c, count: " << between(2, 300) << ", storage_nic: " << ports << " x " << link << " Gb/s}\n"
      << "network:\n  - name: n\n    link: " << any({100, 200, 400}) << " Gb/s\n    efficiency: " << any({80, 95, 100})
      << "%\n    tiers: " << tiers << "\n    leaves:\n"
      << "      c: {down: " << any({2, 4, 8, 16}) << ", up: " << any({1, 2, 3, 4})
      << (ports % 2 == 0 && coin(rng) ? ", homing: dual" : "") << "}\n"
      << "      s: {down: " << any({2, 4, 8}) << ", up: " << any({1, 2, 4}) << "}\n";
    if (tiers == 3)
        y << "    aggregation: {down: " << any({2, 4, 6, 8}) << ", up: " << any({1, 2, 3, 4}) << "}\n"
          << "    core: {ports: " << any({4, 8, 16, 32}) << "}\n";
    else
        y << "    spine: {ports: " << any({8, 16, 32, 64}) << "}\n";
    int drives = between(1, 24);
    y << "storage:\n  - name: s\n    servers: " << between(1, 40) << "\n    server:\n"
      << "      nic: " << any({1, 2}) << " x " << any({100, 200, 400}) << " Gb/s\n"
      << "      limit: {read: " << any({5, 20, 100}) << " GB/s, write: " << any({5, 20, 100}) << " GB/s}\n"
      << "      drives: {count: " << drives << ", capacity: " << size(any({1, 4, 16, 30})) << ", read: " << any({1, 3, 7})
      << " GB/s, write: " << any({1, 2, 4}) << " GB/s, afr: " << any({1, 2, 5}) << "%}\n";
    switch (between(0, 3)) {
    case 0: y << "    protection: {replicas: 1, where: server}\n"; break;
    case 1: y << "    protection: {replicas: " << any({2, 3}) << ", where: primary}\n"; break;
    case 2: y << "    protection: {erasure: " << any({4, 8}) << "+" << any({1, 2}) << ", where: client}\n"; break;
    default: y << "    protection: {erasure: " << any({4, 8}) << "+2, where: server}\n"; break;
    }
    return y.str();
}

} // namespace fixtures
