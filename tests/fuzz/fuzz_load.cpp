// Fuzz target for the loader and the graph builder. Built with clang's libFuzzer (preset `fuzz`), and
// as a plain replay program under any compiler that runs the corpus and the regressions in CI.
#include "archplan/model/system_graph.hpp"
#include "archplan/spec/spec.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    auto loaded = archplan::spec::load_string(text, "fuzz.yaml");
    if (!loaded.spec) {
        // Every rejection must say why.
        if (loaded.diagnostics.empty()) __builtin_trap();
        return 0;
    }
    long endpoints = 0;
    for (const auto& c : loaded.spec->compute) endpoints += static_cast<long>(c.count) * c.storage_nic.ports;
    for (const auto& s : loaded.spec->storage) endpoints += static_cast<long>(s.servers) * s.nic.ports;
    if (endpoints > 20'000) return 0; // keep each run fast; scale is covered by the benchmark
    auto built = archplan::model::build(*loaded.spec);
    if (!built.graph && built.diagnostics.empty()) __builtin_trap();
    return 0;
}
